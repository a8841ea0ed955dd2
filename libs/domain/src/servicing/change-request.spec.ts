import { DomainError } from '../errors/domain-error';
import {
  accountProblems,
  assertChangeAllowed,
  detailDiff,
  detailProblems,
  repaymentAccountInForce,
} from './change-request';

describe('changes of account and borrower details (更改还款帐户、更改借款人信息)', () => {
  const refused = (fn: () => void): DomainError => {
    try {
      fn();
    } catch (error) {
      return error as DomainError;
    }
    throw new Error('expected a refusal');
  };

  it('takes a payout-account change only before the payout, a repayment-account change until the loan ends', () => {
    expect(() => assertChangeAllowed('payout-account', 'approved', 'L1')).not.toThrow();
    expect(() => assertChangeAllowed('payout-account', 'contracts-signed', 'L1')).not.toThrow();
    const afterPayout = refused(() => assertChangeAllowed('payout-account', 'disbursed', 'L1'));
    expect(afterPayout.code).toBe('CHANGE_NOT_ALLOWED');
    expect(afterPayout.message).toContain('change the repayment account instead');
    expect(() => assertChangeAllowed('repayment-account', 'disbursed', 'L1')).not.toThrow();
    expect(refused(() => assertChangeAllowed('repayment-account', 'settled', 'L1')).code).toBe(
      'CHANGE_NOT_ALLOWED',
    );
    expect(refused(() => assertChangeAllowed('repayment-account', 'refused', 'L1')).code).toBe(
      'CHANGE_NOT_ALLOWED',
    );
    // A written-off loan is still recovered: its borrower's contact details still change.
    expect(() => assertChangeAllowed('borrower-details', 'written-off', 'L1')).not.toThrow();
    expect(() => assertChangeAllowed('repayment-account', 'written-off', 'L1')).toThrow(
      DomainError,
    );
  });

  it('checks the new account number, and the seller’s name only for an entrusted payout', () => {
    expect(
      accountProblems('repayment-account', { account: '6222020200112233445' }, 'entrusted'),
    ).toEqual([]);
    expect(accountProblems('repayment-account', { account: '6222-0202' }, 'self')).toEqual([
      { field: 'account.account', reason: 'must be a bank account number of 10 to 30 digits' },
    ]);
    expect(
      accountProblems('payout-account', { account: '6222020200112233445' }, 'entrusted').map(
        (p) => p.field,
      ),
    ).toEqual(['account.accountName']);
    expect(
      accountProblems(
        'payout-account',
        { account: '6222020200112233445', accountName: '杭州某装饰公司' },
        'entrusted',
      ),
    ).toEqual([]);
    expect(
      accountProblems(
        'repayment-account',
        { account: '6222020200112233445', accountName: '王某' },
        'self',
      ).map((p) => p.field),
    ).toEqual(['account.accountName']);
  });

  it('checks each new detail by its own rule and refuses a field the register does not keep', () => {
    expect(detailProblems({ phone: '13900001111', address: '杭州市西湖区文三路 1 号' })).toEqual(
      [],
    );
    expect(detailProblems({})).toEqual([
      { field: 'details', reason: 'must name at least one of name, phone, address, employer' },
    ]);
    expect(
      detailProblems({ phone: '12345', idNumber: 'x', name: '王' }).map((p) => p.field),
    ).toEqual(['details.phone', 'details.idNumber', 'details.name']);
  });

  it('keeps only the fields that differ, old beside new, and refuses a change that changes nothing', () => {
    const current = {
      name: '王小明',
      phone: '13800138000',
      address: '杭州市上城区 1 号',
      employer: null,
    };
    expect(
      detailDiff(current, { phone: '13900001111', name: '王小明', employer: '某科技公司' }),
    ).toEqual({
      fields: ['phone', 'employer'],
      before: { phone: '13800138000', employer: null },
      after: { phone: '13900001111', employer: '某科技公司' },
    });
    const same = refused(() => detailDiff(current, { phone: '13800138000' }));
    expect(same.code).toBe('VALIDATION_FAILED');
    expect(same.details.fieldErrors).toEqual([
      { field: 'details', reasons: ['the register already holds these values'] },
    ]);
  });

  it('debits repayments from the approved repayment account, else the borrower’s own payout account', () => {
    expect(
      repaymentAccountInForce({
        paymentMethod: 'self',
        payeeAccount: '1111111111',
        approvedRepaymentAccount: null,
      }),
    ).toBe('1111111111');
    expect(
      repaymentAccountInForce({
        paymentMethod: 'entrusted',
        payeeAccount: '1111111111',
        approvedRepaymentAccount: null,
      }),
    ).toBeNull();
    expect(
      repaymentAccountInForce({
        paymentMethod: 'entrusted',
        payeeAccount: '1111111111',
        approvedRepaymentAccount: '2222222222',
      }),
    ).toBe('2222222222');
  });
});
