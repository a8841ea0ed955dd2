import { Injectable } from '@nestjs/common';
import { lockPerson } from './lock-person';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { AuditAct, AuditActor, AuditTrail } from '@loanflow/audit';
import {
  HandoverEntity,
  HandoverItemEntity,
  LoanEntity,
  LoanStatus,
  UserEntity,
  UserTaskEntity,
} from '@loanflow/persistence';
import type { StaffMember } from './absence-records';
import {
  HandoverRecords,
  HandoverTransaction,
  ManagedLoan,
  NewHandover,
  NewHandoverItem,
} from './handover-records';
import { assignmentsOn } from './task-assignment-records';
import { TaskAssignments } from './task-assignments';

/** The register's SQL for the handovers (MySQL/MariaDB). */
@Injectable()
export class SqlHandoverRecords extends HandoverRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly assignments: TaskAssignments,
  ) {
    super();
  }

  user(username: string): Promise<StaffMember | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ username });
  }

  loansManagedBy(username: string, except: LoanStatus[]): Promise<ManagedLoan[]> {
    return this.dataSource.getRepository(LoanEntity).find({
      select: ['id', 'branchCode'],
      where: { customerManager: username, status: Not(In(except)) },
      order: { id: 'ASC' },
    });
  }

  openTasksHeldBy(username: string): Promise<UserTaskEntity[]> {
    return this.dataSource
      .getRepository(UserTaskEntity)
      .find({ where: { assignee: username, state: 'open' }, order: { id: 'ASC' } });
  }

  latestHandovers(): Promise<HandoverEntity[]> {
    return this.dataSource.getRepository(HandoverEntity).find({ order: { id: 'DESC' }, take: 200 });
  }

  handover(id: string): Promise<HandoverEntity | null> {
    return this.dataSource.getRepository(HandoverEntity).findOneBy({ id });
  }

  items(handoverId: string): Promise<HandoverItemEntity[]> {
    return this.dataSource
      .getRepository(HandoverItemEntity)
      .find({ where: { handoverId }, order: { id: 'ASC' } });
  }

  async handedOver(loanId: string, username: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM handover_item i JOIN handover h ON h.id = i.handover_id
        WHERE i.loan_id = ? AND i.kind = 'loan' AND i.outcome = 'moved' AND h.from_user = ? LIMIT 1`,
      [loanId, username],
    );
    return rows.length > 0;
  }

  transaction<T>(work: (tx: HandoverTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) =>
      work(new SqlHandoverTransaction(manager, this.audit, this.assignments)),
    );
  }
}

/** A handover's writes on the transaction's manager. */
class SqlHandoverTransaction implements HandoverTransaction {
  constructor(
    private readonly manager: EntityManager,
    private readonly trail: AuditTrail,
    private readonly assignments: TaskAssignments,
  ) {}

  lockPerson(username: string): Promise<void> {
    return lockPerson(this.manager, username);
  }

  insertHandover(handover: NewHandover): Promise<HandoverEntity> {
    return this.manager.save(
      this.manager.create(HandoverEntity, {
        fromUser: handover.fromUser,
        toUser: handover.toUser,
        reason: handover.reason,
        orgUnitCode: handover.orgUnitCode,
        handedBy: handover.handedBy,
      }),
    );
  }

  async moveLoan(loanId: string, from: string, to: string): Promise<boolean> {
    const moved = await this.manager.update(
      LoanEntity,
      { id: loanId, customerManager: from },
      { customerManager: to },
    );
    return !!moved.affected;
  }

  assign(
    actor: AuditActor,
    task: UserTaskEntity,
    assignee: string | null,
    action: string,
    reason: string,
  ): Promise<void> {
    return this.assignments.assign(
      actor,
      task,
      assignee,
      action,
      reason,
      assignmentsOn(this.manager, this.trail),
    );
  }

  async insertItem(item: NewHandoverItem): Promise<void> {
    await this.manager.insert(HandoverItemEntity, item);
  }

  async audit(act: AuditAct): Promise<void> {
    await this.trail.append(this.manager, act);
  }
}
