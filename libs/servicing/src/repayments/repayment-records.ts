import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, LessThan } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import type { Money, ServicingLedger } from '@loanflow/domain';
import {
  insertRows,
  LoanDutyEntity,
  LoanEntity,
  LoanPartyEntity,
  RepaymentEntity,
} from '@loanflow/persistence';
import { repaymentAccountOf } from '../changes/accounts-in-force';
import { advanceBalance, postToSuspense } from './loan-accounts';
import { readLedger } from './loan-ledger';
import { AppliedPayment, applyPayment, assessPayment, PaymentToApply } from './payment-application';

/** A payment as it is recorded (the register gives it its id). */
export type NewRepayment = Omit<RepaymentEntity, 'id' | 'createdAt'>;
/** A duty done on the loan outside a task (recording or confirming a payment). */
export type RepaymentDuty = Pick<LoanDutyEntity, 'duty' | 'username' | 'ref'>;

/** The register inside one payment's transaction. */
export interface RepaymentTransaction {
  /** The loan, locked for update: one payment at a time per loan. Null when there is none. */
  lockLoan(loanId: string): Promise<LoanEntity | null>;
  /** The loan's payment, or null. */
  repayment(repaymentId: string, loanId: string): Promise<RepaymentEntity | null>;
  /** The account an auto-debit is taken from today (an approved change included). */
  debitAccountOf(loan: LoanEntity): Promise<string | null>;
  /** Refuses (DomainError) a payment that may not be taken: more than the loan owes, a payoff short. */
  assess(payment: PaymentToApply): Promise<void>;
  /** Applies the payment to the installments and posts it in one balanced ledger transaction. */
  apply(payment: PaymentToApply): Promise<AppliedPayment>;
  /** Puts money in suspense (`hold`) or back to the payer out of it (`return`), on the ledger. */
  postToSuspense(
    txn: { txnId: string; loanId: string; memo: string },
    amount: Money,
    direction: 'hold' | 'return',
  ): Promise<void>;
  addRepayment(repayment: NewRepayment): Promise<RepaymentEntity>;
  updateRepayment(repaymentId: string, changes: Partial<NewRepayment>): Promise<void>;
  addDuty(loanId: string, duty: RepaymentDuty): Promise<void>;
  /** The duties done on the loan under `ref` (who recorded a payment). */
  duties(loanId: string, ref: string): Promise<RepaymentDuty[]>;
  parties(loanId: string): Promise<LoanPartyEntity[]>;
  audit(act: AuditAct): Promise<void>;
}

/**
 * What taking, confirming and quoting payments read and write in the register. An abstract class
 * so that it is both the injection token and the shape a unit spec's fake implements.
 */
export abstract class RepaymentRecords {
  abstract loan(loanId: string): Promise<LoanEntity | null>;
  /** The loan's payment recorded under an idempotency key, or null. */
  abstract byKey(loanId: string, idempotencyKey: string): Promise<RepaymentEntity | null>;
  /** The loan's payments in the order they were recorded. */
  abstract list(loanId: string): Promise<RepaymentEntity[]>;
  abstract ledger(loanId: string): Promise<ServicingLedger>;
  /** What the loan's advance account holds for the borrower. */
  abstract advanceHeld(loanId: string): Promise<Money>;
  abstract markPublished(repaymentId: string, at: Date): Promise<void>;
  /** Applied payments whose message has not gone out and that were recorded before `before`, oldest first. */
  abstract unpublished(before: Date, limit: number): Promise<RepaymentEntity[]>;
  /**
   * Runs `work` in one transaction: all it writes commits, or none of it. A second payment with
   * the same idempotency key fails on the key's unique index.
   */
  abstract transaction<T>(work: (tx: RepaymentTransaction) => Promise<T>): Promise<T>;
}

/** The register's SQL for payments (MySQL/MariaDB). */
@Injectable()
export class SqlRepaymentRecords extends RepaymentRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  loan(loanId: string): Promise<LoanEntity | null> {
    return this.dataSource.getRepository(LoanEntity).findOneBy({ id: loanId });
  }

  byKey(loanId: string, idempotencyKey: string): Promise<RepaymentEntity | null> {
    return this.dataSource.getRepository(RepaymentEntity).findOneBy({ loanId, idempotencyKey });
  }

  list(loanId: string): Promise<RepaymentEntity[]> {
    return this.dataSource
      .getRepository(RepaymentEntity)
      .find({ where: { loanId }, order: { id: 'ASC' } });
  }

  async ledger(loanId: string): Promise<ServicingLedger> {
    const { installments, applied } = await readLedger(this.dataSource.manager, loanId);
    return { installments, applied };
  }

  advanceHeld(loanId: string): Promise<Money> {
    return advanceBalance(this.dataSource.manager, loanId);
  }

  async markPublished(repaymentId: string, at: Date): Promise<void> {
    await this.dataSource
      .getRepository(RepaymentEntity)
      .update({ id: repaymentId }, { publishedAt: at });
  }

  unpublished(before: Date, limit: number): Promise<RepaymentEntity[]> {
    return this.dataSource.getRepository(RepaymentEntity).find({
      where: { state: 'applied', publishedAt: IsNull(), createdAt: LessThan(before) },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  transaction<T>(work: (tx: RepaymentTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): RepaymentTransaction {
    return {
      lockLoan: (loanId) =>
        manager.findOne(LoanEntity, { where: { id: loanId }, lock: { mode: 'pessimistic_write' } }),
      repayment: (repaymentId, loanId) =>
        manager.findOneBy(RepaymentEntity, { id: repaymentId, loanId }),
      debitAccountOf: (loan) => repaymentAccountOf(manager, loan),
      assess: async (payment) => {
        await assessPayment(manager, payment);
      },
      apply: (payment) => applyPayment(manager, payment),
      postToSuspense: (txn, amount, direction) => postToSuspense(manager, txn, amount, direction),
      addRepayment: async (repayment) => {
        // Its time set here, not by the column's default, so the row needs no read back.
        const row = manager.create(RepaymentEntity, { ...repayment, createdAt: new Date() });
        row.id = await insertRows(manager, RepaymentEntity, row);
        return row;
      },
      updateRepayment: async (repaymentId, changes) => {
        await manager.update(RepaymentEntity, { id: repaymentId }, changes);
      },
      addDuty: async (loanId, duty) => {
        await insertRows(manager, LoanDutyEntity, { ...duty, businessKey: loanId, taskId: '-' });
      },
      duties: (loanId, ref) => manager.findBy(LoanDutyEntity, { businessKey: loanId, ref }),
      parties: (loanId) => manager.findBy(LoanPartyEntity, { loanId }),
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
