import { maskedValues } from './change-views';

describe('a change’s values as the dossier shows them', () => {
  it('masks account numbers, names and phones, and hides addresses and employers whole', () => {
    expect(
      maskedValues(
        JSON.stringify({
          account: '6222020200112233445',
          accountName: '杭州某装饰工程有限公司',
          phone: '13800138000',
          name: '王小明',
          address: '杭州市西湖区文三路 100 号',
          employer: '某科技公司',
        }),
      ),
    ).toEqual({
      account: '****3445',
      accountName: '杭***',
      phone: '138****8000',
      name: '王**',
      address: '***',
      employer: '***',
    });
  });

  it('keeps an empty value empty (a detail the register did not hold)', () => {
    expect(maskedValues(JSON.stringify({ account: null, address: null }))).toEqual({
      account: null,
      address: null,
    });
  });
});
