import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import { Posting, postTransaction } from '@loanflow/adapters';
import type { ServicingLedger } from '@loanflow/domain';
import { IdempotencyService, LoanEntity, LoanWriteOffEntity } from '@loanflow/persistence';
import { ClassificationChange, recordClassification } from '../post-loan/record-classification';
import { readLedger } from '../repayments/loan-ledger';
import { SERVICING_JOB } from '../servicing.contract';

export type { ClassificationChange } from '../post-loan/record-classification';
export type { Posting } from '@loanflow/adapters';

/** The register inside the write-off's one transaction. */
export interface WriteOffTransaction {
  /** The loan, locked for update (a payment being applied waits), or null when there is none. */
  lockLoan(loanId: string): Promise<LoanEntity | null>;
  ledger(loanId: string): Promise<ServicingLedger>;
  /** One balanced ledger transaction (refused when it does not balance). */
  post(txn: { txnId: string; loanId: string; memo: string }, postings: Posting[]): Promise<void>;
  keepWriteOff(writeOff: LoanWriteOffEntity): Promise<void>;
  markWrittenOff(loanId: string): Promise<void>;
  /** Moves the loan to a level: its row, its history and the trail. */
  classify(change: ClassificationChange): Promise<void>;
  audit(act: AuditAct): Promise<void>;
}

/**
 * What writing a loan off reads and writes in the register. An abstract class so that it is both
 * the injection token and the shape a unit spec's fake implements.
 */
export abstract class WriteOffRecords {
  /**
   * Runs `work` in one transaction once per loan, however often the job is delivered; a later
   * delivery gets the first one's result and writes nothing.
   */
  abstract once<T>(
    loanId: string,
    jobKey: string,
    work: (tx: WriteOffTransaction) => Promise<T>,
  ): Promise<T>;
}

/** The register's SQL for write-offs (MySQL/MariaDB). */
@Injectable()
export class SqlWriteOffRecords extends WriteOffRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  async once<T>(
    loanId: string,
    jobKey: string,
    work: (tx: WriteOffTransaction) => Promise<T>,
  ): Promise<T> {
    const { result } = await this.idempotency.once(
      SERVICING_JOB.writeOff,
      loanId,
      jobKey,
      (manager) => work(this.inTransaction(manager)),
    );
    return result;
  }

  private inTransaction(manager: EntityManager): WriteOffTransaction {
    return {
      lockLoan: (loanId) =>
        manager.findOne(LoanEntity, { where: { id: loanId }, lock: { mode: 'pessimistic_write' } }),
      ledger: async (loanId) => {
        const { installments, applied } = await readLedger(manager, loanId);
        return { installments, applied };
      },
      post: (txn, postings) => postTransaction(manager, txn, postings),
      keepWriteOff: async (writeOff) => {
        await manager.insert(LoanWriteOffEntity, writeOff);
      },
      markWrittenOff: async (loanId) => {
        await manager.update(LoanEntity, { id: loanId }, { status: 'written-off' });
      },
      classify: (change) => recordClassification(manager, this.trail, change),
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
