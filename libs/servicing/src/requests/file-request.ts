import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@loanflow/audit';
import { assertNoConflictOfInterest, DomainError } from '@loanflow/domain';
import { asActor, auditActorOf, Principal } from '@loanflow/identity';
import {
  isDuplicateKeyError,
  LoanDutyEntity,
  LoanEntity,
  LoanPartyEntity,
} from '@loanflow/persistence';

/** A request on a running loan that a second person decides (a restructuring, a prepayment, a change). */
export interface RequestFiling<Row extends { id: string }> {
  principal: Principal;
  loanId: string;
  /** The audit action of the request (`loan.prepayment-request`): a refusal is audited under it. */
  action: string;
  /** The duty the request is (`prepayment-request`): whoever holds it does not decide the request. */
  duty: string;
  /** The duty's reference to the row (`prepayment:<id>`). */
  dutyRef: (row: Row) => string;
  /** What to answer when the loan already has such a request open (its open key is taken). */
  alreadyOpen: () => DomainError;
  /** Judges the request against the loan and its parties, and inserts its row. */
  create: (manager: EntityManager, loan: LoanEntity, parties: LoanPartyEntity[]) => Promise<Row>;
}

/**
 * Files a request in one transaction: the loan and its parties, the requester's conflict of
 * interest (no one asks for a change on a loan of their own or of a relative), the request's own
 * rules, its row and the requester's duty. A refusal is audited with its rule; a second request
 * while one is open is refused by the open key's uniqueness, so two at once cannot both pass.
 */
export async function fileRequest<Row extends { id: string }>(
  deps: { dataSource: DataSource; audit: AuditTrail },
  filing: RequestFiling<Row>,
): Promise<Row> {
  const { principal, loanId } = filing;
  try {
    return await deps.dataSource.transaction(async (manager) => {
      const loan = await manager.findOneBy(LoanEntity, { id: loanId });
      if (!loan) throw new DomainError('LOAN_NOT_FOUND', `There is no loan ${loanId}.`);
      const parties = await manager.find(LoanPartyEntity, { where: { loanId } });
      assertNoConflictOfInterest(asActor(principal), {
        applicantIdNumber: parties.find((p) => p.role === 'applicant')?.idNumber ?? null,
        guarantorIdNumbers: parties.filter((p) => p.role === 'guarantor').map((p) => p.idNumber),
      });
      const row = await filing.create(manager, loan, parties);
      await manager.insert(LoanDutyEntity, {
        businessKey: loanId,
        duty: filing.duty,
        username: principal.username,
        taskId: '-',
        ref: filing.dutyRef(row),
      });
      return row;
    });
  } catch (error) {
    const refusal = isDuplicateKeyError(error) ? filing.alreadyOpen() : error;
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
