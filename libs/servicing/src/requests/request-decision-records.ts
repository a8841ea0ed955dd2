import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import { postTransaction, Posting } from '@loanflow/adapters';
import type { AppliedAmount, BorrowerDetails, Money, ScheduledAmounts } from '@loanflow/domain';
import {
  DisbursementEntity,
  LoanEntity,
  LoanInstallmentEntity,
  LoanInstallmentHistoryEntity,
  LoanPartyEntity,
  RepaymentEntity,
} from '@loanflow/persistence';
import { readClassificationFacts } from '../classification/classification-facts';
import { ClassificationChange, recordClassification } from '../post-loan/record-classification';
import { applyToInstallments } from '../repayments/loan-ledger';
import type { LoanRequestKind, LoanRequests } from './loan-request-records';
import { REQUEST_TABLES } from './loan-request-records';
import { RequestReads, sqlRequestReads } from './request-reads';

export type { ClassificationChange } from '../post-loan/record-classification';
export type { Posting } from '@loanflow/adapters';

/** What closing or applying a request may set on its row (never its id, loan or filing). */
export type RequestDecision<K extends LoanRequestKind> = Partial<
  Omit<LoanRequests[K], 'id' | 'loanId' | 'requestedBy' | 'requestedAt'>
>;

/** An installment of a revised schedule, with the principal still owed once it is paid. */
export interface RevisedInstallment extends ScheduledAmounts {
  balance: Money;
}

/** The replaced installments kept in the history, and what replaced them (`prepayment:<id>`). */
export interface ReplacedBy {
  ref: string;
  at: Date;
}

/** A repayment a request's decision records as paid (a part prepayment's). */
export type NewRepayment = Omit<RepaymentEntity, 'id' | 'createdAt'>;

/** The new payee of a loan not yet paid out: the holder's name only when the change names one. */
export interface NewPayee {
  payeeAccount: string | null | undefined;
  payeeName?: string | null;
}

/**
 * The register inside one decision's transaction: what is locked stays locked until it commits,
 * and what the rules read (`RequestReads`) sees what the work wrote so far.
 */
export interface DecisionTransaction extends RequestReads {
  /** The loan, locked for update, or null when there is none. */
  lockLoan(loanId: string): Promise<LoanEntity | null>;
  /** The loan's request of a kind, or null when the loan has no such request. */
  request<K extends LoanRequestKind>(
    kind: K,
    requestId: string,
    loanId: string,
  ): Promise<LoanRequests[K] | null>;
  update<K extends LoanRequestKind>(
    kind: K,
    requestId: string,
    decision: RequestDecision<K>,
  ): Promise<void>;
  /** Appends to the audit trail in the transaction. */
  audit(act: AuditAct): Promise<void>;

  /** Whether core banking recorded the loan's payout (whatever the loan's status reads). */
  paidOut(loanId: string): Promise<boolean>;
  setPayee(loanId: string, payee: NewPayee): Promise<void>;
  updateParty(loanId: string, partyId: string, details: BorrowerDetails): Promise<void>;

  /**
   * Replaces the installments numbered `replaced` by `installments`; with `keptAs`, the replaced
   * ones are first copied to the history with what replaced them.
   */
  replaceInstallments(
    loanId: string,
    replaced: readonly number[],
    installments: readonly RevisedInstallment[],
    keptAs?: ReplacedBy,
  ): Promise<void>;
  /** Whether the loan is, on `date`, under observation after a restructuring (2023 rules). */
  inObservation(loan: LoanEntity, date: string): Promise<boolean>;
  /** Moves the loan to a level: the loan row, its history and the trail. */
  classify(change: ClassificationChange): Promise<void>;
  /** Adds what was allocated to the installments' paid amounts (penalty to the loan's). */
  applyToInstallments(loanId: string, lines: readonly AppliedAmount[]): Promise<void>;
  /** Records the repayment; its id. */
  insertRepayment(repayment: NewRepayment): Promise<string>;
  /** Posts one balanced transaction to the ledger; refuses an unbalanced one. */
  post(txn: { txnId: string; loanId: string; memo: string }, postings: Posting[]): Promise<void>;
}

/**
 * What the workers deciding requests on a running loan (apply or close a change, a restructuring,
 * a part prepayment) read and write in the register. One class for the three kinds: they lock the
 * loan, read and close the request and write the trail alike, and the two that revise the schedule
 * share its statements. An abstract class so that it is both the injection token and the shape a
 * unit spec's fake implements.
 */
export abstract class LoanRequestDecisionRecords {
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: DecisionTransaction) => Promise<T>): Promise<T>;
}

/** The register's SQL for deciding requests on a running loan (MySQL/MariaDB). */
@Injectable()
export class SqlLoanRequestDecisionRecords extends LoanRequestDecisionRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  transaction<T>(work: (tx: DecisionTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): DecisionTransaction {
    return {
      ...sqlRequestReads(manager),
      lockLoan: (loanId) =>
        manager.findOne(LoanEntity, {
          where: { id: loanId },
          lock: { mode: 'pessimistic_write' },
        }),
      // Locked: a second delivery of a closing step waits, then finds the request decided.
      request: <K extends LoanRequestKind>(kind: K, requestId: string, loanId: string) =>
        manager.findOne(REQUEST_TABLES[kind], {
          where: { id: requestId, loanId } as FindOptionsWhere<LoanRequests[K]>,
          lock: { mode: 'pessimistic_write' },
        }),
      update: async (kind, requestId, decision) => {
        await manager.update(REQUEST_TABLES[kind], { id: requestId }, decision as never);
      },
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
      paidOut: (loanId) => manager.existsBy(DisbursementEntity, { loanId }),
      setPayee: async (loanId, payee) => {
        await manager.update(LoanEntity, { id: loanId }, payee);
      },
      updateParty: async (loanId, partyId, details) => {
        await manager.update(
          LoanPartyEntity,
          { id: partyId, loanId },
          details as Partial<LoanPartyEntity>,
        );
      },
      replaceInstallments: async (loanId, replaced, installments, keptAs) => {
        if (keptAs) {
          const current = await manager.findBy(LoanInstallmentEntity, { loanId });
          for (const old of current.filter((row) => replaced.includes(row.number)))
            await manager.insert(LoanInstallmentHistoryEntity, {
              loanId,
              number: old.number,
              dueDate: old.dueDate,
              paymentMinor: old.paymentMinor,
              principalMinor: old.principalMinor,
              interestMinor: old.interestMinor,
              balanceMinor: old.balanceMinor,
              principalPaidMinor: old.principalPaidMinor,
              interestPaidMinor: old.interestPaidMinor,
              replacedBy: keptAs.ref,
              replacedAt: keptAs.at,
            });
        }
        await manager.delete(
          LoanInstallmentEntity,
          replaced.map((number) => ({ loanId, number })),
        );
        for (const installment of installments)
          await manager.insert(LoanInstallmentEntity, {
            loanId,
            number: installment.number,
            dueDate: installment.dueDate,
            paymentMinor: installment.principal.plus(installment.interest).minorUnits.toString(),
            principalMinor: installment.principal.minorUnits.toString(),
            interestMinor: installment.interest.minorUnits.toString(),
            balanceMinor: installment.balance.minorUnits.toString(),
            principalPaidMinor: '0',
            interestPaidMinor: '0',
          });
      },
      inObservation: async (loan, date) =>
        (await readClassificationFacts(manager, loan, date)).floor.restructured?.inObservation ===
        true,
      classify: (change) => recordClassification(manager, this.trail, change),
      applyToInstallments: (loanId, lines) => applyToInstallments(manager, loanId, lines),
      insertRepayment: async (repayment) => {
        const created = manager.create(RepaymentEntity, repayment);
        await manager.insert(RepaymentEntity, created);
        return created.id;
      },
      post: (txn, postings) => postTransaction(manager, txn, postings),
    };
  }
}
