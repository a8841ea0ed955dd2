import Decimal from 'decimal.js';
import { RiskGrade } from '../authority/approval-authority';
import { ageOn } from '../applicant/id-number';
import { addMonthsClamped, formatIsoDate, parseIsoDate } from '../calendar/calendar-date';
import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';
import { debtToIncomeRatio } from './debt-to-income';
import { ProductPolicy } from './product-policy';
import { scoreApplication } from './scorecard';

/** Full civil capacity: a guarantor is an adult, as a borrower is. */
export const MINIMUM_GUARANTOR_AGE = 18;

/**
 * A guarantor's own debts plus the installment they guarantee may take at most this share of
 * their income: 55%, the ceiling on all monthly debt to income the CBRC set for personal housing
 * loans (个人住房贷款风险管理指引, 2004) and banks apply to anyone whose income repays a loan.
 */
export const GUARANTOR_MAX_DEBT_TO_INCOME = '0.55';

/** The bureau grade a guarantor may not have: D, a past default or trouble now. */
export const GUARANTOR_REFUSED_GRADE: RiskGrade = 'D';

export interface GuarantorBureauFacts {
  score: number;
  overdueAccounts: number;
  maxDaysOverdue: number;
  inquiriesLast6Months: number;
  /** Decimal yuan. */
  monthlyDebtPayments: string;
}

export interface GuarantorFacts {
  /** How refusals name the guarantor ("guarantor 1"): never a name or ID number (they reach the engine). */
  label: string;
  birthDate: string;
  onWarningList: boolean;
  bureau: GuarantorBureauFacts;
  monthlyIncome: Money;
  /** What the guarantor declared. */
  declaredMonthlyDebt: Money;
  /** The borrower's largest installment: joint and several liability answers for all of it. */
  guaranteedInstallment: Money;
  termMonths: number;
}

export type GuarantorRefusalCode =
  | 'GUARANTOR_CIVIL_CAPACITY'
  | 'GUARANTOR_WARNING_LIST'
  | 'GUARANTOR_BUREAU_GRADE'
  | 'GUARANTOR_CAPACITY';

export interface GuarantorAssessment {
  label: string;
  eligible: boolean;
  refusals: { code: GuarantorRefusalCode; reason: string }[];
  age: number;
  ageAtMaturity: number | null;
  onWarningList: boolean;
  /** The scorecard's grade on the guarantor's own bureau report and capacity. */
  grade: RiskGrade;
  points: number;
  /** (own debts + guaranteed installment) / income, 4 places; null without income. */
  debtToIncome: string | null;
  maxDebtToIncome: string;
}

/**
 * Whether a guarantor may guarantee (保证人资格和保证能力): an adult within the product's age limit
 * at maturity, not on the credit warning list, not graded D on their own bureau report, and able
 * to carry the installment on top of their own debts (the larger of declared and reported).
 * Every reason is returned.
 */
export function assessGuarantor(
  facts: GuarantorFacts,
  policy: ProductPolicy,
  today: string,
): GuarantorAssessment {
  const start = parseIsoDate(today);
  if (!start) throw new DomainError('DATE_INVALID', `today must be YYYY-MM-DD, got "${today}"`);
  const refusals: GuarantorAssessment['refusals'] = [];
  const age = ageOn(facts.birthDate, today);
  let ageAtMaturity: number | null = null;
  if (age < MINIMUM_GUARANTOR_AGE) {
    refusals.push({
      code: 'GUARANTOR_CIVIL_CAPACITY',
      reason: `${facts.label} is ${age}; a guarantor must be an adult of ${MINIMUM_GUARANTOR_AGE} or over`,
    });
  } else if (Number.isInteger(facts.termMonths) && facts.termMonths >= 1) {
    const maturity = formatIsoDate(addMonthsClamped(start, facts.termMonths));
    ageAtMaturity = ageOn(facts.birthDate, maturity);
    if (ageAtMaturity > policy.maxAgeAtMaturity) {
      refusals.push({
        code: 'GUARANTOR_CIVIL_CAPACITY',
        reason: `${facts.label} would be ${ageAtMaturity} when the loan matures on ${maturity}; a guarantor of a ${policy.product} loan must be at most ${policy.maxAgeAtMaturity} then`,
      });
    }
  }
  if (facts.onWarningList) {
    refusals.push({
      code: 'GUARANTOR_WARNING_LIST',
      reason: `${facts.label} is on the credit warning list (客户信用预警名单)`,
    });
  }
  const reported = Money.parse(facts.bureau.monthlyDebtPayments);
  const ownDebt =
    facts.declaredMonthlyDebt.compare(reported) >= 0 ? facts.declaredMonthlyDebt : reported;
  const debtToIncome = debtToIncomeRatio({
    monthlyIncome: facts.monthlyIncome,
    existingMonthlyDebtPayments: ownDebt,
    newLoanFirstInstallment: facts.guaranteedInstallment,
  });
  const card = scoreApplication({
    bureauScore: facts.bureau.score,
    overdueAccounts: facts.bureau.overdueAccounts,
    maxDaysOverdue: facts.bureau.maxDaysOverdue,
    inquiriesLast6Months: facts.bureau.inquiriesLast6Months,
    debtToIncome,
    age: Math.max(age, 0),
    guaranteeType: 'credit',
  });
  if (card.grade === GUARANTOR_REFUSED_GRADE) {
    refusals.push({
      code: 'GUARANTOR_BUREAU_GRADE',
      reason: `${facts.label} grades ${card.grade} (${card.points} points) on their own credit report: bureau score ${facts.bureau.score}, ${facts.bureau.overdueAccounts} account(s) overdue, worst delinquency ${facts.bureau.maxDaysOverdue} days`,
    });
  }
  if (debtToIncome === null || new Decimal(debtToIncome).gt(GUARANTOR_MAX_DEBT_TO_INCOME)) {
    refusals.push({
      code: 'GUARANTOR_CAPACITY',
      reason:
        debtToIncome === null
          ? `${facts.label} has no income to answer for the installment of ${facts.guaranteedInstallment.toDecimalString()}`
          : `${facts.label}'s own debts of ${ownDebt.toDecimalString()} and the guaranteed installment of ${facts.guaranteedInstallment.toDecimalString()} take ${debtToIncome} of a monthly income of ${facts.monthlyIncome.toDecimalString()}; at most ${GUARANTOR_MAX_DEBT_TO_INCOME}`,
    });
  }
  return {
    label: facts.label,
    eligible: refusals.length === 0,
    refusals,
    age,
    ageAtMaturity,
    onWarningList: facts.onWarningList,
    grade: card.grade,
    points: card.points,
    debtToIncome,
    maxDebtToIncome: GUARANTOR_MAX_DEBT_TO_INCOME,
  };
}
