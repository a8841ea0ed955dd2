import { newPasswordProblems } from './password-policy';

describe('new password policy', () => {
  const check = (newPassword: string, username = 'li.cm', currentPassword = 'LoanFlow#2026') =>
    newPasswordProblems({ username, currentPassword, newPassword });

  it('accepts 12 characters or more that are neither the user name nor the current one', () => {
    expect(check('twelve chars')).toEqual([]);
    expect(check('长城长城长城长城长城长城')).toEqual([]);
  });

  it('names every reason at once', () => {
    expect(check('short')).toEqual(['must be at least 12 characters']);
    expect(check('LoanFlow#2026')).toEqual(['must differ from the current password']);
    expect(check(' Zhou.Reviewer ', 'zhou.reviewer')).toEqual(['must not be the user name']);
    expect(check('li.cm', 'li.cm')).toEqual([
      'must be at least 12 characters',
      'must not be the user name',
    ]);
  });
});
