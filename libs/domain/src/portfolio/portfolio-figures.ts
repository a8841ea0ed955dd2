import { parseIsoDate, toEpochDay } from '../calendar/calendar-date';
import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';
import {
  classRank,
  isNonPerforming,
  LOAN_CLASS_NAMES,
  LOAN_CLASSES,
  LoanClass,
} from '../servicing/classification';
import { OVERDUE_BUCKETS, OverdueBucket, overdueBucket } from '../servicing/overdue-buckets';
import { ratioOf } from './ratio';

/**
 * The figures managers watch over the loans being serviced (§6): the five-level distribution, the
 * portfolio's balances and ratios, and the overdue buckets. The loans come in groups that share a
 * classification and the due date of their earliest overdue installment, so a database can hand
 * over 100,000 loans as a few hundred rows; every loan of a group has the same days past due.
 *
 * A loan's position follows loan-position: an installment is overdue when something of it is
 * outstanding and its due date is before `asOf`, and days past due count from the earliest one.
 *
 * - Outstanding balance (贷款余额): the principal the loans still owe, due or not.
 * - Overdue loans and their balance (逾期贷款余额): loans with anything overdue, with the whole
 *   principal they still owe; overdue principal (逾期本金): the principal of the overdue
 *   installments alone.
 * - Overdue rate (逾期率) = overdue loan balance ÷ outstanding balance.
 * - Non-performing balance (不良贷款余额): the outstanding balance of substandard, doubtful and
 *   loss loans; non-performing ratio (不良率) = that ÷ outstanding balance.
 * - Buckets: each overdue loan in the bucket of its days past due, with its overdue principal.
 */
export interface ServicedLoanGroup {
  /** The loans' five-level classification as recorded. */
  classification: string;
  /**
   * YYYY-MM-DD: the due date of the earliest installment with something outstanding and due
   * before asOf, shared by the group's loans; null for loans with nothing overdue.
   */
  firstOverdueDueDate: string | null;
  loans: number;
  outstandingPrincipal: Money;
  overduePrincipal: Money;
}

export interface ClassificationLine {
  level: LoanClass;
  /** 正常, 关注, 次级, 可疑, 损失 */
  name: string;
  loans: number;
  balance: Money;
}

export interface OverdueBucketLine {
  bucket: OverdueBucket;
  loans: number;
  overduePrincipal: Money;
}

export interface PortfolioTotals {
  loans: number;
  outstandingBalance: Money;
  overdueLoans: number;
  overdueLoanBalance: Money;
  overduePrincipal: Money;
  /** overdueLoanBalance ÷ outstandingBalance, four places. */
  overdueRate: string;
  nonPerformingLoans: number;
  nonPerformingBalance: Money;
  /** nonPerformingBalance ÷ outstandingBalance, four places. */
  nonPerformingRatio: string;
}

export interface PortfolioFigures {
  /** All five levels, best to worst, 0 where no loan is. */
  classification: ClassificationLine[];
  portfolio: PortfolioTotals;
  /** All five buckets in order, 0 where no loan is. */
  overdueBuckets: OverdueBucketLine[];
}

const INPUT_INVALID = 'PORTFOLIO_INPUT_INVALID';

export function portfolioFigures(
  asOf: string,
  groups: readonly ServicedLoanGroup[],
  currency = 'CNY',
): PortfolioFigures {
  epochDayOf(asOf, 'asOf');
  const zero = Money.zero(currency);
  const byLevel = new Map<LoanClass, ClassificationLine>(
    LOAN_CLASSES.map((level) => [
      level,
      { level, name: LOAN_CLASS_NAMES[level], loans: 0, balance: zero },
    ]),
  );
  const byBucket = new Map<OverdueBucket, OverdueBucketLine>(
    OVERDUE_BUCKETS.map(({ bucket }) => [bucket, { bucket, loans: 0, overduePrincipal: zero }]),
  );
  const totals = {
    loans: 0,
    outstandingBalance: zero,
    overdueLoans: 0,
    overdueLoanBalance: zero,
    overduePrincipal: zero,
    nonPerformingLoans: 0,
    nonPerformingBalance: zero,
  };

  groups.forEach((group, index) => {
    const { level, daysPastDue } = checkGroup(group, index, asOf);
    const line = byLevel.get(level)!;
    line.loans += group.loans;
    line.balance = line.balance.plus(group.outstandingPrincipal);

    totals.loans += group.loans;
    totals.outstandingBalance = totals.outstandingBalance.plus(group.outstandingPrincipal);
    totals.overduePrincipal = totals.overduePrincipal.plus(group.overduePrincipal);
    if (isNonPerforming(level)) {
      totals.nonPerformingLoans += group.loans;
      totals.nonPerformingBalance = totals.nonPerformingBalance.plus(group.outstandingPrincipal);
    }
    const bucket = overdueBucket(daysPastDue);
    if (bucket === null) return;
    totals.overdueLoans += group.loans;
    totals.overdueLoanBalance = totals.overdueLoanBalance.plus(group.outstandingPrincipal);
    const bucketLine = byBucket.get(bucket)!;
    bucketLine.loans += group.loans;
    bucketLine.overduePrincipal = bucketLine.overduePrincipal.plus(group.overduePrincipal);
  });

  return {
    classification: [...byLevel.values()],
    portfolio: {
      ...totals,
      overdueRate: ratioOf(totals.overdueLoanBalance, totals.outstandingBalance),
      nonPerformingRatio: ratioOf(totals.nonPerformingBalance, totals.outstandingBalance),
    },
    overdueBuckets: [...byBucket.values()],
  };
}

/** Days past due on `asOf` of a loan whose earliest overdue installment fell due on `firstOverdueDueDate`. */
export function daysPastDueOn(asOf: string, firstOverdueDueDate: string | null): number {
  if (firstOverdueDueDate === null) return 0;
  const days = epochDayOf(asOf, 'asOf') - epochDayOf(firstOverdueDueDate, 'firstOverdueDueDate');
  if (days < 1) {
    throw new DomainError(
      INPUT_INVALID,
      `an installment due ${firstOverdueDueDate} is not overdue on ${asOf}`,
      { field: 'firstOverdueDueDate' },
    );
  }
  return days;
}

function checkGroup(
  group: ServicedLoanGroup,
  index: number,
  asOf: string,
): { level: LoanClass; daysPastDue: number } {
  const refuse = (message: string): never => {
    throw new DomainError(INPUT_INVALID, `group ${index}: ${message}`, { index });
  };
  if (!Number.isInteger(group.loans) || group.loans < 1) {
    refuse(`loans must be a whole number from 1, got ${group.loans}`);
  }
  classRank(group.classification as LoanClass); // refuses a level that is not one of the five
  if (group.outstandingPrincipal.isNegative() || group.overduePrincipal.isNegative()) {
    refuse('amounts must not be negative');
  }
  if (group.overduePrincipal.compare(group.outstandingPrincipal) > 0) {
    refuse('overdue principal is more than the principal outstanding');
  }
  if (group.firstOverdueDueDate === null && !group.overduePrincipal.isZero()) {
    refuse('overdue principal without an overdue installment');
  }
  return {
    level: group.classification as LoanClass,
    daysPastDue: daysPastDueOn(asOf, group.firstOverdueDueDate),
  };
}

function epochDayOf(value: string, field: string): number {
  const date = typeof value === 'string' ? parseIsoDate(value) : null;
  if (!date) {
    throw new DomainError(
      INPUT_INVALID,
      `${field}: must be a date in YYYY-MM-DD form, got "${value}"`,
      {
        field,
      },
    );
  }
  return toEpochDay(date);
}
