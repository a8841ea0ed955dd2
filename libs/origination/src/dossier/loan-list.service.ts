import { Injectable } from '@nestjs/common';
import {
  DomainError,
  Money,
  ORIGINATION_STAGE_OF_FORM,
  originationStageOf,
  parseIdNumber,
} from '@loanflow/domain';
import { Directory, Principal, UnitScope } from '@loanflow/identity';
import { blindIndex } from '@loanflow/persistence';
import { BusinessClock } from '@loanflow/workflow';
import { LoanListFilter, LoanListQueries, LoanListRow } from './loan-list.queries';
import type { LoanListItem, LoanListPage, LoanListQuery } from './loan-list.view';

const ID_NUMBER_SHAPE = /^\d{17}[\dX]$/i;
const LOAN_ID_SHAPE = /^LN\d{8}-[0-9A-Z]{6}$/i;

/**
 * The loans of the reader's org subtree, filtered and paged, each with its headline and its
 * standing on the business date (read by `LoanListQueries`).
 */
@Injectable()
export class LoanListService {
  constructor(
    private readonly queries: LoanListQueries,
    private readonly directory: Directory,
    private readonly clock: BusinessClock,
  ) {}

  async list(principal: Principal, scope: UnitScope, query: LoanListQuery): Promise<LoanListPage> {
    const page = { page: query.page, pageSize: query.pageSize };
    if (query.dpdFrom !== undefined && query.dpdTo !== undefined && query.dpdFrom > query.dpdTo)
      throw invalid('dpdTo', 'must not be below dpdFrom', 'dpdRange');
    const asOf = await this.clock.today();
    const units = await this.unitsOf(scope, query.branch);
    if (units !== 'all' && units.length === 0) return { ...page, items: [], total: 0 };
    const filter: LoanListFilter = {
      asOf,
      units,
      stageForms: Object.keys(ORIGINATION_STAGE_OF_FORM),
      dpdFrom: query.dpdFrom,
      dpdTo: query.dpdTo,
      page: query.page,
      pageSize: query.pageSize,
      ...(query.mine === 'true' && { customerManager: principal.username }),
      ...(query.classification && { classification: query.classification }),
      ...(query.stage && { stage: stageFilter(query.stage) }),
      ...(query.q?.trim() && { search: searchFor(query.q.trim()) }),
    };
    const { rows, total } = await this.queries.page(filter);
    return { ...page, total, items: rows.map((row) => itemOf(row, asOf)) };
  }

  /** The units the list reads: the reader's subtree, narrowed to a branch's subtree when asked. */
  private async unitsOf(scope: UnitScope, branch: string | undefined): Promise<'all' | string[]> {
    if (!branch) return scope.all ? 'all' : [...scope.unitCodes];
    const subtree = await this.directory.subtreeCodes(branch);
    // A unit outside the reader's subtree lists nothing, as a loan there answers as missing.
    return scope.all ? subtree : subtree.filter((code) => scope.unitCodes.includes(code));
  }
}

/** Loans waiting at the stage's forms; a stage no form stands for is a loan status. */
function stageFilter(stage: string): LoanListFilter['stage'] {
  const forms = Object.entries(ORIGINATION_STAGE_OF_FORM)
    .filter(([, formStage]) => formStage === stage)
    .map(([form]) => form);
  return forms.length ? { forms } : { status: stage };
}

/** A search by ID number (its keyed hash), by loan id, or by part of the applicant's name. */
function searchFor(q: string): LoanListFilter['search'] {
  if (ID_NUMBER_SHAPE.test(q)) {
    if (!parseIdNumber(q.toUpperCase()).ok)
      throw invalid('q', 'not a valid resident identity number', 'isResidentIdNumber');
    return { idNumberIndex: blindIndex('id-number', q.toUpperCase()) };
  }
  if (LOAN_ID_SHAPE.test(q)) return { loanId: q.toUpperCase() };
  return { name: q };
}

function itemOf(row: LoanListRow, asOf: string): LoanListItem {
  const yuan = (minor: string) => Money.ofMinor(minor).toDecimalString();
  const decided = row.amountMinor !== null && row.termMonths !== null;
  return {
    id: row.id,
    applicantName: row.applicantName,
    product: row.product,
    amount: yuan(decided ? row.amountMinor! : row.requestedAmountMinor),
    termMonths: decided ? row.termMonths! : row.requestedTermMonths,
    branchCode: row.branchCode,
    customerManager: row.customerManager,
    status: row.status,
    stage: (row.formKey && originationStageOf(row.formKey)) || row.status,
    outcome: row.decisionOutcome,
    outcomeReasons: row.decisionOutcome === 'approved' ? null : row.decisionReasons,
    riskGrade: row.riskGrade,
    classification: row.classification,
    createdAt: row.createdAt.toISOString(),
    position: row.hasSchedule
      ? {
          asOf,
          balance: yuan(row.outstandingMinor ?? '0'),
          nextDueDate: row.nextDue,
          daysPastDue: row.daysPastDue,
        }
      : null,
  };
}

/** A 400 naming the field, the reason and the rule (so the console says it in the reader's words). */
function invalid(field: string, reason: string, rule: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `${field} ${reason}.`, {
    fieldErrors: [{ field, reasons: [reason], rules: [rule] }],
  });
}
