import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import {
  LoanEntity,
  MisconductReportEntity,
  MisconductReportStepEntity,
  UserEntity,
} from '@loanflow/persistence';

/** A report as it is filed (the register gives it its id). */
export type NewMisconductReport = Omit<MisconductReportEntity, 'id'>;
/** A step of a report's handling as it is recorded. */
export type NewMisconductReportStep = Omit<MisconductReportStepEntity, 'id'>;

/** The list of reports answers at most this many, newest first. */
export const REPORT_LIST_LIMIT = 500;

/** The reports inside one act's transaction; every lock is held until it commits. */
export interface MisconductReportTransaction {
  /** The report, locked for update so two handling steps do not race, or null. */
  lockReport(id: string): Promise<MisconductReportEntity | null>;
  addReport(report: NewMisconductReport): Promise<MisconductReportEntity>;
  updateReport(
    id: string,
    changes: Partial<Pick<MisconductReportEntity, 'status' | 'outcome' | 'updatedAt'>>,
  ): Promise<void>;
  addStep(step: NewMisconductReportStep): Promise<void>;
  /** Writes the act's audit entry in the same transaction, so both commit or neither. */
  audit(act: AuditAct): Promise<void>;
}

/**
 * What reports of suspicious activity (举报) read and write. An abstract class so that it is both
 * the injection token and the shape a unit spec's fake implements.
 */
export abstract class MisconductReportRecords {
  /** Whether a report about this loan names a loan that exists. */
  abstract loanExists(loanId: string): Promise<boolean>;
  /** Whether a report about a member of staff names a user who exists. */
  abstract userExists(username: string): Promise<boolean>;
  /** Every report, newest first, at most REPORT_LIST_LIMIT (the reader's filter comes after). */
  abstract reports(): Promise<MisconductReportEntity[]>;
  /** The report, or null. */
  abstract report(id: string): Promise<MisconductReportEntity | null>;
  /** The report's handling steps in the order they were recorded. */
  abstract steps(reportId: string): Promise<MisconductReportStepEntity[]>;
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: MisconductReportTransaction) => Promise<T>): Promise<T>;
}

/** The SQL of reports of suspicious activity (MySQL/MariaDB). */
@Injectable()
export class SqlMisconductReportRecords extends MisconductReportRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  loanExists(loanId: string): Promise<boolean> {
    return this.dataSource.getRepository(LoanEntity).existsBy({ id: loanId });
  }

  userExists(username: string): Promise<boolean> {
    return this.dataSource.getRepository(UserEntity).existsBy({ username });
  }

  reports(): Promise<MisconductReportEntity[]> {
    return this.dataSource
      .getRepository(MisconductReportEntity)
      .find({ order: { id: 'DESC' }, take: REPORT_LIST_LIMIT });
  }

  report(id: string): Promise<MisconductReportEntity | null> {
    return this.dataSource.getRepository(MisconductReportEntity).findOneBy({ id });
  }

  steps(reportId: string): Promise<MisconductReportStepEntity[]> {
    return this.dataSource
      .getRepository(MisconductReportStepEntity)
      .find({ where: { reportId }, order: { id: 'ASC' } });
  }

  transaction<T>(work: (tx: MisconductReportTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): MisconductReportTransaction {
    return {
      lockReport: (id) =>
        manager.findOne(MisconductReportEntity, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        }),
      addReport: async (report) => {
        const row = manager.create(MisconductReportEntity, report);
        await manager.insert(MisconductReportEntity, row);
        return row;
      },
      updateReport: async (id, changes) => {
        await manager.update(MisconductReportEntity, { id }, changes);
      },
      addStep: async (step) => {
        await manager.insert(MisconductReportStepEntity, step);
      },
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
