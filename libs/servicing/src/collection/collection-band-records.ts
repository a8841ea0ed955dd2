import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import type { ServicingLedger } from '@loanflow/domain';
import { CollectionEpisodeEntity, LoanEntity } from '@loanflow/persistence';
import { readLedger } from '../repayments/loan-ledger';

/** What a band change writes on the episode. */
export type BandChange = Pick<
  CollectionEpisodeEntity,
  'band' | 'bandChanges' | 'bandSince' | 'daysPastDue'
>;

/** The register inside one band change's transaction. */
export interface CollectionBandTransaction {
  /**
   * Writes the change on the episode if it is still open and its band changed `seenChanges`
   * times, as it was read; false when another assessment moved it meanwhile (nothing written).
   */
  moveBand(episodeId: string, seenChanges: number, change: BandChange): Promise<boolean>;
  audit(act: AuditAct): Promise<void>;
}

/**
 * What keeping collection episodes in their bands reads and writes. An abstract class so that it
 * is both the injection token and the shape a unit spec's fake implements.
 */
export abstract class CollectionBandRecords {
  abstract loan(loanId: string): Promise<LoanEntity | null>;
  /** The loan's schedule and every amount applied to it, as they stand. */
  abstract ledger(loanId: string): Promise<ServicingLedger>;
  /** The loan's open collection episode, or null. */
  abstract openEpisode(loanId: string): Promise<CollectionEpisodeEntity | null>;
  /** Keeps the days past due of an episode whose band stays. */
  abstract setDaysPastDue(episodeId: string, daysPastDue: number): Promise<void>;
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: CollectionBandTransaction) => Promise<T>): Promise<T>;
}

/** The register's SQL for collection bands (MySQL/MariaDB). */
@Injectable()
export class SqlCollectionBandRecords extends CollectionBandRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  loan(loanId: string): Promise<LoanEntity | null> {
    return this.dataSource.getRepository(LoanEntity).findOneBy({ id: loanId });
  }

  async ledger(loanId: string): Promise<ServicingLedger> {
    const { installments, applied } = await readLedger(this.dataSource.manager, loanId);
    return { installments, applied };
  }

  openEpisode(loanId: string): Promise<CollectionEpisodeEntity | null> {
    return this.dataSource.getRepository(CollectionEpisodeEntity).findOneBy({ openKey: loanId });
  }

  async setDaysPastDue(episodeId: string, daysPastDue: number): Promise<void> {
    await this.dataSource
      .getRepository(CollectionEpisodeEntity)
      .update({ id: episodeId }, { daysPastDue });
  }

  transaction<T>(work: (tx: CollectionBandTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): CollectionBandTransaction {
    return {
      moveBand: async (episodeId, seenChanges, change) => {
        const result = await manager.update(
          CollectionEpisodeEntity,
          { id: episodeId, state: 'open', bandChanges: seenChanges },
          change,
        );
        return Boolean(result.affected);
      },
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
