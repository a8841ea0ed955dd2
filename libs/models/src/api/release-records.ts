import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import { ModelReleaseEntity, ModelReleaseState } from '@loanflow/persistence';

/** A release request as it is filed (the register gives it its id). */
export type NewRelease = Omit<
  ModelReleaseEntity,
  'id' | 'decidedBy' | 'decidedAt' | 'decisionReason' | 'deployedJson'
>;
export type ReleaseChanges = Partial<Omit<ModelReleaseEntity, 'id'>>;

/** The release register inside one transaction. */
export interface ReleaseTransaction {
  addRelease(release: NewRelease): Promise<ModelReleaseEntity>;
  /** Changes the release only while it is in state `from`: false when it no longer is. */
  moveFrom(id: string, from: ModelReleaseState, changes: ReleaseChanges): Promise<boolean>;
  audit(act: AuditAct): Promise<void>;
}

/** The most releases a list answers, newest first. */
export const RELEASE_LIST_LIMIT = 200;

/**
 * What the four-eyes release of models reads and writes. An abstract class so that it is both
 * the injection token and the shape a unit spec's fake implements.
 */
export abstract class ReleaseRecords {
  abstract release(id: string): Promise<ModelReleaseEntity | null>;
  abstract list(state?: ModelReleaseState): Promise<ModelReleaseEntity[]>;
  /**
   * Changes the release only while it is in state `from` (one statement, so two approvals racing
   * claim it once): false when it no longer is.
   */
  abstract moveFrom(id: string, from: ModelReleaseState, changes: ReleaseChanges): Promise<boolean>;
  abstract update(id: string, changes: ReleaseChanges): Promise<void>;
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: ReleaseTransaction) => Promise<T>): Promise<T>;
}

/** The release register's SQL (MySQL/MariaDB). */
@Injectable()
export class SqlReleaseRecords extends ReleaseRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  release(id: string): Promise<ModelReleaseEntity | null> {
    return this.dataSource.getRepository(ModelReleaseEntity).findOneBy({ id });
  }

  list(state?: ModelReleaseState): Promise<ModelReleaseEntity[]> {
    return this.dataSource.getRepository(ModelReleaseEntity).find({
      where: state ? { state } : {},
      order: { id: 'DESC' },
      take: RELEASE_LIST_LIMIT,
    });
  }

  moveFrom(id: string, from: ModelReleaseState, changes: ReleaseChanges): Promise<boolean> {
    return moveFrom(this.dataSource.manager, id, from, changes);
  }

  async update(id: string, changes: ReleaseChanges): Promise<void> {
    await this.dataSource.getRepository(ModelReleaseEntity).update({ id }, changes);
  }

  transaction<T>(work: (tx: ReleaseTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) =>
      work({
        addRelease: (release) => manager.save(manager.create(ModelReleaseEntity, release)),
        moveFrom: (id, from, changes) => moveFrom(manager, id, from, changes),
        audit: (act) => this.trail.append(manager, act).then(() => undefined),
      }),
    );
  }
}

async function moveFrom(
  manager: EntityManager,
  id: string,
  from: ModelReleaseState,
  changes: ReleaseChanges,
): Promise<boolean> {
  const result = await manager.update(ModelReleaseEntity, { id, state: from }, changes);
  return Boolean(result.affected);
}
