import {
  maskAccount,
  maskIdentifiers,
  maskIdNumber,
  maskName,
  maskPersonalData,
  maskPersonalText,
  maskPhone,
  servesCustomers,
} from './personal-data';

describe('personal data masking', () => {
  it('masks identity numbers, phones, accounts and names the way banks show them', () => {
    expect(maskIdNumber('33010619900101123X')).toBe('330106********123X');
    expect(maskPhone('13812348000')).toBe('138****8000');
    expect(maskAccount('6222020200123453445')).toBe('****3445');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('Li')).toBe('L*');
  });

  it('masks fields by name wherever they are nested, and leaves the loan facts', () => {
    const loan = {
      applicantName: '王小明',
      applicantIdNumber: '33010619900101123X',
      guarantorIdNumbers: ['330106198502022345'],
      product: 'consumer',
      amount: '80000.00',
      branchCode: 'SB-HZ-XH',
      applicant: {
        name: '王小明',
        phone: '13812348000',
        monthlyIncome: '20000.00',
        address: '西湖区',
      },
      payment: { payeeAccount: '6222020200123453445', payeeName: '杭州某家具有限公司' },
      bureau: { score: 712, defaults: 0 },
    };
    expect(maskPersonalData(loan)).toEqual({
      applicantName: '王**',
      applicantIdNumber: '330106********123X',
      guarantorIdNumbers: ['330106********2345'],
      product: 'consumer',
      amount: '80000.00',
      branchCode: 'SB-HZ-XH',
      applicant: { name: '王**', phone: '138****8000', monthlyIncome: '***', address: '***' },
      payment: { payeeAccount: '****3445', payeeName: '杭***' },
      bureau: '***',
    });
  });

  it('finds identity and mobile numbers in free text, and not in engine keys or loan ids', () => {
    expect(
      maskPersonalText('applicant 33010619900101123X (tel 13812348000) on LN20261123-7KQ2M9'),
    ).toBe('applicant 330106********123X (tel 138****8000) on LN20261123-7KQ2M9');
    // A 16-digit engine key and an 18-digit number that is no date of birth stay as they are.
    expect(maskPersonalText('job 2251799813685249, ref 123456789012345678')).toBe(
      'job 2251799813685249, ref 123456789012345678',
    );
  });

  it('masks text inside any variable, whatever its name', () => {
    expect(maskPersonalData({ note: 'call 13812348000' })).toEqual({ note: 'call 138****8000' });
    expect(maskPersonalData(['33010619900101123X', 42, null])).toEqual([
      '330106********123X',
      42,
      null,
    ]);
  });

  it('lets the posts that serve customers read in full; designers, admins and auditors do not', () => {
    expect(servesCustomers(['center-manager'])).toBe(true);
    expect(servesCustomers(['risk-manager', 'auditor'])).toBe(true);
    expect(servesCustomers(['process-designer'])).toBe(false);
    expect(servesCustomers(['admin'])).toBe(false);
    expect(servesCustomers(['auditor'])).toBe(false);
  });
});

describe('maskIdentifiers: every answer of the API', () => {
  it('masks identity, phone and account numbers by field and in text, and leaves the rest', () => {
    const masked = maskIdentifiers({
      applicant: { name: '张伟', idNumber: '33010619900101123X', phone: '13800138000' },
      guarantorIdNumbers: ['330106198502022346'],
      payeeAccount: '6222020200112233445',
      amount: '12000.00',
      message: 'guarantor 330106198502022346 has not signed; call 13900139000',
      at: '2026-12-03T10:00:00.000Z',
    });
    expect(masked).toEqual({
      applicant: { name: '张伟', idNumber: '330106********123X', phone: '138****8000' },
      guarantorIdNumbers: ['330106********2346'],
      payeeAccount: '****3445',
      amount: '12000.00',
      message: 'guarantor 330106********2346 has not signed; call 139****9000',
      at: '2026-12-03T10:00:00.000Z',
    });
  });
});
