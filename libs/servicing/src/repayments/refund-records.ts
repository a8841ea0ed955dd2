import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import { Posting, postTransaction } from '@loanflow/adapters';
import type { Money } from '@loanflow/domain';
import { LoanRefundEntity } from '@loanflow/persistence';
import { advanceBalance } from './loan-accounts';

/** What paying a refund writes on it. */
export type RefundPayment = Pick<
  LoanRefundEntity,
  'state' | 'payeeAccount' | 'txnId' | 'paidBy' | 'paidAt'
>;

/** The register inside one refund's payment transaction. */
export interface RefundTransaction {
  /** The loan's refund, locked for update: one payment at a time per refund. Null when none. */
  lockRefund(refundId: string, loanId: string): Promise<LoanRefundEntity | null>;
  /** What the loan's advance account holds for the borrower. */
  advanceHeld(loanId: string): Promise<Money>;
  /** Posts one balanced ledger transaction (refused when it does not balance). */
  post(txn: { txnId: string; loanId: string; memo: string }, postings: Posting[]): Promise<void>;
  markPaid(refundId: string, payment: RefundPayment): Promise<void>;
  audit(act: AuditAct): Promise<void>;
}

/**
 * What listing and paying refunds read and write. An abstract class so that it is both the
 * injection token and the shape a unit spec's fake implements.
 */
export abstract class RefundRecords {
  /** The loan's refunds in the order they were found. */
  abstract list(loanId: string): Promise<LoanRefundEntity[]>;
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: RefundTransaction) => Promise<T>): Promise<T>;
}

/** The register's SQL for refunds (MySQL/MariaDB). */
@Injectable()
export class SqlRefundRecords extends RefundRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  list(loanId: string): Promise<LoanRefundEntity[]> {
    return this.dataSource
      .getRepository(LoanRefundEntity)
      .find({ where: { loanId }, order: { id: 'ASC' } });
  }

  transaction<T>(work: (tx: RefundTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): RefundTransaction {
    return {
      lockRefund: (refundId, loanId) =>
        manager.findOne(LoanRefundEntity, {
          where: { id: refundId, loanId },
          lock: { mode: 'pessimistic_write' },
        }),
      advanceHeld: (loanId) => advanceBalance(manager, loanId),
      post: (txn, postings) => postTransaction(manager, txn, postings),
      markPaid: async (refundId, payment) => {
        await manager.update(LoanRefundEntity, { id: refundId }, payment);
      },
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
