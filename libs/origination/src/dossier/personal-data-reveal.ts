import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@loanflow/audit';
import { DomainError } from '@loanflow/domain';
import { auditActorOf, Principal } from '@loanflow/identity';
import type { RevealView } from '../personal-data/personal-data.views';
import { PersonalDataRevealRecords } from './personal-data-reveal-records';
import type { RevealRequest } from './reveal.request';

/** Reads one identifier of a loan in full and audits the reveal with its reason. */
@Injectable()
export class PersonalDataReveal {
  constructor(
    private readonly records: PersonalDataRevealRecords,
    private readonly audit: AuditTrail,
  ) {}

  async reveal(principal: Principal, loanId: string, request: RevealRequest): Promise<RevealView> {
    const { value, whose } = await this.read(loanId, request);
    await this.audit.record({
      actor: auditActorOf(principal),
      action: 'personal-data.reveal',
      outcome: 'ok',
      loanKey: loanId,
      inputs: {
        field: request.field,
        partyId: request.partyId,
        collateralId: request.collateralId,
      },
      reason: `${request.field} of ${whose} revealed: ${request.reason}`,
    });
    return { loanId, field: request.field, value };
  }

  private async read(loanId: string, request: RevealRequest) {
    const missing = (what: string) =>
      new DomainError('VALIDATION_FAILED', `${what} is not one of loan ${loanId}'s.`, {
        fieldErrors: [{ field: what, reasons: [`not one of loan ${loanId}'s`] }],
      });
    if (request.field === 'payeeAccount') {
      const loan = await this.records.loan(loanId);
      if (!loan?.payeeAccount) throw missing('payeeAccount');
      return { value: loan.payeeAccount, whose: 'the payee' };
    }
    if (request.field === 'ownerIdNumber') {
      const item = request.collateralId
        ? await this.records.collateral(request.collateralId, loanId)
        : null;
      if (!item) throw missing('collateralId');
      return { value: item.ownerIdNumber, whose: `the owner of collateral ${item.id}` };
    }
    const party = request.partyId ? await this.records.party(request.partyId, loanId) : null;
    if (!party) throw missing('partyId');
    return { value: party[request.field], whose: `the ${party.role} (party ${party.id})` };
  }
}
