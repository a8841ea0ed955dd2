import { Injectable } from '@nestjs/common';
import { lockPerson } from './lock-person';
import { DataSource, EntityManager, In, IsNull, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import { UserAbsenceEntity, UserEntity, UserTaskEntity } from '@loanflow/persistence';
import { AbsenceRecords, AbsenceTransaction, NewAbsence, StaffMember } from './absence-records';

/** The register's SQL for the absences (MySQL/MariaDB). */
@Injectable()
export class SqlAbsenceRecords extends AbsenceRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {
    super();
  }

  staff(): Promise<StaffMember[]> {
    return this.dataSource.getRepository(UserEntity).find({ select: ['username', 'orgUnitCode'] });
  }

  absencesOf(usernames: string[], deputy: string): Promise<UserAbsenceEntity[]> {
    return this.dataSource.getRepository(UserAbsenceEntity).find({
      where: [{ username: In(usernames) }, { deputy }],
      order: { startsOn: 'DESC', id: 'DESC' },
      take: 500,
    });
  }

  absence(id: string): Promise<UserAbsenceEntity | null> {
    return this.dataSource.getRepository(UserAbsenceEntity).findOneBy({ id });
  }

  absenceOrFail(id: string): Promise<UserAbsenceEntity> {
    return this.dataSource.getRepository(UserAbsenceEntity).findOneByOrFail({ id });
  }

  async cancel(id: string, by: string, act: AuditAct): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(UserAbsenceEntity, { id }, { cancelledAt: new Date(), cancelledBy: by });
      await this.audit.append(manager, act);
    });
  }

  transaction<T>(work: (tx: AbsenceTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) =>
      work(new SqlAbsenceTransaction(manager, this.audit)),
    );
  }

  activeAbsence(username: string, day: string): Promise<UserAbsenceEntity | null> {
    return this.dataSource.getRepository(UserAbsenceEntity).findOne({
      where: {
        username,
        startsOn: LessThanOrEqual(day),
        endsOn: MoreThanOrEqual(day),
        cancelledAt: IsNull(),
      },
      order: { id: 'DESC' },
    });
  }

  openTasksHeldBy(username: string): Promise<UserTaskEntity[]> {
    return this.dataSource
      .getRepository(UserTaskEntity)
      .find({ where: { assignee: username, state: 'open' }, order: { id: 'ASC' } });
  }

  async markClaimedMoved(absenceId: string, at: Date): Promise<void> {
    await this.dataSource
      .getRepository(UserAbsenceEntity)
      .update({ id: absenceId }, { claimedMovedAt: at });
  }

  begunUnmoved(day: string): Promise<UserAbsenceEntity[]> {
    return this.dataSource.getRepository(UserAbsenceEntity).find({
      where: {
        startsOn: LessThanOrEqual(day),
        endsOn: MoreThanOrEqual(day),
        claimedMovedAt: IsNull(),
        cancelledAt: IsNull(),
      },
    });
  }
}

/** A declaration's reads and writes on the transaction's manager. */
class SqlAbsenceTransaction implements AbsenceTransaction {
  constructor(
    private readonly manager: EntityManager,
    private readonly trail: AuditTrail,
  ) {}

  lockPerson(username: string): Promise<void> {
    return lockPerson(this.manager, username);
  }

  uncancelledEndingFrom(username: string, day: string): Promise<UserAbsenceEntity[]> {
    return this.manager.find(UserAbsenceEntity, {
      where: {
        username,
        cancelledAt: IsNull(),
        endsOn: MoreThanOrEqual(day),
      },
    });
  }

  insert(absence: NewAbsence): Promise<UserAbsenceEntity> {
    return this.manager.save(
      this.manager.create(UserAbsenceEntity, {
        username: absence.username,
        deputy: absence.deputy,
        startsOn: absence.startsOn,
        endsOn: absence.endsOn,
        reason: absence.reason,
        declaredBy: absence.declaredBy,
        claimedMovedAt: null,
        cancelledAt: null,
        cancelledBy: null,
      }),
    );
  }

  async audit(act: AuditAct): Promise<void> {
    await this.trail.append(this.manager, act);
  }
}
