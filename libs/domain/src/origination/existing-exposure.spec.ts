import { Money } from '../money/money';
import { ExistingLoan, summariseExposure } from './existing-exposure';

const loan = (overrides: Partial<ExistingLoan> = {}): ExistingLoan => ({
  loanId: 'LN20260101-AAAAAA',
  product: 'consumer',
  status: 'disbursed',
  outstandingPrincipal: Money.parse('50000.00'),
  daysPastDue: 0,
  monthlyInstallment: Money.parse('2000.00'),
  ...overrides,
});

describe('existing exposure (存量贷款)', () => {
  it('sums what is owed and the installments, and refuses nothing when all is current', () => {
    const { summary, refusals } = summariseExposure([
      loan(),
      loan({
        loanId: 'LN20260101-BBBBBB',
        product: 'housing',
        outstandingPrincipal: Money.parse('800000.00'),
        monthlyInstallment: Money.parse('4000.00'),
      }),
    ]);
    expect(summary).toEqual({
      loans: 2,
      outstanding: '850000.00',
      monthlyInstallments: '6000.00',
      housingLoans: 1,
      overdueLoans: [],
    });
    expect(refusals).toEqual([]);
  });

  it('refuses when any loan is overdue or written off (借新还旧)', () => {
    const { summary, refusals } = summariseExposure([
      loan({ daysPastDue: 3 }),
      loan({ loanId: 'LN20250101-CCCCCC', status: 'written-off' }),
    ]);
    expect(summary.overdueLoans).toEqual(['LN20260101-AAAAAA', 'LN20250101-CCCCCC']);
    expect(refusals.map((r) => r.code)).toEqual(['EXISTING_LOAN_OVERDUE', 'EXISTING_LOAN_OVERDUE']);
    expect(refusals[0].reason).toMatch(/3 days past due/);
    expect(refusals[1].reason).toMatch(/written off/);
  });

  it('is empty for a new customer', () => {
    expect(summariseExposure([]).summary).toMatchObject({ loans: 0, outstanding: '0.00' });
  });
});
