import { Logger } from '@nestjs/common';
import { AuditAct, SYSTEM_ACTOR } from '@loanflow/audit';
import type { ThresholdFigure } from '@loanflow/domain';
import type { FigureThresholdEntity, ThresholdCrossingEntity } from '@loanflow/persistence';
import { THRESHOLD_CROSSED_MESSAGE } from '@loanflow/servicing';
import type { PublishRequest, ZeebeClient } from '@loanflow/workflow';
import { InMemoryTransactions } from '@loanflow/test-support/in-memory-transactions';
import type { FiguresService } from '../figures/figures.service';
import type { FigureThresholds } from './figure-thresholds.service';
import {
  CrossingTransaction,
  NewCrossing,
  ThresholdCrossingRecords,
} from './threshold-crossing-records';
import { ThresholdEvaluation } from './threshold-evaluation';

const AS_OF = '2026-05-10';
const NOW = new Date('2026-05-10T16:05:00.000Z');
const LATER = new Date('2026-05-11T16:05:00.000Z');

interface State {
  crossings: ThresholdCrossingEntity[];
  audited: AuditAct[];
}

/**
 * Crossings in memory, with the open key unique as in the table. `seen` stands for what a read
 * made before an evaluation running beside this one committed: the next read of that key answers
 * it instead of the row.
 */
class FakeCrossingRecords extends ThresholdCrossingRecords {
  readonly register = new InMemoryTransactions<State>({ crossings: [], audited: [] }, (state) =>
    structuredClone(state),
  );
  readonly seen = new Map<string, ThresholdCrossingEntity | null>();
  failOpen: Error | null = null;
  private nextId = 1;

  constructor(readonly units: string[] = ['SB-HZ-XH']) {
    super();
  }

  get state(): State {
    return this.register.state;
  }

  bookingUnits() {
    return Promise.resolve([...this.units]);
  }
  openCrossing(openKey: string) {
    if (this.seen.has(openKey)) {
      const seen = this.seen.get(openKey) ?? null;
      this.seen.delete(openKey);
      return Promise.resolve(seen);
    }
    return Promise.resolve(this.state.crossings.find((c) => c.openKey === openKey) ?? null);
  }
  unpublished(limit: number) {
    return Promise.resolve(
      this.state.crossings
        .filter((c) => c.publishedAt === null && c.state === 'open')
        .sort((a, b) => Number(a.id) - Number(b.id))
        .slice(0, limit),
    );
  }
  markPublished(crossingId: string, at: Date) {
    const row = this.state.crossings.find((c) => c.id === crossingId);
    if (row) row.publishedAt = at;
    return Promise.resolve();
  }
  transaction<T>(work: (tx: CrossingTransaction) => Promise<T>): Promise<T> {
    return this.register.run((s) =>
      work({
        clearIfOpen: (crossingId, openKey, at) => {
          const row = s.crossings.find((c) => c.id === crossingId && c.openKey === openKey);
          if (row) Object.assign(row, { openKey: null, state: 'cleared', clearedAt: at });
          return Promise.resolve(row !== undefined);
        },
        open: (crossing: NewCrossing) => {
          if (this.failOpen) return Promise.reject(this.failOpen);
          if (s.crossings.some((c) => c.openKey === crossing.openKey))
            return Promise.reject(
              new Error(
                `Duplicate entry '${crossing.openKey}' for key 'uq_threshold_crossing_open'`,
              ),
            );
          const row = { ...crossing, id: String(this.nextId++) };
          s.crossings.push(row);
          return Promise.resolve({ ...row });
        },
        audit: (act) => Promise.resolve(void s.audited.push(act)),
      }),
    );
  }
}

type Figures = {
  overdueRate: string;
  nonPerformingRatio: string;
  interestDue: string;
  collectionRate: string;
};
const WITHIN: Figures = {
  overdueRate: '0.0200',
  nonPerformingRatio: '0.0100',
  interestDue: '12000.00',
  collectionRate: '0.9800',
};

function level(id: string, figure: ThresholdFigure, value: string): FigureThresholdEntity {
  return {
    id,
    figure,
    value,
    currentKey: figure,
    reason: '年度风险偏好',
    setBy: 'gao.rk',
    setAt: new Date('2026-01-05T02:00:00.000Z'),
    supersededAt: null,
  };
}

/** The evaluation over fake figures per unit (WITHIN unless set), levels and broker. */
function evaluationOver(
  records: FakeCrossingRecords,
  levels: FigureThresholdEntity[] = [level('7', 'overdue-rate', '0.0300')],
) {
  const figuresOf = new Map<string, Figures>();
  const read: string[] = [];
  const figures = {
    read: (principal: { username: string; orgUnitCode: string }, asOf: string, now: Date) => {
      read.push(`${principal.username}@${principal.orgUnitCode} ${asOf} ${now.toISOString()}`);
      const f = figuresOf.get(principal.orgUnitCode) ?? WITHIN;
      return Promise.resolve({
        portfolio: { overdueRate: f.overdueRate, nonPerformingRatio: f.nonPerformingRatio },
        interestCollection: { interestDue: f.interestDue, rate: f.collectionRate },
      });
    },
    loansBehind: (unit: string, figure: string) =>
      Promise.resolve([`LN-${unit}-${figure}-1`, `LN-${unit}-${figure}-2`]),
  } as unknown as FiguresService;
  const thresholds = {
    current: () =>
      Promise.resolve(new Map(levels.map((row) => [row.figure as ThresholdFigure, row]))),
  } as unknown as FigureThresholds;
  const broker = { published: [] as PublishRequest[], refuses: null as string | null };
  const zeebe = {
    publishMessage: (message: PublishRequest) => {
      if (broker.refuses) return Promise.reject(new Error(broker.refuses));
      broker.published.push(message);
      return Promise.resolve({ key: '1' });
    },
  } as unknown as ZeebeClient;
  const evaluation = new ThresholdEvaluation(records, figures, thresholds, zeebe);
  return { evaluation, figuresOf, read, broker };
}

describe('evaluating the units’ figures against head office’s levels', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('opens a crossing once for a unit past its level, audits it and starts the center manager’s task', async () => {
    const records = new FakeCrossingRecords(['SB-HZ-XH', 'SB-NB-HS']);
    const { evaluation, figuresOf, read, broker } = evaluationOver(records);
    figuresOf.set('SB-HZ-XH', { ...WITHIN, overdueRate: '0.0412' });
    const result = await evaluation.evaluate(AS_OF, NOW);
    expect(read).toEqual([
      `system@SB-HZ-XH ${AS_OF} ${NOW.toISOString()}`,
      `system@SB-NB-HS ${AS_OF} ${NOW.toISOString()}`,
    ]);
    expect(result).toEqual({ asOf: AS_OF, units: 2, opened: ['1'], stillOpen: [], cleared: [] });
    expect(records.state.crossings).toEqual([
      expect.objectContaining({
        id: '1',
        orgUnitCode: 'SB-HZ-XH',
        figure: 'overdue-rate',
        thresholdId: '7',
        thresholdValue: '0.0300',
        value: '0.0412',
        asOf: AS_OF,
        loansJson: JSON.stringify(['LN-SB-HZ-XH-overdue-rate-1', 'LN-SB-HZ-XH-overdue-rate-2']),
        openKey: 'SB-HZ-XH:overdue-rate',
        state: 'open',
        crossedAt: NOW,
        clearedAt: null,
        publishedAt: expect.any(Date) as unknown,
      }),
    ]);
    expect(records.state.audited).toEqual([
      {
        actor: SYSTEM_ACTOR,
        action: 'threshold.crossed',
        outcome: 'ok',
        reason: expect.stringMatching(
          /^SB-HZ-XH: .* overdue-rate 0\.0412 is above head office's level 0\.0300 on 2026-05-10 \(crossing 1, 2 loans behind it\)$/,
        ) as unknown,
      },
    ]);
    expect(broker.published).toEqual([
      expect.objectContaining({
        name: THRESHOLD_CROSSED_MESSAGE,
        correlationKey: '1',
        messageId: 'threshold-crossing:1',
        variables: expect.objectContaining({
          crossingId: '1',
          orgUnitCode: 'SB-HZ-XH',
          figure: 'overdue-rate',
          direction: 'above',
          figureValue: '0.0412',
          thresholdValue: '0.0300',
          asOf: AS_OF,
          crossingLoans: ['LN-SB-HZ-XH-overdue-rate-1', 'LN-SB-HZ-XH-overdue-rate-2'],
        }) as unknown,
      }),
    ]);
  });

  it('leaves an open crossing be while the figure stays past: no second crossing, audit or task', async () => {
    const records = new FakeCrossingRecords();
    const { evaluation, figuresOf, broker } = evaluationOver(records);
    figuresOf.set('SB-HZ-XH', { ...WITHIN, overdueRate: '0.0412' });
    await evaluation.evaluate(AS_OF, NOW);
    figuresOf.set('SB-HZ-XH', { ...WITHIN, overdueRate: '0.0500' });
    const again = await evaluation.evaluate('2026-05-11', LATER);
    expect(again).toMatchObject({ opened: [], stillOpen: ['1'], cleared: [] });
    expect(records.state.crossings).toHaveLength(1);
    expect(records.state.audited).toHaveLength(1);
    expect(broker.published).toHaveLength(1);
  });

  it('clears the crossing when the figure is back within its level; crossing again is a new one', async () => {
    const records = new FakeCrossingRecords();
    const { evaluation, figuresOf, broker } = evaluationOver(records);
    figuresOf.set('SB-HZ-XH', { ...WITHIN, overdueRate: '0.0412' });
    await evaluation.evaluate(AS_OF, NOW);
    figuresOf.set('SB-HZ-XH', { ...WITHIN, overdueRate: '0.0300' });
    const back = await evaluation.evaluate('2026-05-11', LATER);
    expect(back).toMatchObject({ opened: [], stillOpen: [], cleared: ['1'] });
    expect(records.state.crossings[0]).toMatchObject({
      openKey: null,
      state: 'cleared',
      clearedAt: LATER,
    });
    expect(records.state.audited[1]).toEqual({
      actor: SYSTEM_ACTOR,
      action: 'threshold.cleared',
      outcome: 'ok',
      reason: expect.stringMatching(
        /^SB-HZ-XH: .* overdue-rate 0\.0300 is back within the level 0\.0300 \(crossing 1\)$/,
      ) as unknown,
    });
    figuresOf.set('SB-HZ-XH', { ...WITHIN, overdueRate: '0.0350' });
    const crossedAgain = await evaluation.evaluate('2026-05-12', LATER);
    expect(crossedAgain.opened).toEqual(['2']);
    expect(broker.published.map((m) => m.correlationKey)).toEqual(['1', '2']);
  });

  it('judges the collection rate below its level, and not at all where no interest was due', async () => {
    const records = new FakeCrossingRecords(['SB-HZ-XH', 'SB-NB-HS']);
    const { evaluation, figuresOf } = evaluationOver(records, [
      level('8', 'interest-collection-rate', '0.9500'),
      level('9', 'bad-loan-ratio', '0.0200'),
    ]);
    figuresOf.set('SB-HZ-XH', {
      ...WITHIN,
      collectionRate: '0.9100',
      nonPerformingRatio: '0.0200',
    });
    figuresOf.set('SB-NB-HS', { ...WITHIN, interestDue: '0.00', collectionRate: '0.0000' });
    const result = await evaluation.evaluate(AS_OF, NOW);
    expect(result.opened).toEqual(['1']);
    expect(records.state.crossings).toEqual([
      expect.objectContaining({
        orgUnitCode: 'SB-HZ-XH',
        figure: 'interest-collection-rate',
        value: '0.9100',
        thresholdId: '8',
      }),
    ]);
    expect(records.state.audited[0]?.reason).toMatch(
      /0\.9100 is below head office's level 0\.9500/,
    );
  });

  it('reads no unit when head office set no level, yet publishes the crossings still waiting', async () => {
    const records = new FakeCrossingRecords();
    const first = evaluationOver(records);
    first.broker.refuses = 'UNAVAILABLE: broker is down';
    first.figuresOf.set('SB-HZ-XH', { ...WITHIN, overdueRate: '0.0412' });
    await first.evaluation.evaluate(AS_OF, NOW);
    expect(records.state.crossings[0]?.publishedAt).toBeNull();
    expect(warn).toHaveBeenCalledWith(
      'crossing 1: not yet published (will retry): UNAVAILABLE: broker is down',
    );

    const { evaluation, read, broker } = evaluationOver(records, []);
    const result = await evaluation.evaluate('2026-05-11', LATER);
    expect(result).toEqual({
      asOf: '2026-05-11',
      units: 0,
      opened: [],
      stillOpen: [],
      cleared: [],
    });
    expect(read).toEqual([]);
    expect(broker.published.map((m) => m.messageId)).toEqual(['threshold-crossing:1']);
    expect(records.state.crossings[0]?.publishedAt).toEqual(expect.any(Date));
  });

  it('marks a crossing published when the broker already has its message', async () => {
    const records = new FakeCrossingRecords();
    const { evaluation, figuresOf, broker } = evaluationOver(records);
    broker.refuses = 'ALREADY_EXISTS: message with id threshold-crossing:1 already published';
    figuresOf.set('SB-HZ-XH', { ...WITHIN, overdueRate: '0.0412' });
    await evaluation.evaluate(AS_OF, NOW);
    expect(records.state.crossings[0]?.publishedAt).toEqual(expect.any(Date));
    expect(warn).not.toHaveBeenCalled();
  });

  it('counts the crossing another evaluation opened first as still open, adding nothing', async () => {
    const records = new FakeCrossingRecords();
    const { evaluation, figuresOf } = evaluationOver(records);
    figuresOf.set('SB-HZ-XH', { ...WITHIN, overdueRate: '0.0412' });
    await evaluation.evaluate(AS_OF, NOW);
    records.seen.set('SB-HZ-XH:overdue-rate', null);
    const raced = await evaluation.evaluate(AS_OF, NOW);
    expect(raced).toMatchObject({ opened: [], stillOpen: ['1'], cleared: [] });
    expect(records.state.crossings).toHaveLength(1);
    expect(records.state.audited).toHaveLength(1);
  });

  it('lets any other failure to open a crossing through, keeping nothing of it', async () => {
    const records = new FakeCrossingRecords();
    const { evaluation, figuresOf } = evaluationOver(records);
    records.failOpen = new Error('ER_LOCK_WAIT_TIMEOUT: Lock wait timeout exceeded');
    figuresOf.set('SB-HZ-XH', { ...WITHIN, overdueRate: '0.0412' });
    await expect(evaluation.evaluate(AS_OF, NOW)).rejects.toThrow(/Lock wait timeout/);
    expect(records.state).toEqual({ crossings: [], audited: [] });
  });

  it('does not audit a clearing another evaluation made first', async () => {
    const records = new FakeCrossingRecords();
    const { evaluation, figuresOf } = evaluationOver(records);
    figuresOf.set('SB-HZ-XH', { ...WITHIN, overdueRate: '0.0412' });
    await evaluation.evaluate(AS_OF, NOW);
    const stale = { ...records.state.crossings[0] };
    figuresOf.set('SB-HZ-XH', WITHIN);
    await evaluation.evaluate('2026-05-11', LATER);
    records.seen.set('SB-HZ-XH:overdue-rate', stale);
    await evaluation.evaluate('2026-05-11', LATER);
    expect(records.state.audited.map((act) => act.action)).toEqual([
      'threshold.crossed',
      'threshold.cleared',
    ]);
  });
});
