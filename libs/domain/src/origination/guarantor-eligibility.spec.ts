import { Money } from '../money/money';
import { assessGuarantor, GuarantorFacts } from './guarantor-eligibility';
import { DEFAULT_PRODUCT_POLICIES } from './product-policy';

const clean = {
  score: 780,
  overdueAccounts: 0,
  maxDaysOverdue: 0,
  inquiriesLast6Months: 1,
  monthlyDebtPayments: '0.00',
};
const facts = (overrides: Partial<GuarantorFacts> = {}): GuarantorFacts => ({
  label: 'guarantor 1',
  birthDate: '1985-02-02',
  onWarningList: false,
  bureau: clean,
  monthlyIncome: Money.parse('20000.00'),
  declaredMonthlyDebt: Money.parse('1000.00'),
  guaranteedInstallment: Money.parse('6000.00'),
  termMonths: 36,
  ...overrides,
});
const consumer = DEFAULT_PRODUCT_POLICIES.consumer;
const codes = (f: GuarantorFacts) =>
  assessGuarantor(f, consumer, '2026-12-03').refusals.map((r) => r.code);

describe('guarantor eligibility (保证人资格和保证能力)', () => {
  it('accepts an adult with a clean record who can carry the installment', () => {
    const assessment = assessGuarantor(facts(), consumer, '2026-12-03');
    expect(assessment).toMatchObject({
      eligible: true,
      refusals: [],
      age: 41,
      ageAtMaturity: 44,
      grade: 'A',
      debtToIncome: '0.3500',
    });
  });

  it('refuses a minor, and one past the product’s age at maturity', () => {
    expect(codes(facts({ birthDate: '2012-06-01' }))).toEqual(['GUARANTOR_CIVIL_CAPACITY']);
    const old = assessGuarantor(facts({ birthDate: '1966-01-01' }), consumer, '2026-12-03');
    expect(old.refusals[0].code).toBe('GUARANTOR_CIVIL_CAPACITY');
    expect(old.refusals[0].reason).toMatch(/would be 63 .* at most 60/);
  });

  it('refuses a guarantor on the credit warning list', () => {
    expect(codes(facts({ onWarningList: true }))).toEqual(['GUARANTOR_WARNING_LIST']);
  });

  it('refuses a guarantor graded D on their own credit report', () => {
    const troubled = {
      score: 520,
      overdueAccounts: 2,
      maxDaysOverdue: 95,
      inquiriesLast6Months: 9,
      monthlyDebtPayments: '0.00',
    };
    expect(codes(facts({ bureau: troubled }))).toEqual(['GUARANTOR_BUREAU_GRADE']);
  });

  it('refuses when own debts (the larger of declared and reported) and the installment exceed 55% of income', () => {
    // 5,100 reported + 6,000 guaranteed over 20,000 = 0.555
    const stretched = facts({ bureau: { ...clean, monthlyDebtPayments: '5100.00' } });
    const assessment = assessGuarantor(stretched, consumer, '2026-12-03');
    expect(assessment.refusals.map((r) => r.code)).toEqual(['GUARANTOR_CAPACITY']);
    expect(assessment.debtToIncome).toBe('0.5550');
    // exactly 55% passes
    expect(codes(facts({ declaredMonthlyDebt: Money.parse('5000.00') }))).toEqual([]);
    expect(codes(facts({ monthlyIncome: Money.zero() }))).toContain('GUARANTOR_CAPACITY');
  });
});
