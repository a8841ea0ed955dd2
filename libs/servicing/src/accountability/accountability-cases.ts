import { Injectable } from '@nestjs/common';
import { DomainError, Money } from '@loanflow/domain';
import { AccountabilityRecords } from './accountability-records';
import {
  AccountabilityCaseView,
  AccountabilityDecisionView,
  AccountabilityDossierView,
} from './accountability.views';

/** Reads a written-off loan's accountability case with its write-off (the route's data access). */
@Injectable()
export class AccountabilityCases {
  constructor(private readonly register: AccountabilityRecords) {}

  async caseOf(loanId: string): Promise<AccountabilityCaseView> {
    const [found, writeOff] = await Promise.all([
      this.register.caseOf(loanId),
      this.register.writeOffOf(loanId),
    ]);
    if (!found)
      throw new DomainError(
        'ACCOUNTABILITY_CASE_NOT_FOUND',
        `Loan ${loanId} has no accountability case (it has not been written off, or its dossier is being built).`,
      );
    return {
      loanId,
      writeOff: writeOff && {
        principal: Money.ofMinor(writeOff.principalMinor).toDecimalString(),
        interest: Money.ofMinor(writeOff.interestMinor).toDecimalString(),
        approvedBy: writeOff.approvedBy,
        reason: writeOff.reason,
        txnId: writeOff.txnId,
        writtenOffAt: writeOff.writtenOffAt.toISOString(),
      },
      dossier: JSON.parse(found.dossierJson) as AccountabilityDossierView,
      builtAt: found.builtAt.toISOString(),
      decision: found.decisionJson
        ? (JSON.parse(found.decisionJson) as AccountabilityDecisionView)
        : null,
      decidedBy: found.decidedBy,
      decidedAt: found.decidedAt?.toISOString() ?? null,
    };
  }
}
