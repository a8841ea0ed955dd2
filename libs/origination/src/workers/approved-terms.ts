import Decimal from 'decimal.js';
import { EntityManager } from 'typeorm';
import { Money } from '@loanflow/domain';
import { LoanDecisionEntity, LoanEntity } from '@loanflow/persistence';
import { NonRetryableJobError } from '@loanflow/workflow';

/** The terms of the final approval as its approver recorded them, and what followed it. */
export interface RecordedApproval {
  approval: LoanDecisionEntity;
  amount: Money;
  termMonths: number;
  annualRate: string;
  counterOffer: boolean;
  /** The applicant's answer to a counter-offer: accepted, declined, expired; null when none yet. */
  offerAnswer: string | null;
  /** The disbursement supervisor's last decision after the approval: release or return. */
  disbursementCheck: string | null;
}

/**
 * The credit decision as people recorded it (loan_decision), not as a process variable carries
 * it: the last approval, the applicant's answer to a counter-offer and the disbursement check
 * after it. A payout and the loan's terms rest on these; a variable that disagrees is an incident.
 */
export async function recordedApproval(
  manager: EntityManager,
  loanId: string,
): Promise<RecordedApproval | null> {
  const decisions = await manager.find(LoanDecisionEntity, {
    where: { loanId },
    order: { id: 'ASC' },
  });
  const approvals = decisions.filter((d) => d.kind === 'approval');
  const approval = approvals.at(-1);
  if (!approval || approval.outcome !== 'approve') return null;
  if (!approval.amountMinor || !approval.termMonths || !approval.annualRate)
    throw new NonRetryableJobError(
      `loan ${loanId}: the approval recorded by ${approval.decidedBy} has no terms`,
    );
  const after = decisions.filter((d) => Number(d.id) > Number(approval.id));
  const last = (kind: LoanDecisionEntity['kind']) =>
    after.filter((d) => d.kind === kind).at(-1)?.outcome ?? null;
  return {
    approval,
    amount: Money.ofMinor(approval.amountMinor),
    termMonths: approval.termMonths,
    annualRate: approval.annualRate,
    counterOffer: approval.counterOffer === 1,
    offerAnswer: last('offer-acceptance'),
    disbursementCheck: last('disbursement-check'),
  };
}

/** Why the loan's terms differ from the recorded approval, or null when they agree. */
export function termsMismatch(
  loan: Pick<LoanEntity, 'amountMinor' | 'termMonths' | 'annualRate'>,
  recorded: RecordedApproval,
): string | null {
  const differences: string[] = [];
  if (loan.amountMinor !== recorded.amount.minorUnits.toString())
    differences.push(
      `amount ${loan.amountMinor ? Money.ofMinor(loan.amountMinor).toDecimalString() : 'none'} ≠ ${recorded.amount.toDecimalString()}`,
    );
  if (loan.termMonths !== recorded.termMonths)
    differences.push(`term ${loan.termMonths ?? 'none'} ≠ ${recorded.termMonths} months`);
  if (!sameRate(loan.annualRate, recorded.annualRate))
    differences.push(`rate ${loan.annualRate ?? 'none'} ≠ ${recorded.annualRate}`);
  return differences.length
    ? `${differences.join(', ')} (approved by ${recorded.approval.decidedBy})`
    : null;
}

/** Rates compared as decimals: 0.0435 and 0.043500 are the same rate. */
function sameRate(a: string | null, b: string): boolean {
  try {
    return a !== null && new Decimal(a).equals(new Decimal(b));
  } catch {
    return false;
  }
}
