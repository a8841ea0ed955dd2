import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UnitScope } from '@loanflow/identity';
import {
  ElementInstanceEntity,
  InstanceModificationEntity,
  ModificationStatus,
} from '@loanflow/persistence';
import type { ProjectedElement } from '../monitor/monitor-reads';

/** A modification as it is requested (the register gives it its id). */
export type NewModification = Omit<InstanceModificationEntity, 'id'>;

/** Which modifications a list shows besides the reader's units. */
export interface ModificationFilter {
  status?: ModificationStatus;
  processInstanceKey?: string;
}

/** Lists answer at most this many modifications, the last requested first. */
export const MODIFICATION_LIST_LIMIT = 200;

/**
 * What modifying a running instance reads of the projection beyond MonitorReads, and the register
 * of modifications (instance_modification) it keeps. An abstract class so that it is both the
 * injection token and the shape a unit spec's fake implements.
 */
export abstract class InstanceModificationRecords {
  /** Every element the instance entered, oldest first: where its tokens are, where they were. */
  abstract elements(processInstanceKey: string): Promise<ProjectedElement[]>;
  /** Keeps a new request; answers it with its id. */
  abstract add(modification: NewModification): Promise<InstanceModificationEntity>;
  abstract modification(id: string): Promise<InstanceModificationEntity | null>;
  /** The modifications of the reader's units the filter matches, the last requested first. */
  abstract list(
    scope: UnitScope,
    filter: ModificationFilter,
  ): Promise<InstanceModificationEntity[]>;
  /**
   * Takes the request out of `pending` (to `deciding`, by `decidedBy`) in one statement. False
   * when it was no longer pending: someone else took it first.
   */
  abstract claim(id: string, decidedBy: string): Promise<boolean>;
  /** Keeps the request as it is now (its decision, its outcome, the plan applied). */
  abstract save(modification: InstanceModificationEntity): Promise<void>;
}

/** The modifications' SQL (MySQL/MariaDB). */
@Injectable()
export class SqlInstanceModificationRecords extends InstanceModificationRecords {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  elements(processInstanceKey: string): Promise<ProjectedElement[]> {
    return this.dataSource.getRepository(ElementInstanceEntity).find({
      where: { processInstanceKey },
      order: { startedAt: 'ASC', lastPosition: 'ASC' },
    });
  }

  add(modification: NewModification): Promise<InstanceModificationEntity> {
    return this.dataSource.getRepository(InstanceModificationEntity).save(modification);
  }

  modification(id: string): Promise<InstanceModificationEntity | null> {
    return this.dataSource.getRepository(InstanceModificationEntity).findOneBy({ id });
  }

  async list(scope: UnitScope, filter: ModificationFilter): Promise<InstanceModificationEntity[]> {
    const { status, processInstanceKey } = filter;
    const qb = this.dataSource
      .getRepository(InstanceModificationEntity)
      .createQueryBuilder('m')
      .orderBy('m.requested_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(MODIFICATION_LIST_LIMIT);
    if (status) qb.andWhere('m.status = :status', { status });
    if (processInstanceKey)
      qb.andWhere('m.process_instance_key = :processInstanceKey', { processInstanceKey });
    if (!scope.all) {
      // `IN ()` is not SQL: a reader of no unit sees nothing.
      if (!scope.unitCodes.length) return [];
      qb.andWhere('m.branch_code IN (:...units)', { units: scope.unitCodes });
    }
    return qb.getMany();
  }

  async claim(id: string, decidedBy: string): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(InstanceModificationEntity)
      .set({ status: 'deciding', decidedBy })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
    return result.affected === 1;
  }

  async save(modification: InstanceModificationEntity): Promise<void> {
    await this.dataSource.getRepository(InstanceModificationEntity).save(modification);
  }
}
