import { DomainError } from '../errors/domain-error';

/**
 * Reports of suspicious activity (举报): "建立举报机制，鼓励员工举报违规行为". Any member of staff
 * files one about a loan or a colleague; only audit reads them and records their handling, so a
 * reporter is protected from the person reported and from anyone who could tell them.
 */
export const REPORT_SUBJECTS = ['loan', 'staff'] as const;
export type ReportSubject = (typeof REPORT_SUBJECTS)[number];

/** received → investigating → closed; closed is final and carries an outcome. */
export const REPORT_STATUSES = ['received', 'investigating', 'closed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_OUTCOMES = [
  /** 属实: substantiated, referred for accountability. */
  'substantiated',
  /** 部分属实. */
  'partly-substantiated',
  /** 不属实. */
  'unsubstantiated',
  /** 移交: outside audit's remit, handed to another body (e.g. the discipline inspection). */
  'referred',
] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

/**
 * A step of a report's handling may move it forward or note progress at the same status; a closed
 * report stays closed, and closing needs an outcome (and only closing takes one).
 */
export function reportTransition(
  from: ReportStatus,
  to: ReportStatus,
  outcome: ReportOutcome | null,
): void {
  if (from === 'closed')
    throw new DomainError('REPORT_CLOSED', 'the report is closed; its handling is final', {
      field: 'status',
    });
  if (REPORT_STATUSES.indexOf(to) < REPORT_STATUSES.indexOf(from))
    throw new DomainError(
      'REPORT_STATUS_BACKWARDS',
      `a report does not go back from ${from} to ${to}`,
      {
        field: 'status',
      },
    );
  if (to === 'closed' && outcome === null)
    throw new DomainError('REPORT_OUTCOME_REQUIRED', 'closing a report records its outcome', {
      field: 'outcome',
    });
  if (to !== 'closed' && outcome !== null)
    throw new DomainError(
      'REPORT_OUTCOME_TOO_EARLY',
      'an outcome is recorded when the report is closed',
      {
        field: 'outcome',
      },
    );
}
