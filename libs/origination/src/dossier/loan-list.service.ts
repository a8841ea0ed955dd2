import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DomainError,
  Money,
  ORIGINATION_STAGE_OF_FORM,
  originationStageOf,
  parseIdNumber,
} from '@loanflow/domain';
import { Directory, Principal, UnitScope } from '@loanflow/identity';
import { blindIndex, onlyRow } from '@loanflow/persistence';
import { BusinessClock } from '@loanflow/workflow';
import type { LoanListItem, LoanListPage, LoanListQuery } from './loan-list.view';

const ID_NUMBER_SHAPE = /^\d{17}[\dX]$/i;
const LOAN_ID_SHAPE = /^LN\d{8}-[0-9A-Z]{6}$/i;

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

/**
 * The loans of the reader's org subtree, filtered and paged, each with its headline and its
 * standing on the business date. The standing is read from the installments as kept by every
 * repayment (principal and interest paid per installment), so that the days past due can be
 * filtered in the query: overdue is what is still owed of an installment due before the business
 * date, counted from the oldest such due date, as the dossier's position counts it.
 */
@Injectable()
export class LoanListService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: Directory,
    private readonly clock: BusinessClock,
  ) {}

  async list(principal: Principal, scope: UnitScope, query: LoanListQuery): Promise<LoanListPage> {
    const page = { page: query.page, pageSize: query.pageSize };
    if (query.dpdFrom !== undefined && query.dpdTo !== undefined && query.dpdFrom > query.dpdTo)
      throw invalid('dpdTo', 'must not be below dpdFrom', 'dpdRange');
    const asOf = await this.clock.today();
    const where: string[] = [];
    const params: unknown[] = [];
    const units = await this.unitsOf(scope, query.branch);
    if (units !== 'all') {
      if (units.length === 0) return { ...page, items: [], total: 0 };
      where.push('l.branch_code IN (?)');
      params.push(units);
    }
    if (query.mine === 'true') {
      where.push('l.customer_manager = ?');
      params.push(principal.username);
    }
    if (query.classification) {
      where.push('l.classification = ?');
      params.push(query.classification);
    }
    if (query.stage) {
      const forms = Object.entries(ORIGINATION_STAGE_OF_FORM)
        .filter(([, stage]) => stage === query.stage)
        .map(([form]) => form);
      if (forms.length) {
        where.push('ot.form_key IN (?)');
        params.push(forms);
      } else {
        where.push('ot.form_key IS NULL AND l.status = ?');
        params.push(query.stage);
      }
    }
    if (query.dpdFrom !== undefined || query.dpdTo !== undefined) {
      where.push('pos.loan_id IS NOT NULL');
      if (query.dpdFrom !== undefined) {
        where.push(`${DPD} >= ?`);
        params.push(asOf, query.dpdFrom);
      }
      if (query.dpdTo !== undefined) {
        where.push(`${DPD} <= ?`);
        params.push(asOf, query.dpdTo);
      }
    }
    const q = query.q?.trim();
    if (q) {
      if (ID_NUMBER_SHAPE.test(q)) {
        // An ID number is found by its keyed hash only: the column itself is encrypted.
        if (!parseIdNumber(q.toUpperCase()).ok)
          throw invalid('q', 'not a valid resident identity number', 'isResidentIdNumber');
        where.push('p.id_number_index = ?');
        params.push(blindIndex('id-number', q.toUpperCase()));
      } else if (LOAN_ID_SHAPE.test(q)) {
        where.push('l.id = ?');
        params.push(q.toUpperCase());
      } else {
        where.push('p.name LIKE ?');
        params.push(`%${escapeLike(q)}%`);
      }
    }

    const forms = Object.keys(ORIGINATION_STAGE_OF_FORM);
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
    const fromParams = [forms, asOf, asOf, ...params];
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
        [asOf, ...fromParams, query.pageSize, (query.page - 1) * query.pageSize],
      ),
      this.dataSource.query<{ total: string }[]>(`SELECT COUNT(*) AS total ${from}`, fromParams),
    ]);
    const { total } = onlyRow(totals, 'loans listed');
    return { ...page, total: Number(total), items: rows.map((row) => itemOf(row, asOf)) };
  }

  /** The units the list reads: the reader's subtree, narrowed to a branch's subtree when asked. */
  private async unitsOf(scope: UnitScope, branch: string | undefined): Promise<'all' | string[]> {
    if (!branch) return scope.all ? 'all' : [...scope.unitCodes];
    const subtree = await this.directory.subtreeCodes(branch);
    // A unit outside the reader's subtree lists nothing, as a loan there answers as missing.
    return scope.all ? subtree : subtree.filter((code) => scope.unitCodes.includes(code));
  }
}

/** Something of the installment is still owed. */
const OWES =
  '(i.principal_minor > i.principal_paid_minor OR i.interest_minor > i.interest_paid_minor)';
/** Days past due on the business date (its parameter): 0 with nothing overdue. */
const DPD = 'COALESCE(DATEDIFF(?, pos.first_overdue), 0)';

function itemOf(row: Row, asOf: string): LoanListItem {
  const yuan = (minor: string) => Money.ofMinor(minor).toDecimalString();
  const decided = row.amount_minor !== null && row.term_months !== null;
  return {
    id: row.id,
    applicantName: row.applicant_name,
    product: row.product,
    amount: yuan(decided ? row.amount_minor! : row.requested_amount_minor),
    termMonths: decided ? row.term_months! : row.requested_term_months,
    branchCode: row.branch_code,
    customerManager: row.customer_manager,
    status: row.status,
    stage: (row.form_key && originationStageOf(row.form_key)) || row.status,
    outcome: row.decision_outcome,
    outcomeReasons: row.decision_outcome === 'approved' ? null : row.decision_reasons,
    riskGrade: row.risk_grade,
    classification: row.classification,
    createdAt: new Date(row.created_at).toISOString(),
    position: Number(row.has_schedule)
      ? {
          asOf,
          balance: yuan(integer(row.outstanding)),
          nextDueDate: row.next_due,
          daysPastDue: Number(row.dpd),
        }
      : null,
  };
}

/** A sum of minor units as the database gives it: an integer, never a float. */
function integer(value: string | null): string {
  const digits = value ?? '0';
  if (!/^-?\d+$/.test(digits)) throw new Error(`expected minor units, got ${digits}`);
  return digits;
}

/** A 400 naming the field, the reason and the rule (so the console says it in the reader's words). */
function invalid(field: string, reason: string, rule: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${field} ${reason}.`, {
    fieldErrors: [{ field, reasons: [reason], rules: [rule] }],
  });
}

/** A LIKE pattern matching `text` literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
