import type { DomainError, Duty } from '@loanflow/domain';
import type { LoanSummary } from '../loan-summary';

/**
 * A task type: the form a person fills in, the duty it performs on the loan (checked by separation
 * of duties), and the process variables its answer becomes.
 */
export interface FormDefinition<T extends object = object> {
  key: string;
  title: string;
  titleZh: string;
  duty: Duty | null;
  dto: new () => T;
  /** The names of the variables its answer gives the process (what toVariables returns). */
  outputs: readonly string[];
  /**
   * Process variables shown beside the form: what the task is about beyond the loan (the warning,
   * the level proposed, the loss). Those the instance has are kept with the task.
   */
  context?: readonly string[];
  /** The variables the process receives; names are the model's contract. */
  toVariables(answer: T, completedBy: string): Record<string, unknown>;
  /** One line for the audit trail: what was decided. */
  summary(answer: T, loan: LoanSummary | null): string;
  /**
   * Rules that need the loan as well as the answer (every guarantor signed, conditions met); a
   * refusal names the rule. Checked after validation, before anything is recorded.
   */
  checkAgainstLoan?(answer: T, loan: LoanSummary | null): DomainError | null;
  /** An approval with an amount: checked against the approver's delegated authority. */
  authorityRequest?(answer: T, loan: LoanSummary): { amount: string } | null;
}
