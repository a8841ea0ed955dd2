import { Money } from '../money/money';
import { debtToIncomeRatio } from './debt-to-income';

const yuan = (amount: string) => Money.parse(amount);

describe('debt-to-income ratio (负债收入比)', () => {
  it('adds the new loan to existing debts, over income, to 4 places', () => {
    expect(
      debtToIncomeRatio({
        monthlyIncome: yuan('12000.00'),
        existingMonthlyDebtPayments: yuan('2000.00'),
        newLoanFirstInstallment: yuan('304.91'),
      }),
    ).toBe('0.1921'); // 2304.91 / 12000 = 0.192075…
  });

  it('rounds half-up at the fourth place', () => {
    // 2.50 / 10000.00 = 0.00025 exactly: half-up gives 0.0003 (banker's rounding would give 0.0002)
    expect(
      debtToIncomeRatio({
        monthlyIncome: yuan('10000.00'),
        existingMonthlyDebtPayments: yuan('0.00'),
        newLoanFirstInstallment: yuan('2.50'),
      }),
    ).toBe('0.0003');
  });

  it('can exceed 1 when debts outrun income', () => {
    expect(
      debtToIncomeRatio({
        monthlyIncome: yuan('3000.00'),
        existingMonthlyDebtPayments: yuan('2500.00'),
        newLoanFirstInstallment: yuan('1000.00'),
      }),
    ).toBe('1.1667');
  });

  it('has no ratio when there is no income', () => {
    expect(
      debtToIncomeRatio({
        monthlyIncome: yuan('0.00'),
        existingMonthlyDebtPayments: yuan('100.00'),
        newLoanFirstInstallment: yuan('100.00'),
      }),
    ).toBeNull();
  });

  it('refuses a negative amount, naming it', () => {
    expect(() =>
      debtToIncomeRatio({
        monthlyIncome: yuan('-1.00'),
        existingMonthlyDebtPayments: yuan('0.00'),
        newLoanFirstInstallment: yuan('0.00'),
      }),
    ).toThrowDomainError('DEBT_TO_INCOME_INVALID', { details: { field: 'monthlyIncome' } });
  });
});
