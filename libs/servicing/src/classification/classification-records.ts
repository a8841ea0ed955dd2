import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import type { LoanClass } from '@loanflow/domain';
import { LoanEntity } from '@loanflow/persistence';
import { ClassificationChange, recordClassification } from '../post-loan/record-classification';
import { ClassificationFacts, readClassificationFacts } from './classification-facts';

export type { ClassificationChange } from '../post-loan/record-classification';

/** The system's upgrade proposal as the loan keeps it until the risk manager decides. */
export interface OpenProposal {
  /** YYYY-MM-DD, the business day it was made: the pause before the next one counts from it. */
  proposedOn: string;
  level: LoanClass;
}

/** The register inside one classification's transaction: the loan stays locked until it commits. */
export interface ClassificationTransaction {
  /** The loan, locked for update: one classification at a time per loan; null when none. */
  lockLoan(loanId: string): Promise<LoanEntity | null>;
  /** What the 2023 rules read about the loan on `asOf` (its ledger, history and restructuring). */
  facts(loan: LoanEntity, asOf: string): Promise<ClassificationFacts>;
  /** Moves the loan to a level: the loan row, its history and the trail. */
  classify(change: ClassificationChange): Promise<void>;
  /** Opens the system's upgrade proposal on the loan: one is open at a time. */
  openProposal(loanId: string, proposal: OpenProposal): Promise<void>;
  /** Appends to the audit trail in the transaction. */
  audit(act: AuditAct): Promise<void>;
}

/**
 * What the classification rule reads and writes in the register. An abstract class so that it is
 * both the injection token and the shape a unit spec's fake implements.
 */
export abstract class ClassificationRecords {
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: ClassificationTransaction) => Promise<T>): Promise<T>;
}

/** The register's SQL for the classification rule (MySQL/MariaDB). */
@Injectable()
export class SqlClassificationRecords extends ClassificationRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  transaction<T>(work: (tx: ClassificationTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): ClassificationTransaction {
    return {
      lockLoan: (loanId) =>
        manager.findOne(LoanEntity, {
          where: { id: loanId },
          lock: { mode: 'pessimistic_write' },
        }),
      facts: (loan, asOf) => readClassificationFacts(manager, loan, asOf),
      classify: (change) => recordClassification(manager, this.trail, change),
      openProposal: async (loanId, proposal) => {
        await manager.update(
          LoanEntity,
          { id: loanId },
          {
            upgradeProposalOpen: true,
            upgradeProposedOn: proposal.proposedOn,
            upgradeProposedLevel: proposal.level,
          },
        );
      },
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
