import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import type { LoanClass, ServicingLedger } from '@loanflow/domain';
import {
  IdempotencyService,
  KeyCustomerEntity,
  LoanEntity,
  LoanInspectionEntity,
} from '@loanflow/persistence';
import { assertBetterLevelAllowed } from '../classification/classification-rules';
import { readLedger } from '../repayments/loan-ledger';
import { ClassificationChange, recordClassification } from './record-classification';

/** An inspection as it is planned (the register gives it its id). */
export type NewInspection = Omit<LoanInspectionEntity, 'id'>;
/** What the officer's report puts on the inspection. */
export type InspectionCompletion = Pick<
  LoanInspectionEntity,
  'completedAt' | 'completedOn' | 'inspector' | 'reportJson'
>;

/** The register inside one transaction of an inspection or reclassification step. */
export interface InspectionTransaction {
  /** The loan, locked for update, or null when there is none. */
  lockLoan(loanId: string): Promise<LoanEntity | null>;
  ledger(loanId: string): Promise<ServicingLedger>;
  /** Completes the loan's inspection; false when the loan has no such inspection. */
  completeInspection(
    inspectionId: string,
    loanId: string,
    report: InspectionCompletion,
  ): Promise<boolean>;
  /** The loan's inspection, locked for update (a second delivery waits), or null. */
  lockInspection(inspectionId: string, loanId: string): Promise<LoanInspectionEntity | null>;
  markEscalated(inspectionId: string, at: Date): Promise<void>;
  /**
   * Refuses (with the rule's DomainError) a better level the loan may not have on the day: below
   * its days-past-due floor, or an upgrade its record has not earned. A worse level passes.
   */
  assertBetterLevelAllowed(loan: LoanEntity, proposed: LoanClass, asOf: string): Promise<void>;
  /** Closes the upgrade the daily rule proposed on the loan. */
  closeUpgradeProposal(loanId: string): Promise<void>;
  /** Moves the loan to a level: its row, its history and the trail. */
  classify(change: ClassificationChange): Promise<void>;
  audit(act: AuditAct): Promise<void>;
}

/**
 * What post-loan inspections (贷后检查) and approved reclassifications read and write in the
 * register. An abstract class so that it is both the injection token and the shape a unit spec's
 * fake implements.
 */
export abstract class InspectionRecords {
  /** The loan's latest inspection, or null before the first is planned. */
  abstract lastInspection(loanId: string): Promise<LoanInspectionEntity | null>;
  /** The inspection intervals of the borrower's entries on any unit's key-customer list. */
  abstract keyCustomerEntries(idNumberIndex: string): Promise<{ inspectionMonths: number }[]>;
  /** Plans it; a second one of the same number fails on its unique key (the job retries). */
  abstract planInspection(inspection: NewInspection): Promise<LoanInspectionEntity>;
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: InspectionTransaction) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one transaction once per `scope` and `key`, however often the job is delivered;
   * a later delivery gets the first one's result and writes nothing.
   */
  abstract once<T>(
    scope: string,
    key: string,
    jobKey: string,
    work: (tx: InspectionTransaction) => Promise<T>,
  ): Promise<T>;
}

/** The register's SQL for inspections and reclassifications (MySQL/MariaDB). */
@Injectable()
export class SqlInspectionRecords extends InspectionRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  lastInspection(loanId: string): Promise<LoanInspectionEntity | null> {
    return this.dataSource
      .getRepository(LoanInspectionEntity)
      .findOne({ where: { loanId }, order: { number: 'DESC' } });
  }

  keyCustomerEntries(idNumberIndex: string): Promise<{ inspectionMonths: number }[]> {
    return this.dataSource.getRepository(KeyCustomerEntity).find({
      where: { idNumberIndex, removedAt: IsNull() },
      select: { inspectionMonths: true },
    });
  }

  async planInspection(inspection: NewInspection): Promise<LoanInspectionEntity> {
    const rows = this.dataSource.getRepository(LoanInspectionEntity);
    const row = rows.create(inspection);
    await rows.insert(row);
    return row;
  }

  transaction<T>(work: (tx: InspectionTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  async once<T>(
    scope: string,
    key: string,
    jobKey: string,
    work: (tx: InspectionTransaction) => Promise<T>,
  ): Promise<T> {
    const { result } = await this.idempotency.once(scope, key, jobKey, (manager) =>
      work(this.inTransaction(manager)),
    );
    return result;
  }

  private inTransaction(manager: EntityManager): InspectionTransaction {
    return {
      lockLoan: (loanId) =>
        manager.findOne(LoanEntity, { where: { id: loanId }, lock: { mode: 'pessimistic_write' } }),
      ledger: async (loanId) => {
        const { installments, applied } = await readLedger(manager, loanId);
        return { installments, applied };
      },
      completeInspection: async (inspectionId, loanId, report) => {
        const result = await manager.update(
          LoanInspectionEntity,
          { id: inspectionId, loanId },
          report,
        );
        return Boolean(result.affected);
      },
      lockInspection: (inspectionId, loanId) =>
        manager.findOne(LoanInspectionEntity, {
          where: { id: inspectionId, loanId },
          lock: { mode: 'pessimistic_write' },
        }),
      markEscalated: async (inspectionId, at) => {
        await manager.update(LoanInspectionEntity, { id: inspectionId }, { escalatedAt: at });
      },
      assertBetterLevelAllowed: (loan, proposed, asOf) =>
        assertBetterLevelAllowed(manager, loan, proposed, asOf),
      closeUpgradeProposal: async (loanId) => {
        await manager.update(LoanEntity, { id: loanId }, { upgradeProposalOpen: false });
      },
      classify: (change) => recordClassification(manager, this.trail, change),
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
