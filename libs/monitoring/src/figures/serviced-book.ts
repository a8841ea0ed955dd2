import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { endOfBeijingDay, Money, ServicedLoanGroup } from '@loanflow/domain';
import { FiguresScope, scopeJoinOn } from './figures-scope';

interface GroupRow {
  classification: string;
  first_overdue: string | null;
  loans?: string | number;
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

/** The loans of `p` (a kept position) with a payment received after the day asked (its end given as a parameter). */
const PAID_SINCE =
  'EXISTS (SELECT 1 FROM repayment r WHERE r.loan_id = p.loan_id AND r.paid_at >= ?)';

/**
 * The loans being serviced, grouped by classification and the due date of their earliest overdue
 * installment on a business date: what the portfolio figures (portfolioFigures) are computed from.
 *
 * Each loan's position is kept in loan_position as its installments change (principal outstanding,
 * earliest due date with something owed, with the loan's status, classification and branch), so a loan nothing was paid on since `asOf` is read from
 * there: overdue on `asOf` when that date is before it, with the overdue principal summed over its
 * installments due before `asOf` (only overdue loans' installments are read). A loan paid since
 * `asOf` is read as it stood then: its installments with the allocation lines of the later payments
 * added back. Today nothing is paid since, so today's figures read only the kept positions; a past
 * date reads the loans paid since it in full, and no more (or, when they are most of the book,
 * every loan in one pass).
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
    const [since] = (await this.dataSource.query(
      'SELECT COUNT(DISTINCT loan_id) AS paid FROM repayment WHERE paid_at >= ?',
      [dayEnd],
    )) as { paid: string | number }[];
    const paid = Number(since?.paid ?? 0);
    const book = async () => {
      const [row] = (await this.dataSource.query(
        `SELECT COUNT(*) AS loans FROM loan_position WHERE status = 'disbursed'`,
      )) as { loans: string | number }[];
      return Number(row?.loans ?? 0);
    };
    const replayAll =
      plan === 'by-payments-since'
        ? paid > 0 && paid * REPLAY_ALL_ABOVE > (await book())
        : plan === 'replay-all';
    if (replayAll) return mergeGroups(await this.replayedGroups(scope, asOf, dayEnd, 'all'));
    const [kept, keptOverdue, replayed] = await Promise.all([
      this.keptGroups(scope, asOf, paid > 0 ? dayEnd : null),
      this.keptOverduePrincipal(scope, asOf, paid > 0 ? dayEnd : null),
      paid > 0 ? this.replayedGroups(scope, asOf, dayEnd, 'paid-since') : Promise.resolve([]),
    ]);
    return mergeGroups([...kept, ...keptOverdue, ...replayed]);
  }

  /**
   * Loans not paid since `asOf` (all of them when `dayEnd` is null), from their kept positions,
   * grouped in the index's order (classification, earliest unpaid date): the dates not before
   * `asOf` are nothing overdue and fold into one group here rather than in a sort.
   */
  private async keptGroups(
    scope: FiguresScope,
    asOf: string,
    dayEnd: Date | null,
  ): Promise<GroupRow[]> {
    const rows: (GroupRow & { first_unpaid: string | null })[] = await this.dataSource.query(
      `SELECT p.classification, p.first_unpaid_due_date AS first_unpaid,
              COUNT(*) AS loans, CAST(SUM(p.outstanding_principal_minor) AS CHAR) AS outstanding
         FROM loan_position p
         ${scopeJoinOn(scope, 'p')}
        WHERE p.status = 'disbursed' ${scope.where}
          ${dayEnd ? `AND NOT ${PAID_SINCE}` : ''}
        GROUP BY p.classification, p.first_unpaid_due_date`,
      [...scope.params, ...(dayEnd ? [dayEnd] : [])],
    );
    return rows.map((row) => ({
      ...row,
      first_overdue: row.first_unpaid !== null && row.first_unpaid < asOf ? row.first_unpaid : null,
    }));
  }

  /** The principal of the overdue installments of those loans: only overdue loans are read. */
  private keptOverduePrincipal(
    scope: FiguresScope,
    asOf: string,
    dayEnd: Date | null,
  ): Promise<GroupRow[]> {
    return this.dataSource.query(
      `SELECT p.classification, p.first_unpaid_due_date AS first_overdue,
              CAST(SUM(i.principal_minor - i.principal_paid_minor) AS CHAR) AS overdue_principal
         FROM loan_position p
         ${scopeJoinOn(scope, 'p')}
         JOIN loan_installment i ON i.loan_id = p.loan_id AND i.due_date < ? AND ${OWED}
        WHERE p.first_unpaid_due_date < ? AND p.status = 'disbursed' ${scope.where}
          ${dayEnd ? `AND NOT ${PAID_SINCE}` : ''}
        GROUP BY p.classification, p.first_unpaid_due_date`,
      [asOf, asOf, ...scope.params, ...(dayEnd ? [dayEnd] : [])],
    );
  }

  /**
   * Loans paid since `asOf` (or every loan), as they stood at its end: per installment, the running totals with the
   * allocation lines of payments received after it added back (only those repayments' JSON is read).
   * The later payments are keyed by one fixed-width binary key, so that they are materialised once
   * as a small in-memory table rather than recomputed per loan.
   */
  private replayedGroups(
    scope: FiguresScope,
    asOf: string,
    dayEnd: Date,
    loans: 'paid-since' | 'all',
  ): Promise<GroupRow[]> {
    const principalOwed =
      '(i.principal_minor - i.principal_paid_minor + COALESCE(a.principal_minor, 0))';
    const interestOwed =
      '(i.interest_minor - i.interest_paid_minor + COALESCE(a.interest_minor, 0))';
    const overdue = `i.due_date < ? AND (${principalOwed} > 0 OR ${interestOwed} > 0)`;
    // An ASCII loan id (at most 32 characters), '#' and the installment number fit in 44 bytes.
    const key = (loanId: string, number: string) =>
      `CAST(CONCAT(${loanId}, '#', ${number}) AS BINARY(44))`;
    return this.dataSource.query(
      `SELECT p.classification, p.first_overdue, COUNT(*) AS loans,
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
             LEFT JOIN (
               SELECT ${key('r.loan_id', 'jt.installment_number')} AS k,
                      SUM(CASE WHEN jt.category = 'principal'
                               THEN CAST(ROUND(jt.amount * 100) AS SIGNED) ELSE 0 END) AS principal_minor,
                      SUM(CASE WHEN jt.category = 'interest'
                               THEN CAST(ROUND(jt.amount * 100) AS SIGNED) ELSE 0 END) AS interest_minor
                 FROM repayment r
                 JOIN JSON_TABLE(r.allocation_json, '$[*]' COLUMNS (
                        installment_number INT PATH '$.installmentNumber',
                        category VARCHAR(16) PATH '$.category',
                        amount DECIMAL(20,2) PATH '$.amount',
                        paid_on VARCHAR(10) PATH '$.paidOn')) AS jt
                WHERE r.paid_at >= ? AND jt.paid_on > ?
                GROUP BY k
             ) a ON a.k = ${key('i.loan_id', 'i.number')}
            WHERE l.status = 'disbursed' ${scope.where}
            GROUP BY i.loan_id
         ) p
        GROUP BY p.classification, p.first_overdue`,
      [asOf, asOf, ...(loans === 'all' ? [] : [dayEnd]), dayEnd, asOf, ...scope.params],
    );
  }
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
