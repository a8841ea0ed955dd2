import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import type { ServicingLedger } from '@loanflow/domain';
import { CollectionEpisodeEntity } from '@loanflow/persistence';
import { readLedger } from '../repayments/loan-ledger';

/** A collection episode as it is opened (the register gives it its id). */
export type NewEpisode = Omit<CollectionEpisodeEntity, 'id'>;

/** How an episode ends, with the moment and the reason. */
export interface EpisodeEnd {
  state: 'cured' | 'closed' | 'written-off';
  closedAt: Date;
  closeReason: string;
}

/** The register inside one transaction of a collection episode's step. */
export interface EpisodeTransaction {
  /** The loan's schedule and what was applied to it, as this transaction sees them. */
  ledger(loanId: string): Promise<ServicingLedger>;
  /** The loan's open episode, or null. */
  openEpisodeOf(loanId: string): Promise<CollectionEpisodeEntity | null>;
  /** Opens the episode (at most one open per loan: a second fails on the open key) with its id. */
  open(episode: NewEpisode): Promise<CollectionEpisodeEntity>;
  /** Ends the episode if it is open; false when it was not (ended by an earlier delivery). */
  endIfOpen(episodeId: string, end: EpisodeEnd): Promise<boolean>;
  audit(act: AuditAct): Promise<void>;
}

/**
 * What the collection episode's steps read and write in the register. An abstract class so that
 * it is both the injection token and the shape a unit spec's fake implements.
 */
export abstract class EpisodeRecords {
  abstract episode(episodeId: string): Promise<CollectionEpisodeEntity | null>;
  /** The loan's open episode, read outside any transaction, or null. */
  abstract openEpisodeOf(loanId: string): Promise<CollectionEpisodeEntity | null>;
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: EpisodeTransaction) => Promise<T>): Promise<T>;
  /** The same, every read in it from one snapshot (REPEATABLE READ). */
  abstract snapshot<T>(work: (tx: EpisodeTransaction) => Promise<T>): Promise<T>;
}

/** The register's SQL for collection episodes (MySQL/MariaDB). */
@Injectable()
export class SqlEpisodeRecords extends EpisodeRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly trail: AuditTrail,
  ) {
    super();
  }

  episode(episodeId: string): Promise<CollectionEpisodeEntity | null> {
    return this.dataSource.getRepository(CollectionEpisodeEntity).findOneBy({ id: episodeId });
  }

  openEpisodeOf(loanId: string): Promise<CollectionEpisodeEntity | null> {
    return this.dataSource.getRepository(CollectionEpisodeEntity).findOneBy({ openKey: loanId });
  }

  transaction<T>(work: (tx: EpisodeTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  snapshot<T>(work: (tx: EpisodeTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) =>
      work(this.inTransaction(manager)),
    );
  }

  private inTransaction(manager: EntityManager): EpisodeTransaction {
    return {
      ledger: async (loanId) => {
        const { installments, applied } = await readLedger(manager, loanId);
        return { installments, applied };
      },
      openEpisodeOf: (loanId) => manager.findOneBy(CollectionEpisodeEntity, { openKey: loanId }),
      open: async (episode) => {
        const opened = manager.create(CollectionEpisodeEntity, episode);
        await manager.insert(CollectionEpisodeEntity, opened);
        return opened;
      },
      endIfOpen: async (episodeId, end) => {
        const result = await manager.update(
          CollectionEpisodeEntity,
          { id: episodeId, state: 'open' },
          { ...end, openKey: null },
        );
        return Boolean(result.affected);
      },
      audit: async (act) => {
        await this.trail.append(manager, act);
      },
    };
  }
}
