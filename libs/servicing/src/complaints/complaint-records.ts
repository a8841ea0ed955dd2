import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import {
  ComplaintEntity,
  ComplaintStaffEntity,
  LoanEntity,
  UserEntity,
} from '@loanflow/persistence';

/** A complaint as the register holds it (the text and the answer decrypted). */
export interface ComplaintRecord {
  id: string;
  loanId: string;
  /** The loan's branch when it was filed. */
  unitCode: string;
  category: string;
  channel: string;
  body: string;
  filedBy: string;
  filedAt: Date;
  handler: string | null;
  level: string;
  dueAt: Date;
  dueOn: string;
  levelDueAt: Date;
  workingDays: number;
  /** 1 or 0. */
  calendarCovered: number;
  processInstanceKey: string | null;
  status: string;
  answer: string | null;
  resolution: string | null;
  answeredBy: string | null;
  answeredAt: Date | null;
  escalatedToBranchAt: Date | null;
  escalatedToHeadOfficeAt: Date | null;
}

/** A complaint to record: everything but the id the register gives it. */
export type NewComplaint = Omit<ComplaintRecord, 'id'>;

/** What a complaint's filing needs of its loan. */
export interface ComplaintLoan {
  branchCode: string;
  customerManager: string;
}

/** A member of staff a complaint is about. */
export interface ComplaintStaff {
  complaintId: string;
  username: string;
}

/** A complaint as the figures count it. */
export interface ComplaintDeadline {
  unitCode: string;
  category: string;
  dueAt: Date;
  answeredAt: Date | null;
}

/** Which complaints a list reads; null reads all of them (every unit, every id). */
export interface ComplaintFilter {
  unitCodes: readonly string[] | null;
  status?: string;
  ids: readonly string[] | null;
}

/** What an escalation changes on the complaint. */
export type ComplaintEscalation = Partial<
  Pick<ComplaintRecord, 'level' | 'levelDueAt' | 'escalatedToBranchAt' | 'escalatedToHeadOfficeAt'>
>;

/** The register inside one transaction: what is locked stays locked until it commits. */
export interface ComplaintTransaction {
  /** The loan's complaint, locked for update, or null when the loan has no such complaint. */
  lockOfLoan(loanId: string, complaintId: string): Promise<ComplaintRecord | null>;
  escalate(complaintId: string, change: ComplaintEscalation): Promise<void>;
  /** Appends to the audit trail in the transaction. */
  audit(act: AuditAct): Promise<void>;
}

/**
 * What complaints (the service and the escalation worker) read and write in the register. An
 * abstract class so that it is both the injection token and the shape a unit spec's fake
 * implements.
 */
export abstract class ComplaintRecords {
  abstract loan(loanId: string): Promise<ComplaintLoan | null>;
  /** Those of the user names that belong to an active user. */
  abstract activeUsers(usernames: readonly string[]): Promise<string[]>;
  /** Records the complaint and the staff it is about in one transaction; the complaint with its id. */
  abstract file(
    complaint: NewComplaint,
    staffInvolved: readonly string[],
  ): Promise<ComplaintRecord>;
  /** Deletes a complaint whose handling never started, with its staff rows. */
  abstract withdraw(complaintId: string): Promise<void>;
  /** Records the complaint's process instance and the audit entry of its filing in one transaction. */
  abstract started(
    complaintId: string,
    processInstanceKey: string | null,
    act: AuditAct,
  ): Promise<void>;
  /** The loan's complaints, oldest first. */
  abstract ofLoan(loanId: string): Promise<ComplaintRecord[]>;
  abstract oneOfLoan(loanId: string, complaintId: string): Promise<ComplaintRecord | null>;
  /** The ids of the complaints about a member of staff. */
  abstract about(username: string): Promise<string[]>;
  /** The complaints the filter lets through, newest first, at most `limit`. */
  abstract list(filter: ComplaintFilter, limit: number): Promise<ComplaintRecord[]>;
  /** Every complaint of the units (null: of every unit), as the figures count it. */
  abstract deadlines(unitCodes: readonly string[] | null): Promise<ComplaintDeadline[]>;
  /** The staff the complaints are about. */
  abstract staffOf(complaintIds: readonly string[]): Promise<ComplaintStaff[]>;
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: ComplaintTransaction) => Promise<T>): Promise<T>;
}

/** The register's SQL for complaints (MySQL/MariaDB). */
@Injectable()
export class SqlComplaintRecords extends ComplaintRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {
    super();
  }

  async loan(loanId: string): Promise<ComplaintLoan | null> {
    const loan = await this.dataSource.getRepository(LoanEntity).findOneBy({ id: loanId });
    return loan ? { branchCode: loan.branchCode, customerManager: loan.customerManager } : null;
  }

  async activeUsers(usernames: readonly string[]): Promise<string[]> {
    const found = await this.dataSource
      .getRepository(UserEntity)
      .find({ where: { username: In([...usernames]), active: true }, select: { username: true } });
    return found.map((u) => u.username);
  }

  file(complaint: NewComplaint, staffInvolved: readonly string[]): Promise<ComplaintRecord> {
    return this.dataSource.transaction(async (manager) => {
      const created = manager.create(ComplaintEntity, complaint);
      await manager.insert(ComplaintEntity, created);
      for (const username of staffInvolved)
        await manager.insert(ComplaintStaffEntity, { complaintId: created.id, username });
      return created;
    });
  }

  async withdraw(complaintId: string): Promise<void> {
    await this.dataSource.getRepository(ComplaintStaffEntity).delete({ complaintId });
    await this.dataSource.getRepository(ComplaintEntity).delete({ id: complaintId });
  }

  async started(
    complaintId: string,
    processInstanceKey: string | null,
    act: AuditAct,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(ComplaintEntity, { id: complaintId }, { processInstanceKey });
      await this.audit.append(manager, act);
    });
  }

  ofLoan(loanId: string): Promise<ComplaintRecord[]> {
    return this.dataSource
      .getRepository(ComplaintEntity)
      .find({ where: { loanId }, order: { id: 'ASC' } });
  }

  oneOfLoan(loanId: string, complaintId: string): Promise<ComplaintRecord | null> {
    return this.dataSource.getRepository(ComplaintEntity).findOneBy({ id: complaintId, loanId });
  }

  async about(username: string): Promise<string[]> {
    return (
      await this.dataSource
        .getRepository(ComplaintStaffEntity)
        .find({ where: { username }, select: { complaintId: true } })
    ).map((row) => row.complaintId);
  }

  list(filter: ComplaintFilter, limit: number): Promise<ComplaintRecord[]> {
    const where = {
      ...(filter.unitCodes === null ? {} : { unitCode: In([...filter.unitCodes]) }),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.ids ? { id: In([...filter.ids]) } : {}),
    };
    return this.dataSource
      .getRepository(ComplaintEntity)
      .find({ where, order: { id: 'DESC' }, take: limit });
  }

  deadlines(unitCodes: readonly string[] | null): Promise<ComplaintDeadline[]> {
    return this.dataSource.getRepository(ComplaintEntity).find({
      where: unitCodes === null ? {} : { unitCode: In([...unitCodes]) },
      select: { unitCode: true, category: true, dueAt: true, answeredAt: true },
    });
  }

  staffOf(complaintIds: readonly string[]): Promise<ComplaintStaff[]> {
    return this.dataSource
      .getRepository(ComplaintStaffEntity)
      .find({ where: { complaintId: In([...complaintIds]) } });
  }

  transaction<T>(work: (tx: ComplaintTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): ComplaintTransaction {
    return {
      lockOfLoan: (loanId, complaintId) =>
        manager.findOne(ComplaintEntity, {
          where: { id: complaintId, loanId },
          lock: { mode: 'pessimistic_write' },
        }),
      escalate: async (complaintId, change) => {
        await manager.update(ComplaintEntity, { id: complaintId }, change);
      },
      audit: async (act) => {
        await this.audit.append(manager, act);
      },
    };
  }
}
