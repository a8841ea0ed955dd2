import { AuditTrail } from '@loanflow/audit';
import { assertNoConflictOfInterest, DomainError } from '@loanflow/domain';
import { asActor, auditActorOf, Principal } from '@loanflow/identity';
import type { LoanEntity, LoanPartyEntity } from '@loanflow/persistence';
import {
  LoanRequestKind,
  LoanRequestRecords,
  LoanRequests,
  LoanRequestTransaction,
  NewLoanRequests,
  RequestAlreadyOpen,
  requestRef,
} from './loan-request-records';

/** A request on a running loan that a second person decides (a restructuring, a prepayment, a change). */
export interface RequestFiling<K extends LoanRequestKind> {
  principal: Principal;
  loanId: string;
  kind: K;
  /** The audit action of the request (`loan.prepayment-request`): a refusal is audited under it. */
  action: string;
  /** The duty the request is (`prepayment-request`): whoever holds it does not decide the request. */
  duty: string;
  /** What to answer when the loan already has such a request open (its open key is taken). */
  alreadyOpen: () => DomainError;
  /**
   * Judges the request against the loan and its parties (reading what its rules need in the
   * filing's transaction), and gives the request to record.
   */
  judge: (
    tx: LoanRequestTransaction,
    loan: LoanEntity,
    parties: LoanPartyEntity[],
  ) => Promise<NewLoanRequests[K]>;
}

/**
 * Files a request in one transaction: the loan and its parties, the requester's conflict of
 * interest (no one asks for a change on a loan of their own or of a relative), the request's own
 * rules, its row and the requester's duty. A refusal is audited with its rule; a second request
 * while one is open is refused by the open key's uniqueness, so two at once cannot both pass.
 */
export async function fileRequest<K extends LoanRequestKind>(
  deps: { records: LoanRequestRecords; audit: AuditTrail },
  filing: RequestFiling<K>,
): Promise<LoanRequests[K]> {
  const { principal, loanId } = filing;
  try {
    return await deps.records.transaction(async (tx) => {
      const loan = await tx.loan(loanId);
      if (!loan) throw new DomainError('LOAN_NOT_FOUND', `There is no loan ${loanId}.`);
      const parties = await tx.parties(loanId);
      assertNoConflictOfInterest(asActor(principal), {
        applicantIdNumber: parties.find((p) => p.role === 'applicant')?.idNumber ?? null,
        guarantorIdNumbers: parties.filter((p) => p.role === 'guarantor').map((p) => p.idNumber),
      });
      const row = await tx.insert(filing.kind, await filing.judge(tx, loan, parties));
      await tx.recordDuty({
        loanId,
        duty: filing.duty,
        username: principal.username,
        ref: requestRef(filing.kind, row.id),
      });
      return row;
    });
  } catch (error) {
    const refusal = error instanceof RequestAlreadyOpen ? filing.alreadyOpen() : error;
    if (refusal instanceof DomainError)
      await deps.audit.record({
        actor: auditActorOf(principal),
        action: filing.action,
        outcome: 'refused',
        loanKey: loanId,
        reason: `${refusal.code}: ${refusal.message}`,
      });
    throw refusal;
  }
}
