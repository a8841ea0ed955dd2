import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import { beijingDate, Money, ServicingLedger } from '@loanflow/domain';
import { LoanFile, LoanRecords } from '@loanflow/loans';
import {
  CollateralValuationEntity,
  IdempotencyService,
  LoanCollateralEntity,
  LoanEntity,
  LoanFollowUpEntity,
  LoanRevaluationEntity,
} from '@loanflow/persistence';
import { readLedger } from '../repayments/loan-ledger';

/** A follow-up as it is planned (the register gives it its id). */
export type NewFollowUp = Omit<LoanFollowUpEntity, 'id' | 'escalatedAt'>;
/** What the customer manager's report puts on the follow-up. */
export type FollowUpCompletion = Pick<
  LoanFollowUpEntity,
  | 'completedAt'
  | 'completedOn'
  | 'completedBy'
  | 'useOfFunds'
  | 'contactConfirmed'
  | 'reportJson'
  | 'warningLevel'
>;
/** A revaluation round as it is planned. */
export type NewRevaluationRound = Omit<LoanRevaluationEntity, 'id' | 'escalatedAt'>;
/** What recording the round puts on it. */
export type RevaluationCompletion = Partial<
  Omit<LoanRevaluationEntity, 'id' | 'loanId' | 'number'>
>;
/** One item's new value in its history. */
export type NewValuation = Omit<CollateralValuationEntity, 'id'>;

/** A collateral item's value now and when it was found. */
export interface ValueNow {
  value: Money;
  valuedOn: string;
}

/** The post-loan tasks that are escalated when late. */
export type LateTaskKind = 'follow-up' | 'revaluation';
/** A post-loan task as its escalation reads it. */
export type LateTask = Pick<LoanFollowUpEntity, 'id' | 'dueOn' | 'completedAt' | 'escalatedAt'>;

const LATE_TABLES = {
  'follow-up': LoanFollowUpEntity,
  revaluation: LoanRevaluationEntity,
} as const;

/** The register inside one transaction of a post-loan step. */
export interface AfterDisbursementTransaction {
  /** Completes the loan's follow-up; false when the loan has no such follow-up. */
  completeFollowUp(
    followUpId: string,
    loanId: string,
    report: FollowUpCompletion,
  ): Promise<boolean>;
  /** The loan's revaluation round, or null. */
  round(revaluationId: string, loanId: string): Promise<LoanRevaluationEntity | null>;
  /** The loan with its collateral, as this transaction sees it. */
  file(loanId: string): Promise<LoanFile>;
  currentValues(
    loan: LoanEntity,
    collateral: readonly LoanCollateralEntity[],
  ): Promise<Map<string, ValueNow>>;
  addValuation(valuation: NewValuation): Promise<void>;
  ledger(loanId: string): Promise<ServicingLedger>;
  completeRound(revaluationId: string, completion: RevaluationCompletion): Promise<void>;
  /** The loan's task of that kind, locked for update (a second delivery waits), or null. */
  lockLate(kind: LateTaskKind, id: string, loanId: string): Promise<LateTask | null>;
  markEscalated(kind: LateTaskKind, id: string, at: Date): Promise<void>;
  audit(act: AuditAct): Promise<void>;
}

/**
 * What the steps after the payout (贷后回访, 押品价值重估, their escalation when late) read and write
 * in the register. An abstract class so that it is both the injection token and the shape a unit
 * spec's fake implements.
 */
export abstract class AfterDisbursementRecords {
  /** The loan's follow-up (one per loan), or null before it is planned. */
  abstract followUpOf(loanId: string): Promise<LoanFollowUpEntity | null>;
  /** Plans it; a second one for the loan fails on its unique key (the job retries into the read). */
  abstract planFollowUp(followUp: NewFollowUp): Promise<LoanFollowUpEntity>;
  /** Each item's value now: its last revaluation, or its appraisal at the payout. */
  abstract currentValues(
    loan: LoanEntity,
    collateral: readonly LoanCollateralEntity[],
  ): Promise<Map<string, ValueNow>>;
  /** The loan's latest revaluation round, or null. */
  abstract lastRound(loanId: string): Promise<LoanRevaluationEntity | null>;
  /** Plans a round; a second one of the same number fails on its unique key. */
  abstract planRound(round: NewRevaluationRound): Promise<LoanRevaluationEntity>;
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: AfterDisbursementTransaction) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one transaction once per `scope` and `key`, however often the job is delivered;
   * a later delivery gets the first one's result and writes nothing.
   */
  abstract once<T>(
    scope: string,
    key: string,
    jobKey: string,
    work: (tx: AfterDisbursementTransaction) => Promise<T>,
  ): Promise<T>;
}

/** Each item's value now and when it was found: the last revaluation, or the appraisal at the payout. */
async function currentValues(
  manager: EntityManager,
  loan: LoanEntity,
  collateral: readonly LoanCollateralEntity[],
): Promise<Map<string, ValueNow>> {
  const history = collateral.length
    ? await manager.find(CollateralValuationEntity, {
        where: { collateralId: In(collateral.map((item) => item.id)) },
        order: { id: 'ASC' },
      })
    : [];
  const values = new Map<string, ValueNow>();
  for (const item of collateral)
    values.set(String(item.id), {
      value: Money.ofMinor(item.appraisedValueMinor),
      valuedOn: beijingDate(loan.disbursedAt ?? loan.createdAt),
    });
  for (const row of history)
    values.set(String(row.collateralId), {
      value: Money.ofMinor(row.valueMinor),
      valuedOn: row.valuedOn,
    });
  return values;
}

/** The register's SQL for the steps after the payout (MySQL/MariaDB). */
@Injectable()
export class SqlAfterDisbursementRecords extends AfterDisbursementRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly records: LoanRecords,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  followUpOf(loanId: string): Promise<LoanFollowUpEntity | null> {
    return this.dataSource.getRepository(LoanFollowUpEntity).findOneBy({ loanId });
  }

  async planFollowUp(followUp: NewFollowUp): Promise<LoanFollowUpEntity> {
    const rows = this.dataSource.getRepository(LoanFollowUpEntity);
    const row = rows.create(followUp);
    await rows.insert(row);
    return row;
  }

  currentValues(
    loan: LoanEntity,
    collateral: readonly LoanCollateralEntity[],
  ): Promise<Map<string, ValueNow>> {
    return currentValues(this.dataSource.manager, loan, collateral);
  }

  lastRound(loanId: string): Promise<LoanRevaluationEntity | null> {
    return this.dataSource
      .getRepository(LoanRevaluationEntity)
      .findOne({ where: { loanId }, order: { number: 'DESC' } });
  }

  async planRound(round: NewRevaluationRound): Promise<LoanRevaluationEntity> {
    const rows = this.dataSource.getRepository(LoanRevaluationEntity);
    const row = rows.create(round);
    await rows.insert(row);
    return row;
  }

  transaction<T>(work: (tx: AfterDisbursementTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  async once<T>(
    scope: string,
    key: string,
    jobKey: string,
    work: (tx: AfterDisbursementTransaction) => Promise<T>,
  ): Promise<T> {
    const { result } = await this.idempotency.once(scope, key, jobKey, (manager) =>
      work(this.inTransaction(manager)),
    );
    return result;
  }

  private inTransaction(manager: EntityManager): AfterDisbursementTransaction {
    return {
      completeFollowUp: async (followUpId, loanId, report) => {
        const result = await manager.update(LoanFollowUpEntity, { id: followUpId, loanId }, report);
        return Boolean(result.affected);
      },
      round: (revaluationId, loanId) =>
        manager.findOneBy(LoanRevaluationEntity, { id: revaluationId, loanId }),
      file: (loanId) => this.records.fileForJob(loanId, manager),
      currentValues: (loan, collateral) => currentValues(manager, loan, collateral),
      addValuation: async (valuation) => {
        await manager.insert(CollateralValuationEntity, valuation);
      },
      ledger: async (loanId) => {
        const { installments, applied } = await readLedger(manager, loanId);
        return { installments, applied };
      },
      completeRound: async (revaluationId, completion) => {
        await manager.update(LoanRevaluationEntity, { id: revaluationId }, completion);
      },
      lockLate: (kind, id, loanId) =>
        manager.findOne(LATE_TABLES[kind], {
          where: { id, loanId },
          lock: { mode: 'pessimistic_write' },
        }),
      markEscalated: async (kind, id, at) => {
        await manager.update(LATE_TABLES[kind], { id }, { escalatedAt: at });
      },
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
