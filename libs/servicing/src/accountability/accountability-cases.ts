import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, Money } from '@loanflow/domain';
import { AccountabilityCaseEntity, LoanWriteOffEntity } from '@loanflow/persistence';

export interface AccountabilityCaseView {
  loanId: string;
  writeOff: {
    principal: string;
    interest: string;
    approvedBy: string;
    reason: string;
    txnId: string;
    writtenOffAt: string;
  } | null;
  dossier: object;
  builtAt: string;
  decision: object | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

/** Reads a written-off loan's accountability case with its write-off (the route's data access). */
@Injectable()
export class AccountabilityCases {
  constructor(private readonly dataSource: DataSource) {}

  async caseOf(loanId: string): Promise<AccountabilityCaseView> {
    const [found, writeOff] = await Promise.all([
      this.dataSource.getRepository(AccountabilityCaseEntity).findOneBy({ loanId }),
      this.dataSource.getRepository(LoanWriteOffEntity).findOneBy({ loanId }),
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
      dossier: JSON.parse(found.dossierJson) as object,
      builtAt: found.builtAt.toISOString(),
      decision: found.decisionJson ? (JSON.parse(found.decisionJson) as object) : null,
      decidedBy: found.decidedBy,
      decidedAt: found.decidedAt?.toISOString() ?? null,
    };
  }
}
