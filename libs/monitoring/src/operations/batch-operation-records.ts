import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { BatchOperationEntity, IncidentEntity } from '@loanflow/persistence';
import type { ProjectedIncident } from '../monitor/monitor-reads';

/** A batch as it is started (the register gives it its id). */
export type NewBatch = Omit<BatchOperationEntity, 'id'>;

/** The second person's decision on a batch waiting for one. */
export interface BatchDecision {
  status: 'running' | 'refused';
  decidedBy: string;
  decidedAt: Date;
}

/** The list answers at most this many batches, the last requested first. */
export const BATCH_LIST_LIMIT = 100;

/**
 * The register of batches (batch_operation) and what starting one reads of the projection beyond
 * MonitorReads. An abstract class so that it is both the injection token and the shape a unit
 * spec's fake implements.
 */
export abstract class BatchOperationRecords {
  /** These incidents, in no particular order (keys not known are left out). */
  abstract incidents(incidentKeys: string[]): Promise<ProjectedIncident[]>;
  /** Keeps a new batch; answers it with its id. */
  abstract add(batch: NewBatch): Promise<BatchOperationEntity>;
  abstract batch(id: string): Promise<BatchOperationEntity | null>;
  /** The batches requested last, newest first, whoever's units they touch. */
  abstract recent(): Promise<BatchOperationEntity[]>;
  /** Keeps the batch as it is now: its status, each item's result, its progress. */
  abstract save(batch: BatchOperationEntity): Promise<void>;
  /**
   * Takes the batch out of `pending` with the decision in one statement. False when it was no
   * longer pending: someone else decided it first.
   */
  abstract claim(id: string, decision: BatchDecision): Promise<boolean>;
}

/** The batches' SQL (MySQL/MariaDB). */
@Injectable()
export class SqlBatchOperationRecords extends BatchOperationRecords {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  incidents(incidentKeys: string[]): Promise<ProjectedIncident[]> {
    return this.dataSource.getRepository(IncidentEntity).findBy({ incidentKey: In(incidentKeys) });
  }

  add(batch: NewBatch): Promise<BatchOperationEntity> {
    return this.dataSource.getRepository(BatchOperationEntity).save(batch);
  }

  batch(id: string): Promise<BatchOperationEntity | null> {
    return this.dataSource.getRepository(BatchOperationEntity).findOneBy({ id });
  }

  recent(): Promise<BatchOperationEntity[]> {
    return this.dataSource
      .getRepository(BatchOperationEntity)
      .find({ order: { requestedAt: 'DESC', id: 'DESC' }, take: BATCH_LIST_LIMIT });
  }

  async save(batch: BatchOperationEntity): Promise<void> {
    await this.dataSource.getRepository(BatchOperationEntity).save(batch);
  }

  async claim(id: string, decision: BatchDecision): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(BatchOperationEntity)
      .set({
        status: decision.status,
        decidedBy: decision.decidedBy,
        decidedAt: decision.decidedAt,
      })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
    return result.affected === 1;
  }
}
