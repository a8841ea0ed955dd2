import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import type { AccountabilityFacts } from '@loanflow/domain';
import { AccountabilityCaseEntity, LoanEntity, LoanWriteOffEntity } from '@loanflow/persistence';
import { accountabilityFacts } from './accountability-facts';

/** A case as it is opened: the dossier built, no decision yet. */
export type NewAccountabilityCase = Pick<
  AccountabilityCaseEntity,
  'loanId' | 'dossierJson' | 'builtAt'
>;

/** The committee's decision as the case keeps it. */
export interface CaseDecision {
  decisionJson: string;
  decidedBy: string;
  decidedAt: Date;
}

/** The register inside one transaction of an accountability step. */
export interface AccountabilityTransaction {
  /** The loan's case, or null when none was opened. */
  caseOf(loanId: string): Promise<AccountabilityCaseEntity | null>;
  /** What the record says of the loan's life (who did what, when), as of a day. */
  facts(loan: LoanEntity, asOf: string): Promise<AccountabilityFacts>;
  open(accountabilityCase: NewAccountabilityCase): Promise<void>;
  /** Keeps the decision on a case not yet decided; false when there is none such. */
  decideIfOpen(loanId: string, decision: CaseDecision): Promise<boolean>;
  audit(act: AuditAct): Promise<void>;
}

/**
 * What the accountability review (责任认定) reads and writes in the register. An abstract class so
 * that it is both the injection token and the shape a unit spec's fake implements.
 */
export abstract class AccountabilityRecords {
  /** The loan's case, or null when none was opened (not written off, or its dossier not built). */
  abstract caseOf(loanId: string): Promise<AccountabilityCaseEntity | null>;
  /** The loan's write-off (what, on whose approval, its ledger transaction), or null. */
  abstract writeOffOf(loanId: string): Promise<LoanWriteOffEntity | null>;
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: AccountabilityTransaction) => Promise<T>): Promise<T>;
}

/** The register's SQL for accountability cases (MySQL/MariaDB). */
@Injectable()
export class SqlAccountabilityRecords extends AccountabilityRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  caseOf(loanId: string): Promise<AccountabilityCaseEntity | null> {
    return this.dataSource.getRepository(AccountabilityCaseEntity).findOneBy({ loanId });
  }

  writeOffOf(loanId: string): Promise<LoanWriteOffEntity | null> {
    return this.dataSource.getRepository(LoanWriteOffEntity).findOneBy({ loanId });
  }

  transaction<T>(work: (tx: AccountabilityTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): AccountabilityTransaction {
    return {
      caseOf: (loanId) => manager.findOneBy(AccountabilityCaseEntity, { loanId }),
      facts: (loan, asOf) => accountabilityFacts(manager, loan, asOf),
      open: async (accountabilityCase) => {
        await manager.insert(AccountabilityCaseEntity, {
          ...accountabilityCase,
          decisionJson: null,
          decidedBy: null,
          decidedAt: null,
        });
      },
      decideIfOpen: async (loanId, decision) => {
        const result = await manager.update(
          AccountabilityCaseEntity,
          { loanId, decidedAt: IsNull() },
          decision,
        );
        return Boolean(result.affected);
      },
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
