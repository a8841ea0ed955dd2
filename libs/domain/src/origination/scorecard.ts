import Decimal from 'decimal.js';
import { RiskGrade } from '../authority/approval-authority';
import { DomainError } from '../errors/domain-error';
import { GUARANTEE_TYPES, GuaranteeType } from './guarantee-types';

/**
 * The application scorecard (申请评分卡): a fixed table of points per factor, added up and cut
 * into grades. Deterministic and readable on purpose: the same facts always give the same
 * grade, and each factor's line explains the grade to the applicant, the approver and, after a
 * loss, the auditor. The grade feeds the approval authority (a riskier grade needs a higher
 * level).
 *
 * - bureau score (300..900): 750 or more 320; 700–749 280; 650–699 230; 600–649 170;
 *   550–599 100; under 550 30
 * - accounts overdue now: none 120; one 50; two 10; three or more −60
 * - worst delinquency: never overdue 100; 1–30 days 60; 31–90 days 0; over 90 days −150
 * - hard inquiries in the last 6 months: 0–2 60; 3–5 30; 6–9 0; 10 or more −40
 * - debt-to-income (with the new loan): up to 0.30 120; up to 0.40 80; up to 0.50 30;
 *   up to 0.60 −20; above 0.60 −100; no income −100
 * - age: 25–50 50; 18–24 or 51–55 30; any other 10
 * - guarantee: mortgage 80; pledge 70; guarantor 40; credit 0
 *
 * Points run from −310 to 850. Grades: A ≥ 700, B 600–699, C 480–599, D < 480.
 *
 * A past default (over 90 days overdue) carries the largest deduction on the card, because it
 * is the best predictor of the next one. Collateral earns points because it lowers the loss
 * when a default happens, not its likelihood, so it is worth less than a clean record.
 */
export interface ScorecardInput {
  /** Credit bureau score, 300..900. */
  bureauScore: number;
  /** Accounts overdue on the credit report today. */
  overdueAccounts: number;
  /** The worst delinquency on the credit report, in days. */
  maxDaysOverdue: number;
  /** Hard inquiries (loan and card applications) in the last 6 months. */
  inquiriesLast6Months: number;
  /** Decimal fraction including the new loan's payment; null when there is no income. */
  debtToIncome: string | null;
  /** Full years. */
  age: number;
  guaranteeType: GuaranteeType;
}

export type ScorecardFactor =
  | 'bureau-score'
  | 'overdue-accounts'
  | 'max-days-overdue'
  | 'inquiries'
  | 'debt-to-income'
  | 'age'
  | 'guarantee';

export interface ScoredFactor {
  factor: ScorecardFactor;
  points: number;
  note: string;
}

export interface Scorecard {
  points: number;
  grade: RiskGrade;
  factors: ScoredFactor[];
}

/** The lowest points of each grade, best grade first. */
export const GRADE_THRESHOLDS: readonly { grade: RiskGrade; minPoints: number }[] = [
  { grade: 'A', minPoints: 700 },
  { grade: 'B', minPoints: 600 },
  { grade: 'C', minPoints: 480 },
  { grade: 'D', minPoints: Number.NEGATIVE_INFINITY },
];

const GUARANTEE_POINTS: Record<GuaranteeType, number> = {
  mortgage: 80,
  pledge: 70,
  guarantor: 40,
  credit: 0,
};

export function scoreApplication(input: ScorecardInput): Scorecard {
  validate(input);
  const factors = [
    bureauScore(input.bureauScore),
    overdueAccounts(input.overdueAccounts),
    maxDaysOverdue(input.maxDaysOverdue),
    inquiries(input.inquiriesLast6Months),
    debtToIncome(input.debtToIncome),
    age(input.age),
    {
      factor: 'guarantee' as const,
      points: GUARANTEE_POINTS[input.guaranteeType],
      note: `secured by ${input.guaranteeType}`,
    },
  ];
  const points = factors.reduce((total, factor) => total + factor.points, 0);
  return { points, grade: gradeFor(points), factors };
}

export function gradeFor(points: number): RiskGrade {
  return GRADE_THRESHOLDS.find((threshold) => points >= threshold.minPoints)?.grade ?? 'D';
}

function bureauScore(score: number): ScoredFactor {
  const [points, band] =
    score >= 750
      ? [320, '750 or more']
      : score >= 700
        ? [280, '700–749']
        : score >= 650
          ? [230, '650–699']
          : score >= 600
            ? [170, '600–649']
            : score >= 550
              ? [100, '550–599']
              : [30, 'under 550'];
  return { factor: 'bureau-score', points, note: `bureau score ${score} (${band})` };
}

function overdueAccounts(count: number): ScoredFactor {
  const points = count === 0 ? 120 : count === 1 ? 50 : count === 2 ? 10 : -60;
  const accounts = count === 0 ? 'no account' : count === 1 ? '1 account' : `${count} accounts`;
  return { factor: 'overdue-accounts', points, note: `${accounts} overdue now` };
}

function maxDaysOverdue(days: number): ScoredFactor {
  const [points, band] =
    days === 0
      ? [100, 'never overdue']
      : days <= 30
        ? [60, '1–30 days']
        : days <= 90
          ? [0, '31–90 days']
          : [-150, 'over 90 days: a past default'];
  return { factor: 'max-days-overdue', points, note: `worst delinquency ${days} days (${band})` };
}

function inquiries(count: number): ScoredFactor {
  const points = count <= 2 ? 60 : count <= 5 ? 30 : count <= 9 ? 0 : -40;
  return { factor: 'inquiries', points, note: `${count} credit inquiries in 6 months` };
}

function debtToIncome(ratio: string | null): ScoredFactor {
  if (ratio === null) {
    return { factor: 'debt-to-income', points: -100, note: 'no verifiable income' };
  }
  const value = new Decimal(ratio);
  const points = value.lte('0.30')
    ? 120
    : value.lte('0.40')
      ? 80
      : value.lte('0.50')
        ? 30
        : value.lte('0.60')
          ? -20
          : -100;
  return { factor: 'debt-to-income', points, note: `debt-to-income ${ratio}` };
}

function age(years: number): ScoredFactor {
  const points =
    years >= 25 && years <= 50
      ? 50
      : (years >= 18 && years <= 24) || (years >= 51 && years <= 55)
        ? 30
        : 10;
  return { factor: 'age', points, note: `age ${years}` };
}

function validate(input: ScorecardInput): void {
  const refuse = (field: keyof ScorecardInput, message: string): never => {
    throw new DomainError('SCORECARD_INPUT_INVALID', `${field}: ${message}`, { field });
  };
  const { bureauScore: score } = input;
  if (!Number.isInteger(score) || score < 300 || score > 900) {
    refuse('bureauScore', `must be a whole number from 300 to 900, got ${score}`);
  }
  for (const field of [
    'overdueAccounts',
    'maxDaysOverdue',
    'inquiriesLast6Months',
    'age',
  ] as const) {
    const value = input[field];
    if (!Number.isInteger(value) || value < 0) {
      refuse(field, `must be a whole number of at least 0, got ${value}`);
    }
  }
  if (input.debtToIncome !== null && !/^\d+(\.\d+)?$/.test(input.debtToIncome)) {
    refuse(
      'debtToIncome',
      `must be a decimal fraction such as "0.35" or null, got "${input.debtToIncome}"`,
    );
  }
  if (!GUARANTEE_TYPES.includes(input.guaranteeType)) {
    refuse(
      'guaranteeType',
      `must be one of ${GUARANTEE_TYPES.join(', ')}, got "${input.guaranteeType}"`,
    );
  }
}
