import { QueryFailedError } from 'typeorm';
import type { AuditAct } from '@loanflow/audit';
import type { AppliedAmount, ServicingLedger } from '@loanflow/domain';
import { CollectionEpisodeEntity } from '@loanflow/persistence';
import { servicedLoanRecords } from '../requests/loan-request-records.fixture';
import { EpisodeRecords, EpisodeTransaction, NewEpisode } from './episode-records';

interface State {
  episodes: CollectionEpisodeEntity[];
  audited: AuditAct[];
}

const copy = (state: State): State => ({
  episodes: state.episodes.map((episode) => ({ ...episode })),
  audited: [...state.audited],
});

/** The error MySQL answers an insert with when the unique key is taken. */
export const duplicateKey = () =>
  new QueryFailedError(
    'INSERT INTO collection_episode',
    [],
    Object.assign(new Error('Duplicate entry'), { code: 'ER_DUP_ENTRY' }),
  );

/**
 * Collection episodes in memory, over the fixtures' loan and its 24 installments: a transaction
 * works on a copy that replaces the state only when the work succeeds; at most one open episode a
 * loan, as the open key's unique index keeps it.
 */
export class FakeEpisodeRecords extends EpisodeRecords {
  private state: State = { episodes: [], audited: [] };
  readonly installments = servicedLoanRecords().schedule;
  readonly applied: AppliedAmount[] = [];
  /** An episode another delivery opens just before this one inserts (its insert then fails). */
  openedBeside: CollectionEpisodeEntity | null = null;
  private nextId = 70;

  /** Puts an episode in the register as if opened before. */
  put(over: Partial<CollectionEpisodeEntity> & Pick<CollectionEpisodeEntity, 'loanId'>) {
    const episode = this.row({
      openKey: over.state && over.state !== 'open' ? null : over.loanId,
      state: 'open',
      openedDaysPastDue: 1,
      band: 'manager',
      bandChanges: 0,
      bandSince: null,
      daysPastDue: null,
      openedAt: new Date('2026-04-16T02:00:00.000Z'),
      closedAt: null,
      closeReason: null,
      ...over,
    });
    this.state.episodes.push(episode);
    return episode;
  }

  get episodes(): CollectionEpisodeEntity[] {
    return this.state.episodes;
  }

  get audited(): AuditAct[] {
    return this.state.audited;
  }

  episode(episodeId: string): Promise<CollectionEpisodeEntity | null> {
    return Promise.resolve(this.state.episodes.find((e) => e.id === episodeId) ?? null);
  }

  openEpisodeOf(loanId: string): Promise<CollectionEpisodeEntity | null> {
    return Promise.resolve(this.state.episodes.find((e) => e.openKey === loanId) ?? null);
  }

  async transaction<T>(work: (tx: EpisodeTransaction) => Promise<T>): Promise<T> {
    const next = copy(this.state);
    const result = await work(this.inTransaction(next));
    this.state = next;
    return result;
  }

  snapshot<T>(work: (tx: EpisodeTransaction) => Promise<T>): Promise<T> {
    return this.transaction(work);
  }

  private row(episode: NewEpisode): CollectionEpisodeEntity {
    return Object.assign(new CollectionEpisodeEntity(), { ...episode, id: String(this.nextId++) });
  }

  private inTransaction(state: State): EpisodeTransaction {
    const now = <T>(run: () => T): Promise<T> => Promise.resolve(run());
    const ledger: ServicingLedger = { installments: this.installments, applied: this.applied };
    return {
      ledger: () => now(() => ({ ...ledger, applied: [...ledger.applied] })),
      openEpisodeOf: (loanId) =>
        now(() => state.episodes.find((e) => e.openKey === loanId) ?? null),
      open: (episode) => {
        if (this.openedBeside) {
          this.state.episodes.push(this.openedBeside);
          this.openedBeside = null;
          return Promise.reject(duplicateKey());
        }
        if (state.episodes.some((e) => e.openKey !== null && e.openKey === episode.openKey))
          return Promise.reject(duplicateKey());
        const opened = this.row(episode);
        state.episodes.push(opened);
        return Promise.resolve({ ...opened });
      },
      endIfOpen: (episodeId, end) =>
        now(() => {
          const episode = state.episodes.find((e) => e.id === episodeId && e.state === 'open');
          if (!episode) return false;
          Object.assign(episode, end, { openKey: null });
          return true;
        }),
      audit: (act) => now(() => void state.audited.push(act)),
    };
  }
}
