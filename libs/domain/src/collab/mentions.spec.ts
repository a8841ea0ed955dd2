import { mentionedUsers, mentionsInText } from './mentions';

describe('mentions in comments', () => {
  it('reads @user.name from the text, without a full stop that ends the sentence', () => {
    expect(mentionsInText('请 @wang.reviewer 核对收入证明，并告知 @Chen.Center.')).toEqual([
      'wang.reviewer',
      'chen.center',
    ]);
  });

  it('ignores e-mail addresses and names mentioned twice', () => {
    expect(mentionsInText('mail li.cm@bank.cn, then @zhao.approver and @zhao.approver')).toEqual([
      'zhao.approver',
    ]);
    expect(mentionsInText('no one here')).toEqual([]);
  });

  it('keeps the listed names apart from those in the text, never the author', () => {
    expect(
      mentionedUsers('li.cm', '@li.cm asks @wang.reviewer and @chen.center', [
        ' Chen.Center ',
        'li.cm',
      ]),
    ).toEqual({
      listed: ['chen.center'],
      inText: ['wang.reviewer'],
    });
  });
});
