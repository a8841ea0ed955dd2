import type { EntityManager } from 'typeorm';
import type { DomainError, Duty, FieldProblem } from '@loanflow/domain';
import type { LoanDecisionKind } from '@loanflow/persistence';
import type { DecisionFacts } from '../api/decision-facts';
import type { LoanSummary } from '../loan-summary';

/**
 * A task type: the form a person fills in, the duty it performs on the loan (checked by separation
 * of duties), and the process variables its answer becomes.
 */
export interface FormDefinition<T extends object = object> {
  key: string;
  title: string;
  titleZh: string;
  /**
   * The duty the task performs on its loan, checked by separation of duties before it is claimed
   * or completed and recorded when it is. Every task of a loan is checked for conflict of
   * interest, with a duty or without.
   */
  duty: Duty | null;
  /**
   * For duties kept apart only within one request: the request, from the task's context (e.g. the
   * restructuring's id). Must be among `context`.
   */
  dutyRef?(context: Record<string, unknown>): string | null;
  /**
   * The same person may do this duty again under the same ref (a committee member's ballot in a
   * later round of the same vote): their earlier acts of it are not a second duty. Acts of other
   * duties, and of this one under another ref, are judged as ever.
   */
  repeatable?: boolean;
  dto: new () => T;
  /** The names of the variables its answer gives the process (what toVariables returns). */
  outputs: readonly string[];
  /**
   * Process variables shown beside the form: what the task is about beyond the loan (the warning,
   * the level proposed, the loss). Those the instance has are kept with the task.
   */
  context?: readonly string[];
  /**
   * The variables the process receives; names are the model's contract. Never a person's
   * identifier, phone, income or account: refer to the loan register (a party id) instead.
   */
  toVariables(answer: T, completedBy: string, loan?: LoanSummary | null): Record<string, unknown>;
  /**
   * Figures the answer verifies that belong in the loan register and not in the engine (the
   * applicant's income and debts): written with the completion, in its transaction.
   */
  verifiedFinances?(answer: T): { monthlyIncome: string; monthlyDebtPayments: string } | null;
  /**
   * What the answer records in a register of its own and not in the engine (a complaint's answer,
   * free text that may carry personal data): written with the completion, in its transaction. A
   * DomainError thrown here refuses the completion (nothing is recorded).
   */
  record?(manager: EntityManager, answer: T, completion: FormCompletion): Promise<void>;
  /** One line for the audit trail: what was decided. */
  summary(answer: T, loan: LoanSummary | null): string;
  /**
   * Rules that need the loan as well as the answer (every guarantor signed, conditions met); a
   * refusal names the rule. Checked after validation, before anything is recorded.
   */
  checkAgainstLoan?(answer: T, loan: LoanSummary | null): DomainError | null;
  /**
   * Rules on a credit decision that need the loan register: the terms within the application, the
   * product and the pricing grid, what a review attests. Every problem at once (400, by field).
   */
  checkDecision?(answer: T, facts: DecisionFacts, loan: LoanSummary | null): FieldProblem[];
  /**
   * Rules that need what the task is about (its context variables, e.g. the collateral items a
   * revaluation asks for): every problem at once, a 400 on the fields (relative to the answer).
   */
  checkAgainstContext?(answer: T, context: Record<string, unknown>): FieldProblem[];
  /** The decision the answer records on the loan (loan_decision), in the completion's transaction. */
  decision?(answer: T, loan: LoanSummary | null): DecisionRecord | null;
  /** An approval with an amount: checked against the approver's delegated authority. */
  authorityRequest?(answer: T, loan: LoanSummary): { amount: string } | null;
}

/** The completion a form's `record` writes with. */
export interface FormCompletion {
  taskId: string;
  businessKey: string | null;
  /** The task's context variables (those the form names in `context`). */
  context: Record<string, unknown>;
  completedBy: string;
  /** The business time of the completion (the broker's clock in tests). */
  at: Date;
}

/** A credit decision as the loan keeps it; amounts are decimal strings as the forms take them. */
export interface DecisionRecord {
  kind: LoanDecisionKind;
  outcome: string;
  level?: string | null;
  amount?: string | null;
  termMonths?: number | null;
  annualRate?: string | null;
  counterOffer?: boolean;
  reasons?: string | null;
}

/** A request's reference for a duty (`restructuring:12`), or null when the context lacks it. */
export function refOf(kind: string, id: unknown): string | null {
  return typeof id === 'string' || typeof id === 'number' ? `${kind}:${id}` : null;
}
