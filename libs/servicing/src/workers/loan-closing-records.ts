import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import type { Money } from '@loanflow/domain';
import { LoanEntity, LoanRefundEntity } from '@loanflow/persistence';
import { advanceBalance } from '../repayments/loan-accounts';

/** Money owed back to the borrower, on record until it is paid. */
export interface RefundDue {
  loanId: string;
  amount: Money;
  reason: string;
  dueAt: Date;
}

/** The register inside one closing step's transaction (结清, 归档). */
export interface ClosingTransaction {
  /** The loan, locked for update (a payment being applied waits), or null when there is none. */
  lockLoan(loanId: string): Promise<LoanEntity | null>;
  markSettled(loanId: string, at: Date): Promise<void>;
  /** What the loan's advance account holds for the borrower (zero when it has none). */
  advanceHeld(loanId: string): Promise<Money>;
  oweRefund(refund: RefundDue): Promise<void>;
  /** Moves a settled loan to archived; false when it is not settled (archived before, or never). */
  archiveSettled(loanId: string): Promise<boolean>;
  audit(act: AuditAct): Promise<void>;
}

/**
 * What settling and archiving a loan read and write in the register. An abstract class so that it
 * is both the injection token and the shape a unit spec's fake implements.
 */
export abstract class LoanClosingRecords {
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: ClosingTransaction) => Promise<T>): Promise<T>;
}

/** The register's SQL for closing a loan (MySQL/MariaDB). */
@Injectable()
export class SqlLoanClosingRecords extends LoanClosingRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  transaction<T>(work: (tx: ClosingTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): ClosingTransaction {
    return {
      lockLoan: (loanId) =>
        manager.findOne(LoanEntity, { where: { id: loanId }, lock: { mode: 'pessimistic_write' } }),
      markSettled: async (loanId, at) => {
        await manager.update(LoanEntity, { id: loanId }, { status: 'settled', settledAt: at });
      },
      advanceHeld: (loanId) => advanceBalance(manager, loanId),
      oweRefund: async ({ loanId, amount, reason, dueAt }) => {
        await manager.insert(LoanRefundEntity, {
          loanId,
          amountMinor: amount.minorUnits.toString(),
          state: 'due',
          reason,
          dueAt,
        });
      },
      archiveSettled: async (loanId) => {
        const result = await manager.update(
          LoanEntity,
          { id: loanId, status: 'settled' },
          { status: 'archived' },
        );
        return Boolean(result.affected);
      },
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
