import { Money } from '../money/money';
import { AccountFact, heldInAdvance, trialBalanceProblems } from './trial-balance';

const yuan = (amount: string) => Money.parse(amount);
const account = (code: string, balance: string, entries = balance): AccountFact => ({
  code,
  balance: yuan(balance),
  entries: yuan(entries),
});

/** A 12,000.00 loan paid out, then a repayment of 1,500.00 of which 1,000.00 was due. */
const transactions = [
  { txnId: 'DSB-1', net: Money.zero() },
  { txnId: 'RPY-1', net: Money.zero() },
];
const accounts = [
  account('LOAN:L1', '11120.00'),
  account('CUST:62220001', '-12000.00'),
  account('CLR:REPAYMENT', '1500.00'),
  account('INCOME:INTEREST', '-120.00'),
  account('ADV:L1', '-500.00'),
];
const loan = {
  loanId: 'L1',
  outstandingPrincipal: yuan('11120.00'),
  writtenOffPrincipal: Money.zero(),
  recoveredPrincipal: Money.zero(),
  heldInAdvance: yuan('500.00'),
  heldInSuspense: Money.zero(),
};

describe('trial balance', () => {
  it('finds nothing wrong in a ledger that holds every yuan', () => {
    expect(trialBalanceProblems({ transactions, accounts, loans: [loan] })).toEqual([]);
  });

  it('names a transaction that does not balance and an account whose balance drifted', () => {
    const problems = trialBalanceProblems({
      transactions: [...transactions, { txnId: 'RPY-2', net: yuan('0.01') }],
      accounts: [...accounts.slice(1), account('LOAN:L1', '11120.00', '11119.99')],
      loans: [],
    });
    expect(problems.map((p) => [p.check, p.subject])).toEqual([
      ['transaction-balances', 'RPY-2'],
      ['account-balance', 'LOAN:L1'],
    ]);
  });

  it('names a loan whose receivable is not its outstanding principal, and money not held in advance', () => {
    const problems = trialBalanceProblems({
      transactions,
      accounts,
      loans: [{ ...loan, outstandingPrincipal: yuan('11000.00'), heldInAdvance: yuan('0.00') }],
    });
    expect(problems).toEqual([
      expect.objectContaining({
        check: 'loan-receivable',
        message: 'loan L1: the receivable is 11120.00 but 11000.00 of principal is outstanding',
      }),
      expect.objectContaining({
        check: 'loan-advance',
        message:
          'loan L1: the advance account holds 500.00 but 0.00 was received and not yet applied or refunded',
      }),
    ]);
  });

  it('counts a written-off loan’s principal off the receivable', () => {
    expect(
      trialBalanceProblems({
        transactions,
        accounts: accounts.map((a) => (a.code === 'LOAN:L1' ? account('LOAN:L1', '0.00') : a)),
        loans: [{ ...loan, writtenOffPrincipal: yuan('11120.00') }],
      }),
    ).toEqual([]);
  });

  it('keeps a recovery after write-off off the receivable: it goes back to the allowance', () => {
    // 11,120.00 written off, then 2,000.00 of principal recovered: the schedule owes 9,120.00.
    expect(
      trialBalanceProblems({
        transactions,
        accounts: accounts.map((a) => (a.code === 'LOAN:L1' ? account('LOAN:L1', '0.00') : a)),
        loans: [
          {
            ...loan,
            outstandingPrincipal: yuan('9120.00'),
            writtenOffPrincipal: yuan('11120.00'),
            recoveredPrincipal: yuan('2000.00'),
          },
        ],
      }),
    ).toEqual([]);
  });

  it('names a loan whose suspense account is not the payments awaiting confirmation', () => {
    const problems = trialBalanceProblems({
      transactions,
      accounts: [...accounts, account('SUSP:L1', '-80000.00')],
      loans: [{ ...loan, heldInSuspense: yuan('60000.00') }],
    });
    expect(problems).toEqual([
      expect.objectContaining({
        check: 'loan-suspense',
        message:
          'loan L1: the suspense account holds 80000.00 but 60000.00 of payments await confirmation',
      }),
    ]);
    expect(
      trialBalanceProblems({
        transactions,
        accounts: [...accounts, account('SUSP:L1', '-80000.00')],
        loans: [{ ...loan, heldInSuspense: yuan('80000.00') }],
      }),
    ).toEqual([]);
  });

  it('holds in advance what was received and not applied, less refunds', () => {
    const payments = [
      { received: yuan('1500.00'), applied: yuan('1000.00') }, // 500.00 ahead
      { received: Money.zero(), applied: yuan('300.00') }, // the advance applied at a due date
      { received: yuan('50.00'), applied: yuan('250.00') }, // an early settlement using the rest
    ];
    expect(heldInAdvance(payments, Money.zero()).toDecimalString()).toBe('0.00');
    expect(heldInAdvance(payments.slice(0, 2), yuan('20.00')).toDecimalString()).toBe('180.00');
  });
});
