import { Logger } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import type { AuditAct } from '@loanflow/audit';
import type { ServicingLedger } from '@loanflow/domain';
import type { CollectionEpisodeEntity, LoanEntity } from '@loanflow/persistence';
import type { PublishRequest, ZeebeClient } from '@loanflow/workflow';
import { InMemoryTransactions } from '@loanflow/test-support/in-memory-transactions';
import { LOAN, servicedLoanRecords } from '../requests/loan-request-records.fixture';
import { ARREARS_CLEARED_MESSAGE, COLLECTION_BAND_CHANGED_MESSAGE } from '../servicing.contract';
import {
  BandChange,
  CollectionBandRecords,
  CollectionBandTransaction,
} from './collection-band-records';
import { CollectionBands } from './collection-bands';

/** The first installment falls due on 15 April 2026. */
const BEFORE_DUE = '2026-04-10';
const SIX_DAYS_LATE = '2026-04-21';
const THIRTY_FIVE_DAYS_LATE = '2026-05-20';
const NINETY_SIX_DAYS_LATE = '2026-07-20';
const NOW = new Date('2026-05-20T02:00:00.000Z');

interface State {
  loans: LoanEntity[];
  episodes: CollectionEpisodeEntity[];
  audited: AuditAct[];
}

const copy = (state: State): State => ({
  loans: state.loans.map((loan) => ({ ...loan })),
  episodes: state.episodes.map((episode) => ({ ...episode })),
  audited: [...state.audited],
});

/**
 * The register in memory: the fixtures' loan being serviced (nothing paid of its 24
 * installments), with an open episode in the manager's band unless told otherwise.
 */
class FakeCollectionBandRecords extends CollectionBandRecords {
  readonly register: InMemoryTransactions<State>;
  /** Days past due kept outside a band change, as [episode, days]. */
  readonly daysKept: [string, number][] = [];
  /** What another assessment commits on the episode just before this one moves it. */
  movedBeside: Partial<CollectionEpisodeEntity> | null = null;
  private readonly schedule: ServicingLedger;

  constructor(
    loan: Partial<LoanEntity> = {},
    episode: Partial<CollectionEpisodeEntity> | null = {},
  ) {
    super();
    const { loan: row, schedule } = servicedLoanRecords(loan);
    this.schedule = {
      installments: schedule.map(({ number, dueDate, principal, interest }) => ({
        number,
        dueDate,
        principal,
        interest,
      })),
      applied: [],
    };
    this.register = new InMemoryTransactions<State>(
      { loans: [row], episodes: episode ? [episodeOf(episode)] : [], audited: [] },
      copy,
    );
  }

  get state(): State {
    return this.register.state;
  }

  get episode(): CollectionEpisodeEntity | undefined {
    return this.state.episodes[0];
  }

  loan(loanId: string) {
    return Promise.resolve(this.state.loans.find((l) => l.id === loanId) ?? null);
  }
  /** How many times the schedule was read. */
  ledgerReads = 0;
  ledger() {
    this.ledgerReads += 1;
    return Promise.resolve(this.schedule);
  }
  openEpisode(loanId: string) {
    return Promise.resolve(this.state.episodes.find((e) => e.openKey === loanId) ?? null);
  }
  setDaysPastDue(episodeId: string, daysPastDue: number) {
    this.daysKept.push([episodeId, daysPastDue]);
    const episode = this.state.episodes.find((e) => e.id === episodeId);
    if (episode) episode.daysPastDue = daysPastDue;
    return Promise.resolve();
  }

  transaction<T>(work: (tx: CollectionBandTransaction) => Promise<T>): Promise<T> {
    return this.register.run((s) => work(this.inTransaction(s)));
  }

  private inTransaction(s: State): CollectionBandTransaction {
    return {
      moveBand: (episodeId: string, seenChanges: number, change: BandChange) => {
        const episode = s.episodes.find((e) => e.id === episodeId);
        if (episode && this.movedBeside) Object.assign(episode, this.movedBeside);
        if (!episode || episode.state !== 'open' || episode.bandChanges !== seenChanges)
          return Promise.resolve(false);
        Object.assign(episode, change);
        return Promise.resolve(true);
      },
      audit: (act) => Promise.resolve(void s.audited.push(act)),
    };
  }
}

function episodeOf(over: Partial<CollectionEpisodeEntity>): CollectionEpisodeEntity {
  return {
    id: '70',
    loanId: LOAN,
    openKey: LOAN,
    state: 'open',
    openedDaysPastDue: 1,
    band: 'manager',
    bandChanges: 0,
    bandSince: null,
    daysPastDue: 5,
    openedAt: new Date('2026-04-16T02:00:00.000Z'),
    closedAt: null,
    closeReason: null,
    ...over,
  };
}

/** A broker that keeps each message id once, as Zeebe does; `down` makes it refuse everything. */
function broker() {
  const published: PublishRequest[] = [];
  const state = { down: false };
  const zeebe = {
    publishMessage: (message: PublishRequest) => {
      if (state.down) return Promise.reject(new Error('14 UNAVAILABLE: broker is down'));
      if (published.some((p) => p.messageId === message.messageId))
        return Promise.reject(new Error('6 ALREADY_EXISTS: message with id already published'));
      published.push(message);
      return Promise.resolve({ key: String(published.length) });
    },
  } as unknown as ZeebeClient;
  return { zeebe, published, state };
}

function bandsWith(records = new FakeCollectionBandRecords()) {
  const { zeebe, published, state } = broker();
  return { bands: new CollectionBands(records, zeebe), records, published, broker: state };
}

describe('keeping a collection episode in its band (催收分级)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('moves the episode to the band its days past due put it in, on record, and tells its process', async () => {
    const { bands, records, published } = bandsWith();
    const assessed = await bands.reassess(LOAN, THIRTY_FIVE_DAYS_LATE, NOW);
    expect(assessed).toEqual({ daysPastDue: 35, band: 'officer', outcome: 'changed' });
    expect(records.episode).toMatchObject({
      band: 'officer',
      bandChanges: 1,
      bandSince: NOW,
      daysPastDue: 35,
    });
    expect(records.state.audited).toEqual([
      {
        actor: SYSTEM_ACTOR,
        action: 'collection.band',
        outcome: 'ok',
        loanKey: LOAN,
        reason: `35 days past due on ${THIRTY_FIVE_DAYS_LATE}: collection episode 70 moves from 1–30天 客户经理催收 customer manager to 31–90天 综合岗催收 collection officer`,
      },
    ]);
    expect(published).toEqual([
      {
        name: COLLECTION_BAND_CHANGED_MESSAGE,
        correlationKey: `${LOAN}:70`,
        messageId: `${COLLECTION_BAND_CHANGED_MESSAGE}:70:1`,
        timeToLive: 3_600_000,
        variables: { band: 'officer', daysPastDue: 35 },
      },
    ]);
  });

  it('counts each change in its message id, so a later move is told as a new one', async () => {
    const { bands, records, published } = bandsWith();
    await bands.reassess(LOAN, THIRTY_FIVE_DAYS_LATE, NOW);
    const later = await bands.reassess(LOAN, NINETY_SIX_DAYS_LATE, NOW);
    expect(later).toEqual({ daysPastDue: 96, band: 'legal', outcome: 'changed' });
    expect(records.episode).toMatchObject({ band: 'legal', bandChanges: 2 });
    expect(published.map((m) => m.messageId)).toEqual([
      `${COLLECTION_BAND_CHANGED_MESSAGE}:70:1`,
      `${COLLECTION_BAND_CHANGED_MESSAGE}:70:2`,
    ]);
    expect(records.state.audited).toHaveLength(2);
  });

  it('keeps only the new days past due while the band stays, and writes nothing when they stay too', async () => {
    const { bands, records, published } = bandsWith();
    expect(await bands.reassess(LOAN, SIX_DAYS_LATE, NOW)).toEqual({
      daysPastDue: 6,
      band: 'manager',
      outcome: 'unchanged',
    });
    expect(records.daysKept).toEqual([['70', 6]]);
    expect(await bands.reassess(LOAN, SIX_DAYS_LATE, NOW)).toMatchObject({ outcome: 'unchanged' });
    expect(records.daysKept).toHaveLength(1);
    expect(records.episode).toMatchObject({ band: 'manager', bandChanges: 0, bandSince: null });
    expect(records.state.audited).toEqual([]);
    expect(published).toEqual([]);
  });

  it('cures the episode when nothing is overdue any more: arrears-cleared, once per episode', async () => {
    const { bands, records, published } = bandsWith();
    const cleared = await bands.reassess(LOAN, BEFORE_DUE, NOW);
    expect(cleared).toEqual({ daysPastDue: 0, band: 'none', outcome: 'cleared' });
    expect(published).toEqual([
      {
        name: ARREARS_CLEARED_MESSAGE,
        correlationKey: LOAN,
        messageId: `${ARREARS_CLEARED_MESSAGE}:episode:70`,
        timeToLive: 0,
        variables: { arrearsCleared: true, daysPastDue: 0 },
      },
    ]);
    // Told again (the broker keeps the id): still cleared, nothing more published.
    expect(await bands.reassess(LOAN, BEFORE_DUE, NOW)).toMatchObject({ outcome: 'cleared' });
    expect(published).toHaveLength(1);
    expect(records.episode).toMatchObject({ band: 'manager', bandChanges: 0 });
    expect(records.state.audited).toEqual([]);
  });

  it('fails when the broker does not take the arrears-cleared message, so the caller retries', async () => {
    const { bands, broker: down } = bandsWith();
    down.down = true;
    await expect(bands.reassess(LOAN, BEFORE_DUE, NOW)).rejects.toThrow(/UNAVAILABLE/);
  });

  it('moves no episode of a loan no longer serviced (written off, settled)', async () => {
    for (const status of ['written-off', 'settled'] as const) {
      const { bands, records, published } = bandsWith(new FakeCollectionBandRecords({ status }));
      expect(await bands.reassess(LOAN, THIRTY_FIVE_DAYS_LATE, NOW)).toEqual({
        outcome: 'not-serviced',
      });
      expect(records.ledgerReads).toBe(0);
      expect(records.episode).toMatchObject({ band: 'manager', bandChanges: 0 });
      expect(records.state.audited).toEqual([]);
      expect(published).toEqual([]);
    }
  });

  it('opens no episode: a loan overdue without an open one is left to the missed installment', async () => {
    const none = bandsWith(new FakeCollectionBandRecords({}, null));
    expect(await none.bands.reassess(LOAN, THIRTY_FIVE_DAYS_LATE, NOW)).toEqual({
      outcome: 'no-episode',
    });
    // Not judged: most loans have no episode, so their schedule is not read after each payment.
    expect(none.records.ledgerReads).toBe(0);
    expect(none.records.state.episodes).toEqual([]);
    const cured = bandsWith(new FakeCollectionBandRecords({}, { openKey: null, state: 'cured' }));
    expect(await cured.bands.reassess(LOAN, THIRTY_FIVE_DAYS_LATE, NOW)).toMatchObject({
      outcome: 'no-episode',
    });
    expect(cured.records.episode).toMatchObject({ band: 'manager', bandChanges: 0 });
    expect([...none.published, ...cured.published]).toEqual([]);
  });

  it('leaves a move made meanwhile by another assessment as it is: no audit, nothing told', async () => {
    const records = new FakeCollectionBandRecords();
    records.movedBeside = { band: 'officer', bandChanges: 1, daysPastDue: 35 };
    const { bands, published } = bandsWith(records);
    expect(await bands.reassess(LOAN, THIRTY_FIVE_DAYS_LATE, NOW)).toEqual({
      daysPastDue: 35,
      band: 'officer',
      outcome: 'unchanged',
    });
    expect(records.state.audited).toEqual([]);
    expect(published).toEqual([]);
  });

  it('keeps the band on record when its process cannot be told now, for the next assessment', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { bands, records, published, broker: down } = bandsWith();
    down.down = true;
    expect(await bands.reassess(LOAN, THIRTY_FIVE_DAYS_LATE, NOW)).toMatchObject({
      outcome: 'changed',
    });
    expect(records.episode).toMatchObject({ band: 'officer', bandChanges: 1 });
    expect(records.state.audited).toHaveLength(1);
    expect(published).toEqual([]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^episode 70: band officer not yet told to its process: .*UNAVAILABLE/),
    );
  });
});
