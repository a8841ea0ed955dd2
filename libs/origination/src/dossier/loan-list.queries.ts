import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { onlyRow } from '@loanflow/persistence';

/** How the loan list is narrowed, in the register's terms (no SQL: the queries class owns it). */
export interface LoanListFilter {
  /** The business date the standing is read on, YYYY-MM-DD. */
  asOf: string;
  /** The branches read, or every one. */
  units: 'all' | readonly string[];
  customerManager?: string;
  classification?: string;
  /** Loans waiting at one of these forms; or, for a stage no form stands for, in this status. */
  stage?: { forms: readonly string[] } | { status: string };
  dpdFrom?: number;
  dpdTo?: number;
  /** The applicant's keyed ID number hash, the loan id, or part of the applicant's name. */
  search?: { idNumberIndex: string } | { loanId: string } | { name: string };
  /** The forms whose open task names a loan's stage. */
  stageForms: readonly string[];
  page: number;
  pageSize: number;
}

/** A loan as the list shows it, with its standing on the business date. */
export interface LoanListRow {
  id: string;
  applicantName: string;
  product: string;
  requestedAmountMinor: string;
  requestedTermMonths: number;
  amountMinor: string | null;
  termMonths: number | null;
  branchCode: string;
  customerManager: string;
  status: string;
  riskGrade: string | null;
  classification: string;
  decisionOutcome: string | null;
  decisionReasons: string | null;
  createdAt: Date;
  /** The form of its open origination task, if any. */
  formKey: string | null;
  hasSchedule: boolean;
  /** Principal still owed, integer minor units (null without a schedule). */
  outstandingMinor: string | null;
  nextDue: string | null;
  daysPastDue: number;
}

/**
 * The loan list's reads. An abstract class so that it is both the injection token and the shape a
 * unit spec's fake implements.
 */
export abstract class LoanListQueries {
  /** One page of the loans the filter selects, newest first, and how many it selects in all. */
  abstract page(filter: LoanListFilter): Promise<{ rows: LoanListRow[]; total: number }>;
}

interface Row {
  id: string;
  applicant_name: string;
  product: string;
  requested_amount_minor: string;
  requested_term_months: number;
  amount_minor: string | null;
  term_months: number | null;
  branch_code: string;
  customer_manager: string;
  status: string;
  risk_grade: string | null;
  classification: string;
  decision_outcome: string | null;
  decision_reasons: string | null;
  created_at: Date;
  form_key: string | null;
  has_schedule: string | number | null;
  outstanding: string | null;
  next_due: string | null;
  dpd: string | number;
}

/** Something of the installment is still owed. */
const OWES =
  '(i.principal_minor > i.principal_paid_minor OR i.interest_minor > i.interest_paid_minor)';
/** Days past due on the business date (its parameter): 0 with nothing overdue. */
const DPD = 'COALESCE(DATEDIFF(?, pos.first_overdue), 0)';

/**
 * The loan list in SQL (MySQL/MariaDB). The standing is read from the installments as kept by
 * every repayment (principal and interest paid per installment), so that the days past due can be
 * filtered in the query: overdue is what is still owed of an installment due before the business
 * date, counted from the oldest such due date, as the dossier's position counts it.
 */
@Injectable()
export class SqlLoanListQueries extends LoanListQueries {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async page(filter: LoanListFilter): Promise<{ rows: LoanListRow[]; total: number }> {
    const { asOf } = filter;
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.units !== 'all') {
      where.push('l.branch_code IN (?)');
      params.push(filter.units);
    }
    if (filter.customerManager !== undefined) {
      where.push('l.customer_manager = ?');
      params.push(filter.customerManager);
    }
    if (filter.classification !== undefined) {
      where.push('l.classification = ?');
      params.push(filter.classification);
    }
    if (filter.stage && 'forms' in filter.stage) {
      where.push('ot.form_key IN (?)');
      params.push(filter.stage.forms);
    } else if (filter.stage) {
      where.push('ot.form_key IS NULL AND l.status = ?');
      params.push(filter.stage.status);
    }
    if (filter.dpdFrom !== undefined || filter.dpdTo !== undefined) {
      where.push('pos.loan_id IS NOT NULL');
      if (filter.dpdFrom !== undefined) {
        where.push(`${DPD} >= ?`);
        params.push(asOf, filter.dpdFrom);
      }
      if (filter.dpdTo !== undefined) {
        where.push(`${DPD} <= ?`);
        params.push(asOf, filter.dpdTo);
      }
    }
    const search = filter.search;
    if (search && 'idNumberIndex' in search) {
      // An ID number is found by its keyed hash only: the column itself is encrypted.
      where.push('p.id_number_index = ?');
      params.push(search.idNumberIndex);
    } else if (search && 'loanId' in search) {
      where.push('l.id = ?');
      params.push(search.loanId);
    } else if (search) {
      where.push('p.name LIKE ?');
      params.push(`%${escapeLike(search.name)}%`);
    }

    const from = `FROM loan l
      JOIN loan_party p ON p.loan_id = l.id AND p.role = 'applicant'
      LEFT JOIN (
        SELECT t.business_key, MIN(t.form_key) AS form_key
          FROM user_task t
         WHERE t.state = 'open' AND t.form_key IN (?)
         GROUP BY t.business_key
      ) ot ON ot.business_key = l.id
      LEFT JOIN (
        SELECT i.loan_id,
               SUM(i.principal_minor - i.principal_paid_minor) AS outstanding,
               MIN(CASE WHEN i.due_date < ? AND ${OWES} THEN i.due_date END) AS first_overdue,
               MIN(CASE WHEN i.due_date >= ? AND ${OWES} THEN i.due_date END) AS next_due
          FROM loan_installment i
         GROUP BY i.loan_id
      ) pos ON pos.loan_id = l.id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const fromParams = [filter.stageForms, asOf, asOf, ...params];
    const [rows, totals] = await Promise.all([
      this.dataSource.query<Row[]>(
        `SELECT l.id, p.name AS applicant_name, l.product, l.requested_amount_minor,
                l.requested_term_months, l.amount_minor, l.term_months, l.branch_code,
                l.customer_manager, l.status, l.risk_grade, l.classification,
                l.decision_outcome, l.decision_reasons, l.created_at, ot.form_key,
                pos.loan_id IS NOT NULL AS has_schedule,
                CAST(pos.outstanding AS CHAR) AS outstanding, pos.next_due, ${DPD} AS dpd
           ${from}
          ORDER BY l.created_at DESC, l.id DESC
          LIMIT ? OFFSET ?`,
        [asOf, ...fromParams, filter.pageSize, (filter.page - 1) * filter.pageSize],
      ),
      this.dataSource.query<{ total: string }[]>(`SELECT COUNT(*) AS total ${from}`, fromParams),
    ]);
    const { total } = onlyRow(totals, 'loans listed');
    return { total: Number(total), rows: rows.map(rowOf) };
  }
}

function rowOf(row: Row): LoanListRow {
  const hasSchedule = Boolean(Number(row.has_schedule));
  return {
    id: row.id,
    applicantName: row.applicant_name,
    product: row.product,
    requestedAmountMinor: row.requested_amount_minor,
    requestedTermMonths: row.requested_term_months,
    amountMinor: row.amount_minor,
    termMonths: row.term_months,
    branchCode: row.branch_code,
    customerManager: row.customer_manager,
    status: row.status,
    riskGrade: row.risk_grade,
    classification: row.classification,
    decisionOutcome: row.decision_outcome,
    decisionReasons: row.decision_reasons,
    createdAt: new Date(row.created_at),
    formKey: row.form_key,
    hasSchedule,
    outstandingMinor: hasSchedule ? integer(row.outstanding) : null,
    nextDue: row.next_due,
    daysPastDue: Number(row.dpd),
  };
}

/** A sum of minor units as the database gives it: an integer, never a float. */
function integer(value: string | null): string {
  const digits = value ?? '0';
  if (!/^-?\d+$/.test(digits)) throw new Error(`expected minor units, got ${digits}`);
  return digits;
}

/** A LIKE pattern matching `text` literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
