import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, Like } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import type { RecalledInstallment, ServicingLedger, WarningLevel } from '@loanflow/domain';
import {
  AuditEntryEntity,
  LoanEntity,
  LoanInstallmentEntity,
  RiskWarningEntity,
} from '@loanflow/persistence';
import { readLedger } from '../repayments/loan-ledger';
import { ClassificationChange, recordClassification } from './record-classification';

export type { ClassificationChange } from './record-classification';

/** A risk warning as the register holds it. */
export interface WarningRecord {
  id: string;
  loanId: string;
  /** The loan id while the warning is open, null after: at most one open warning per loan. */
  openKey: string | null;
  level: WarningLevel;
  signal: string;
  description: string;
  raisedBy: string;
  raisedAt: Date;
  state: 'open' | 'resolved' | 'superseded';
  /** The warning that replaced this one at a higher level. */
  supersededBy: string | null;
  closedAt: Date | null;
  resolution: string | null;
  /** Set once the broker took the start message (the row is the outbox until then). */
  publishedAt: Date | null;
}

/** A warning to record: everything but the id the register gives it. */
export type NewWarning = Omit<WarningRecord, 'id'>;

/** What a change of a warning may set. */
export type WarningChange = Partial<
  Pick<WarningRecord, 'openKey' | 'level' | 'state' | 'supersededBy' | 'closedAt' | 'resolution'>
>;

/** What warnings need of their loan. */
export interface WarningLoan {
  id: string;
  status: string;
  /** The five-level classification now. */
  classification: string;
  annualRate: string | null;
  disbursedAt: Date | null;
}

/** A recall of the loan for a red warning as the trail holds it: done or refused, and why. */
export interface RecordedRecall {
  outcome: 'ok' | 'refused';
  reason: string;
}

/** The register inside one transaction: what is locked stays locked until it commits. */
export interface WarningTransaction {
  /** The loan, locked for update, or null when there is none. */
  lockLoan(loanId: string): Promise<WarningLoan | null>;
  /** The loan's open warning (the one holding its open key), or null. */
  openOf(loanId: string): Promise<WarningRecord | null>;
  /** Records a new warning; the warning with its id. */
  insert(warning: NewWarning): Promise<WarningRecord>;
  update(warningId: string, change: WarningChange): Promise<void>;
  /** Changes the loan's warning only while it is open; whether it was. */
  updateOpen(loanId: string, warningId: string, change: WarningChange): Promise<boolean>;
  /** The loan's ledger: its schedule and every amount applied to it. */
  ledger(loanId: string): Promise<ServicingLedger>;
  /** Moves the loan to a level: the loan row, its history and the trail. */
  classify(change: ClassificationChange): Promise<void>;
  /** The trail's recall of the loan (done or refused) for this red warning, or null. */
  recallRecorded(loanId: string, warningId: string): Promise<RecordedRecall | null>;
  /** Replaces the installments numbered `replaced` by the recall's one installment. */
  replaceInstallments(
    loanId: string,
    replaced: readonly number[],
    installment: RecalledInstallment,
  ): Promise<void>;
  /** Appends to the audit trail in the transaction. */
  audit(act: AuditAct): Promise<void>;
}

/**
 * What risk warnings (the service and the warning workers) read and write in the register. An
 * abstract class so that it is both the injection token and the shape a unit spec's fake
 * implements.
 */
export abstract class WarningRecords {
  /** The loan's warning, in any state, or null when the loan has no such warning. */
  abstract oneOfLoan(loanId: string, warningId: string): Promise<WarningRecord | null>;
  /** The loan's warnings in every state, in the order they were raised. */
  abstract ofLoan(loanId: string): Promise<WarningRecord[]>;
  /** The warning that superseded this one, or null. */
  abstract supersededBy(warningId: string): Promise<WarningRecord | null>;
  /** Records that the broker took the warning's start message. */
  abstract markPublished(warningId: string, at: Date): Promise<void>;
  /** Whether the trail holds this warning's escalation to `level`. */
  abstract escalationRecorded(
    loanId: string,
    warningId: string,
    level: WarningLevel,
  ): Promise<boolean>;
  /** The loan's warnings closed as resolved on these grounds (a withdrawal's reason). */
  abstract resolvedAs(loanId: string, resolution: string): Promise<WarningRecord[]>;
  /** Open warnings whose start message is not yet published, oldest first, at most `limit`. */
  abstract unpublished(limit: number): Promise<WarningRecord[]>;
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: WarningTransaction) => Promise<T>): Promise<T>;
}

/** The register's SQL for risk warnings (MySQL/MariaDB). */
@Injectable()
export class SqlWarningRecords extends WarningRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {
    super();
  }

  oneOfLoan(loanId: string, warningId: string): Promise<WarningRecord | null> {
    return this.dataSource.getRepository(RiskWarningEntity).findOneBy({ id: warningId, loanId });
  }

  ofLoan(loanId: string): Promise<WarningRecord[]> {
    return this.dataSource
      .getRepository(RiskWarningEntity)
      .find({ where: { loanId }, order: { id: 'ASC' } });
  }

  supersededBy(warningId: string): Promise<WarningRecord | null> {
    return this.dataSource.getRepository(RiskWarningEntity).findOneBy({ supersededBy: warningId });
  }

  async markPublished(warningId: string, at: Date): Promise<void> {
    await this.dataSource
      .getRepository(RiskWarningEntity)
      .update({ id: warningId }, { publishedAt: at });
  }

  async escalationRecorded(
    loanId: string,
    warningId: string,
    level: WarningLevel,
  ): Promise<boolean> {
    return (
      (await this.dataSource.getRepository(AuditEntryEntity).findOneBy({
        loanKey: loanId,
        action: 'warning.escalate',
        reason: Like(`warning ${warningId} % → ${level} (%`),
      })) !== null
    );
  }

  resolvedAs(loanId: string, resolution: string): Promise<WarningRecord[]> {
    return this.dataSource
      .getRepository(RiskWarningEntity)
      .find({ where: { loanId, state: 'resolved', resolution }, order: { id: 'ASC' } });
  }

  unpublished(limit: number): Promise<WarningRecord[]> {
    return this.dataSource.getRepository(RiskWarningEntity).find({
      where: { publishedAt: IsNull(), state: 'open' },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  transaction<T>(work: (tx: WarningTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): WarningTransaction {
    return {
      lockLoan: (loanId) =>
        manager.findOne(LoanEntity, {
          where: { id: loanId },
          lock: { mode: 'pessimistic_write' },
        }),
      openOf: (loanId) => manager.findOneBy(RiskWarningEntity, { openKey: loanId }),
      insert: async (warning) => {
        const created = manager.create(RiskWarningEntity, warning);
        await manager.insert(RiskWarningEntity, created);
        return created;
      },
      update: async (warningId, change) => {
        await manager.update(RiskWarningEntity, { id: warningId }, change);
      },
      updateOpen: async (loanId, warningId, change) => {
        const changed = await manager.update(
          RiskWarningEntity,
          { id: warningId, loanId, state: 'open' },
          change,
        );
        return Boolean(changed.affected);
      },
      ledger: (loanId) => readLedger(manager, loanId),
      classify: (change) => recordClassification(manager, this.audit, change),
      recallRecorded: async (loanId, warningId) => {
        const entry = await manager.findOne(AuditEntryEntity, {
          where: {
            loanKey: loanId,
            action: 'loan.recall',
            reason: Like(`%(red warning ${warningId})%`),
          },
          order: { id: 'ASC' },
        });
        return entry
          ? { outcome: entry.outcome === 'ok' ? 'ok' : 'refused', reason: entry.reason ?? '' }
          : null;
      },
      replaceInstallments: async (loanId, replaced, installment) => {
        await manager.delete(
          LoanInstallmentEntity,
          replaced.map((number) => ({ loanId, number })),
        );
        await manager.insert(LoanInstallmentEntity, {
          loanId,
          number: installment.number,
          dueDate: installment.dueDate,
          paymentMinor: installment.principal.plus(installment.interest).minorUnits.toString(),
          principalMinor: installment.principal.minorUnits.toString(),
          interestMinor: installment.interest.minorUnits.toString(),
          balanceMinor: '0',
          principalPaidMinor: '0',
          interestPaidMinor: '0',
        });
      },
      audit: async (act) => {
        await this.audit.append(manager, act);
      },
    };
  }
}
