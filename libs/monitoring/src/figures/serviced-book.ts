import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { endOfBeijingDay, Money, ServicedLoanGroup } from '@loanflow/domain';
import { FiguresScope, scopeJoinOn } from './figures-scope';
import { installmentKey, LATER_PAYMENT_LINES } from './later-payments.sql';

interface GroupRow {
  classification: string;
  first_overdue: string | null;
  loans?: string | number | null;
  outstanding?: string | null;
  overdue_principal?: string | null;
}

/**
 * When more than one loan in this many was paid since the day asked, every loan is replayed in one
 * pass over the installments in key order: cheaper than reading most loans one by one by key.
 */
const REPLAY_ALL_ABOVE = 4;

/** An installment of alias `i` with principal or interest owed, as loan-position counts it. */
const OWED =
  '(i.principal_paid_minor < i.principal_minor OR i.interest_paid_minor < i.interest_minor)';

/**
 * The loans being serviced, grouped by classification and the due date of their earliest overdue
 * installment on a business date: what the portfolio figures (portfolioFigures) are computed from.
 *
 * Each loan's position is kept in loan_position as its installments change (principal outstanding,
 * earliest due date with something owed, with the loan's status, classification and branch), so a
 * loan nothing was paid on since `asOf` is read from there: overdue on `asOf` when that date is
 * before it, with the overdue principal summed over its installments due before `asOf` (only
 * overdue loans' installments are read). A loan paid since `asOf` is read as it stood then: its
 * installments with the allocation lines of the later payments added back. Today nothing is paid
 * since, so today's figures read only the kept positions; a past date reads the loans paid since it
 * in full, and no more (or, when they are most of the book, every loan in one pass).
 */
@Injectable()
export class ServicedBook {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * `plan` picks the reads: by default by how much of the book was paid since `asOf`; the specs
   * ask for each plan to show they agree.
   */
  async groups(
    scope: FiguresScope,
    asOf: string,
    plan: 'by-payments-since' | 'replay-all' | 'kept-and-paid-since' = 'by-payments-since',
  ): Promise<ServicedLoanGroup[]> {
    const dayEnd = endOfBeijingDay(asOf);
    const [since] = await this.dataSource.query<{ paid: string | number }[]>(
      'SELECT COUNT(DISTINCT loan_id) AS paid FROM repayment WHERE paid_at >= ?',
      [dayEnd],
    );
    const paid = Number(since?.paid ?? 0);
    const book = async () => {
      const [row] = await this.dataSource.query<{ loans: string | number }[]>(
        `SELECT COUNT(*) AS loans FROM loan_position WHERE status = 'disbursed'`,
      );
      return Number(row?.loans ?? 0);
    };
    const replayAll =
      plan === 'by-payments-since'
        ? paid > 0 && paid * REPLAY_ALL_ABOVE > (await book())
        : plan === 'replay-all';
    // One statement, so that every part reads the same snapshot: a payment landing meanwhile is
    // either in all of them or in none.
    const parts = replayAll
      ? [replayed(scope, asOf, dayEnd, 'all')]
      : [
          kept(scope, dayEnd),
          keptOverdue(scope, asOf, dayEnd),
          replayed(scope, asOf, dayEnd, 'paid-since'),
        ];
    const rows: PartRow[] = await this.dataSource.query(
      parts.map((part) => `(${part.sql})`).join(' UNION ALL '),
      parts.flatMap((part) => part.params),
    );
    return mergeGroups(
      rows.map((row) => ({
        ...row,
        // A kept row's date is the earliest unpaid one: overdue only if before the day asked.
        first_overdue:
          row.part !== 'kept' || (row.first_date !== null && row.first_date < asOf)
            ? row.first_date
            : null,
      })),
    );
  }
}

interface Part {
  sql: string;
  params: unknown[];
}

interface PartRow {
  part: 'kept' | 'overdue' | 'replayed';
  classification: string;
  first_date: string | null;
  loans: string | number | null;
  outstanding: string | null;
  overdue_principal: string | null;
}

/** Leaves out the loans of `p` paid since the day asked: a small set, materialised once. */
const NOT_PAID_SINCE = 'p.loan_id NOT IN (SELECT r.loan_id FROM repayment r WHERE r.paid_at >= ?)';

/**
 * Loans not paid since the day asked, from their kept positions, grouped in the index's order
 * (classification, earliest unpaid date); the caller folds the dates not before the day into
 * "nothing overdue" rather than a sort doing it here.
 */
function kept(scope: FiguresScope, dayEnd: Date): Part {
  return {
    sql: `SELECT 'kept' AS part, p.classification, p.first_unpaid_due_date AS first_date,
                 COUNT(*) AS loans, CAST(SUM(p.outstanding_principal_minor) AS CHAR) AS outstanding,
                 CAST(NULL AS CHAR) AS overdue_principal
            FROM loan_position p
            ${scopeJoinOn(scope, 'p')}
           WHERE p.status = 'disbursed' ${scope.where} AND ${NOT_PAID_SINCE}
           GROUP BY p.classification, p.first_unpaid_due_date`,
    params: [...scope.params, dayEnd],
  };
}

/** The principal of the overdue installments of those loans: only overdue loans are read. */
function keptOverdue(scope: FiguresScope, asOf: string, dayEnd: Date): Part {
  return {
    sql: `SELECT 'overdue' AS part, p.classification, p.first_unpaid_due_date AS first_date,
                 NULL AS loans, CAST(NULL AS CHAR) AS outstanding,
                 CAST(SUM(i.principal_minor - i.principal_paid_minor) AS CHAR) AS overdue_principal
            FROM loan_position p
            ${scopeJoinOn(scope, 'p')}
            JOIN loan_installment i ON i.loan_id = p.loan_id AND i.due_date < ? AND ${OWED}
           WHERE p.first_unpaid_due_date < ? AND p.status = 'disbursed' ${scope.where}
             AND ${NOT_PAID_SINCE}
           GROUP BY p.classification, p.first_unpaid_due_date`,
    params: [asOf, asOf, ...scope.params, dayEnd],
  };
}

/**
 * Loans paid since the day asked (or every loan), as they stood at its end: per installment, the
 * running totals with the allocation lines of payments received after it added back.
 */
function replayed(
  scope: FiguresScope,
  asOf: string,
  dayEnd: Date,
  loans: 'paid-since' | 'all',
): Part {
  const principalOwed =
    '(i.principal_minor - i.principal_paid_minor + COALESCE(a.principal_minor, 0))';
  const interestOwed = '(i.interest_minor - i.interest_paid_minor + COALESCE(a.interest_minor, 0))';
  const overdue = `i.due_date < ? AND (${principalOwed} > 0 OR ${interestOwed} > 0)`;
  return {
    sql: `SELECT 'replayed' AS part, p.classification, p.first_overdue AS first_date, COUNT(*) AS loans,
                 CAST(SUM(p.outstanding) AS CHAR) AS outstanding,
                 CAST(SUM(p.overdue_principal) AS CHAR) AS overdue_principal
            FROM (
              SELECT i.loan_id, MIN(l.classification) AS classification,
                     SUM(${principalOwed}) AS outstanding,
                     SUM(CASE WHEN ${overdue} THEN ${principalOwed} ELSE 0 END) AS overdue_principal,
                     MIN(CASE WHEN ${overdue} THEN i.due_date END) AS first_overdue
                ${
                  loans === 'all'
                    ? 'FROM loan_installment i'
                    : `FROM (SELECT DISTINCT loan_id FROM repayment WHERE paid_at >= ?) paid
                       STRAIGHT_JOIN loan_installment i ON i.loan_id = paid.loan_id`
                }
                STRAIGHT_JOIN loan l ON l.id = i.loan_id
                ${scope.join}
                LEFT JOIN (${LATER_PAYMENT_LINES}) a ON a.k = ${installmentKey('i.loan_id', 'i.number')}
               WHERE l.status = 'disbursed' ${scope.where}
               GROUP BY i.loan_id
            ) p
           GROUP BY p.classification, p.first_overdue`,
    params: [asOf, asOf, ...(loans === 'all' ? [] : [dayEnd]), dayEnd, asOf, ...scope.params],
  };
}

/**
 * Loans whose kept position is not what their installments say (at most `limit` ids): none, as long
 * as the triggers keep it. For checks after faults and for the specs.
 */
export async function keptPositionsDisagreeing(
  dataSource: DataSource,
  limit = 100,
): Promise<string[]> {
  const rows: { loan_id: string }[] = await dataSource.query(
    `SELECT x.loan_id
       FROM (SELECT l.id AS loan_id, l.status, l.classification, l.branch_code,
                    SUM(i.principal_minor - i.principal_paid_minor) AS outstanding,
                    MIN(CASE WHEN ${OWED} THEN i.due_date END) AS first_unpaid
               FROM loan l JOIN loan_installment i ON i.loan_id = l.id
              GROUP BY l.id, l.status, l.classification, l.branch_code) x
       LEFT JOIN loan_position p ON p.loan_id = x.loan_id
      WHERE p.loan_id IS NULL OR p.outstanding_principal_minor <> x.outstanding
         OR NOT (p.first_unpaid_due_date <=> x.first_unpaid)
         OR p.status <> x.status OR p.classification <> x.classification
         OR p.branch_code <> x.branch_code
     UNION ALL
     SELECT p.loan_id FROM loan_position p
      WHERE NOT EXISTS (SELECT 1 FROM loan_installment i WHERE i.loan_id = p.loan_id)
      LIMIT ?`,
    [limit],
  );
  return rows.map((row) => row.loan_id);
}

/** Adds up rows of the same classification and first overdue date from the three reads. */
function mergeGroups(rows: readonly GroupRow[]): ServicedLoanGroup[] {
  const groups = new Map<string, ServicedLoanGroup>();
  for (const row of rows) {
    const key = `${row.classification}\u0000${row.first_overdue ?? ''}`;
    const group = groups.get(key) ?? {
      classification: row.classification,
      firstOverdueDueDate: row.first_overdue,
      loans: 0,
      outstandingPrincipal: Money.zero(),
      overduePrincipal: Money.zero(),
    };
    group.loans += Number(row.loans ?? 0);
    group.outstandingPrincipal = group.outstandingPrincipal.plus(minor(row.outstanding ?? '0'));
    group.overduePrincipal = group.overduePrincipal.plus(minor(row.overdue_principal ?? '0'));
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** An amount in minor units as the database sums it: an integer, never a float. */
export function minor(value: string | number | null): Money {
  const digits = String(value ?? '0');
  if (!/^-?\d+$/.test(digits)) {
    throw new Error(`expected an integer amount in minor units from the database, got ${digits}`);
  }
  return Money.ofMinor(digits);
}
