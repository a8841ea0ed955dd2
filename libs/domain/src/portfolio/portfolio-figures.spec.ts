import { Money } from '../money/money';
import { daysPastDueOn, portfolioFigures, ServicedLoanGroup } from './portfolio-figures';

const yuan = (amount: string) => Money.parse(amount);
const text = (money: Money) => money.toDecimalString();
const group = (
  classification: string,
  firstOverdueDueDate: string | null,
  loans: number,
  outstanding: string,
  overdue = '0.00',
): ServicedLoanGroup => ({
  classification,
  firstOverdueDueDate,
  loans,
  outstandingPrincipal: yuan(outstanding),
  overduePrincipal: yuan(overdue),
});

describe('portfolio figures', () => {
  const asOf = '2026-06-30';
  // Days past due on 2026-06-30: 06-20 → 10; 05-01 → 30 + 30 = 60; 04-01 → 90;
  // 03-02 → 29 + 30 + 31 + 30 = 120; 2025-09-03 → 300; 2025-07-05 → 360; 2025-05-26 → 400.
  const figures = portfolioFigures(asOf, [
    group('normal', null, 3, '30000.00'),
    group('special-mention', null, 1, '6000.00'),
    group('special-mention', '2026-06-20', 2, '16000.40', '8000.20'),
    group('special-mention', '2026-05-01', 1, '8000.00', '5000.00'),
    group('special-mention', '2026-04-01', 1, '1000.00', '500.00'),
    group('substandard', '2026-03-02', 1, '50000.00', '20000.00'),
    group('doubtful', '2025-09-03', 1, '24000.00', '12000.00'),
    group('doubtful', '2025-07-05', 1, '3000.00', '0.00'),
    group('loss', '2025-05-26', 1, '7000.01', '7000.01'),
  ]);

  it('counts every loan and balance once, at its recorded level, all five levels present', () => {
    expect(figures.classification.map((l) => [l.level, l.name, l.loans, text(l.balance)])).toEqual([
      ['normal', '正常', 3, '30000.00'],
      // 6,000.00 + 16,000.40 + 8,000.00 + 1,000.00
      ['special-mention', '关注', 5, '31000.40'],
      ['substandard', '次级', 1, '50000.00'],
      // 24,000.00 + 3,000.00
      ['doubtful', '可疑', 2, '27000.00'],
      ['loss', '损失', 1, '7000.01'],
    ]);
  });

  it('puts each overdue loan in the bucket of its days past due, with its overdue principal', () => {
    expect(
      figures.overdueBuckets.map((b) => [b.bucket, b.loans, text(b.overduePrincipal)]),
    ).toEqual([
      ['1-30', 2, '8000.20'],
      // 60 and 90 days: 5,000.00 + 500.00
      ['31-90', 2, '5500.00'],
      ['91-180', 1, '20000.00'],
      // 300 and 360 days (the second owes only interest overdue)
      ['181-360', 2, '12000.00'],
      ['360+', 1, '7000.01'],
    ]);
  });

  it('reads the overdue rate on the whole balance of overdue loans and the NPL ratio on substandard and worse', () => {
    const p = figures.portfolio;
    expect({
      ...p,
      outstandingBalance: text(p.outstandingBalance),
      overdueLoanBalance: text(p.overdueLoanBalance),
      overduePrincipal: text(p.overduePrincipal),
      nonPerformingBalance: text(p.nonPerformingBalance),
    }).toEqual({
      loans: 12,
      // 30,000.00 + 31,000.40 + 50,000.00 + 27,000.00 + 7,000.01
      outstandingBalance: '145000.41',
      overdueLoans: 8,
      // 16,000.40 + 8,000.00 + 1,000.00 + 50,000.00 + 24,000.00 + 3,000.00 + 7,000.01
      overdueLoanBalance: '109000.41',
      // 8,000.20 + 5,000.00 + 500.00 + 20,000.00 + 12,000.00 + 7,000.01
      overduePrincipal: '52500.21',
      // 109,000.41 / 145,000.41 = 0.751725…
      overdueRate: '0.7517',
      nonPerformingLoans: 4,
      // 50,000.00 + 27,000.00 + 7,000.01
      nonPerformingBalance: '84000.01',
      // 84,000.01 / 145,000.41 = 0.579309…
      nonPerformingRatio: '0.5793',
    });
  });

  it('reports an empty portfolio with every level and bucket at zero and ratios of 0', () => {
    const empty = portfolioFigures(asOf, []);
    expect(empty.classification.map((l) => [l.level, l.loans, text(l.balance)])).toEqual([
      ['normal', 0, '0.00'],
      ['special-mention', 0, '0.00'],
      ['substandard', 0, '0.00'],
      ['doubtful', 0, '0.00'],
      ['loss', 0, '0.00'],
    ]);
    expect(empty.overdueBuckets.map((b) => [b.bucket, b.loans])).toEqual([
      ['1-30', 0],
      ['31-90', 0],
      ['91-180', 0],
      ['181-360', 0],
      ['360+', 0],
    ]);
    expect(empty.portfolio.overdueRate).toBe('0.0000');
    expect(empty.portfolio.nonPerformingRatio).toBe('0.0000');
  });

  it('counts days past due from the day after the due date', () => {
    expect(daysPastDueOn('2026-06-30', null)).toBe(0);
    expect(daysPastDueOn('2026-06-30', '2026-06-29')).toBe(1);
    expect(daysPastDueOn('2026-03-01', '2026-02-28')).toBe(1);
    expect(daysPastDueOn('2026-06-30', '2025-06-30')).toBe(365);
  });

  it.each([
    [
      'an installment due on asOf',
      group('normal', '2026-06-30', 1, '1.00', '1.00'),
      'PORTFOLIO_INPUT_INVALID',
    ],
    ['no loans', group('normal', null, 0, '0.00'), 'PORTFOLIO_INPUT_INVALID'],
    ['an unknown level', group('pass', null, 1, '1.00'), 'CLASSIFICATION_INVALID'],
    [
      'overdue principal without an overdue installment',
      group('normal', null, 1, '2.00', '1.00'),
      'PORTFOLIO_INPUT_INVALID',
    ],
    [
      'more overdue than outstanding',
      group('loss', '2025-01-01', 1, '1.00', '2.00'),
      'PORTFOLIO_INPUT_INVALID',
    ],
    ['a bad date', group('loss', '2025-02-30', 1, '1.00', '1.00'), 'PORTFOLIO_INPUT_INVALID'],
  ])('refuses %s', (_, bad, code) => {
    expect(() => portfolioFigures(asOf, [bad])).toThrowDomainError(code);
  });
});
