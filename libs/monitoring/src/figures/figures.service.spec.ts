import { Money, ORIGINATION_STAGE_OF_FORM, ServicedLoanGroup } from '@loanflow/domain';
import type { Principal } from '@loanflow/identity';
import {
  FiguresQueries,
  FiguresUnit,
  InterestDue,
  KeptFigures,
  KeptPortfolio,
  LateInspections,
  LoansBehind,
  NoticeBreaches,
  OpenTaskGroup,
  StatusCount,
  StatusFormCount,
  Subtree,
} from './figures.queries';
import { FIGURES_LIST_LIMIT, FiguresService } from './figures.service';
import type { InterestCollectionView, PortfolioFigureView } from './figures.views';
import { staffPrincipal } from '@loanflow/test-support/principals';

const HO: FiguresUnit = { code: 'HO', name: '总行', path: '/HO/', parentCode: null };
const BR: FiguresUnit = { code: 'BR-HZ', name: '杭州分行', path: '/HO/BR-HZ/', parentCode: 'HO' };

/** What the service asked of the register: the read, the subtree it counted, the rest. */
interface Asked {
  read: string;
  subtree?: Subtree;
  args: unknown[];
}

const yuan = (amount: string) => Money.parse(amount);

/**
 * The register as the figures see it, in memory: the serviced book per subtree (another subtree's
 * is empty), interest by period, canned answers for the other reads, the kept days, and every read
 * asked with the subtree it counted, so a spec sees what the service chose to ask.
 */
class FakeQueries extends FiguresQueries {
  readonly asked: Asked[] = [];
  readonly units = new Map<string, FiguresUnit>([
    [HO.code, HO],
    [BR.code, BR],
  ]);
  readonly groups = new Map<Subtree, ServicedLoanGroup[]>();
  /** Interest due and received by period, `from..to`. */
  readonly interest = new Map<string, InterestDue>();
  tasks: OpenTaskGroup[] = [];
  notices: NoticeBreaches = { unsent: { count: 0, loans: [] }, sentLate: { count: 0, loans: [] } };
  inspections: LateInspections = { count: 0, pending: 0, loans: [] };
  byStatus: StatusCount[] = [];
  withTask: StatusFormCount[] = [];
  behind: string[] = [];
  /** Kept days by `unit@asOf`. */
  readonly kept = new Map<string, KeptFigures>();

  private ask(read: string, subtree: Subtree | undefined, ...args: unknown[]) {
    this.asked.push(subtree === undefined ? { read, args } : { read, subtree, args });
  }

  reads(read: string): Asked[] {
    return this.asked.filter((asked) => asked.read === read);
  }

  async orgUnit(code: string): Promise<FiguresUnit | null> {
    this.ask('orgUnit', undefined, code);
    return this.units.get(code) ?? null;
  }
  async orgUnitCodes(): Promise<string[]> {
    return [...this.units.keys()];
  }
  async servicedGroups(subtree: Subtree, asOf: string): Promise<ServicedLoanGroup[]> {
    this.ask('servicedGroups', subtree, asOf);
    return this.groups.get(subtree) ?? [];
  }
  async interestDue(subtree: Subtree, from: string, to: string): Promise<InterestDue> {
    this.ask('interestDue', subtree, from, to);
    return this.interest.get(`${from}..${to}`) ?? { due: Money.zero(), received: Money.zero() };
  }
  async loansBehind(subtree: Subtree, behind: LoansBehind, limit: number): Promise<string[]> {
    this.ask('loansBehind', subtree, behind, limit);
    return this.behind.slice(0, limit);
  }
  async openTasks(subtree: Subtree, now: Date): Promise<OpenTaskGroup[]> {
    this.ask('openTasks', subtree, now);
    return this.tasks;
  }
  async noticeBreaches(subtree: Subtree, end: Date, limit: number): Promise<NoticeBreaches> {
    this.ask('noticeBreaches', subtree, end, limit);
    return this.notices;
  }
  async lateInspections(subtree: Subtree, asOf: string, limit: number): Promise<LateInspections> {
    this.ask('lateInspections', subtree, asOf, limit);
    return this.inspections;
  }
  async loansByStatus(subtree: Subtree): Promise<StatusCount[]> {
    this.ask('loansByStatus', subtree);
    return this.byStatus;
  }
  async loansWithOpenTask(
    subtree: Subtree,
    formKeys: readonly string[],
  ): Promise<StatusFormCount[]> {
    this.ask('loansWithOpenTask', subtree, formKeys);
    return this.withTask;
  }
  async keptFigures(orgUnitCode: string, asOf: string): Promise<KeptFigures | null> {
    this.ask('keptFigures', undefined, orgUnitCode, asOf);
    return this.kept.get(`${orgUnitCode}@${asOf}`) ?? null;
  }
  async keptPortfolios(orgUnitCode: string, days: readonly string[]): Promise<KeptPortfolio[]> {
    this.ask('keptPortfolios', undefined, orgUnitCode, days);
    return [...this.kept]
      .filter(([key]) => days.some((day) => key === `${orgUnitCode}@${day}`))
      .map(([key, day]) => ({ asOf: key.split('@')[1] ?? '', portfolio: day.portfolio }));
  }
  async keptPortfoliosBetween(
    orgUnitCode: string,
    from: string,
    to: string,
  ): Promise<KeptPortfolio[]> {
    this.ask('keptPortfoliosBetween', undefined, orgUnitCode, from, to);
    return [...this.kept]
      .map(([key, day]) => ({ key, asOf: key.split('@')[1] ?? '', portfolio: day.portfolio }))
      .filter(({ key, asOf }) => key.startsWith(`${orgUnitCode}@`) && asOf >= from && asOf <= to)
      .sort((a, b) => a.asOf.localeCompare(b.asOf))
      .map(({ asOf, portfolio }) => ({ asOf, portfolio }));
  }
  async unitsKeptOn(asOf: string): Promise<number> {
    return [...this.kept.keys()].filter((key) => key.endsWith(`@${asOf}`)).length;
  }
  async keep(
    orgUnitCode: string,
    asOf: string,
    figures: KeptFigures & { interestCollection: InterestCollectionView },
  ): Promise<void> {
    this.ask('keep', undefined, orgUnitCode, asOf);
    this.kept.set(`${orgUnitCode}@${asOf}`, figures);
  }
}

function principal(unit: string, username = 'wang.li'): Principal {
  return staffPrincipal(username, ['center-manager'], unit);
}

/** A portfolio as the recorder keeps it (decimal strings), with these ratios. */
function keptPortfolio(overdueRate: string, nonPerformingRatio: string): PortfolioFigureView {
  return {
    loans: 10,
    outstandingBalance: '1000000.00',
    overdueLoans: 1,
    overdueLoanBalance: '50000.00',
    overduePrincipal: '4000.00',
    overdueRate,
    nonPerformingLoans: 1,
    nonPerformingBalance: '20000.00',
    nonPerformingRatio,
  };
}

function keptDay(
  takenAt: string,
  interestCollection: InterestCollectionView | null,
  portfolio = keptPortfolio('0.0500', '0.0200'),
): KeptFigures {
  return {
    takenAt: new Date(takenAt),
    classification: [{ level: 'normal', name: '正常', loans: 10, balance: '1000000.00' }],
    portfolio,
    overdueBuckets: [{ bucket: '1-30', loans: 1, overduePrincipal: '4000.00' }],
    interestCollection,
  };
}

/** Four loans on 2026-06-30: two normal, one special-mention 10 days overdue, one substandard 60. */
const BOOK: ServicedLoanGroup[] = [
  {
    classification: 'normal',
    firstOverdueDueDate: null,
    loans: 2,
    outstandingPrincipal: yuan('100000.00'),
    overduePrincipal: Money.zero(),
  },
  {
    classification: 'special-mention',
    firstOverdueDueDate: '2026-06-20',
    loans: 1,
    outstandingPrincipal: yuan('5000.00'),
    overduePrincipal: yuan('1000.00'),
  },
  {
    classification: 'substandard',
    firstOverdueDueDate: '2026-05-01',
    loans: 1,
    outstandingPrincipal: yuan('333.33'),
    overduePrincipal: yuan('100.00'),
  },
];

/** 18:00 on 2026-06-30 in Beijing. */
const NOW = new Date('2026-06-30T10:00:00.000Z');

describe('FiguresService', () => {
  let queries: FakeQueries;
  let service: FiguresService;

  beforeEach(() => {
    queries = new FakeQueries();
    service = new FiguresService(queries);
  });

  describe('scope', () => {
    it('refuses every figure for an org unit that is not in the register, naming the reader and the unit', async () => {
      const stranger = principal('BR-XX', 'zhao.min');
      const refusal = { message: /zhao\.min’s org unit BR-XX is not in the register/ };
      await expect(service.read(stranger, '2026-06-30', NOW)).rejects.toThrowDomainError(
        'ORG_UNIT_FORBIDDEN',
        refusal,
      );
      await expect(
        service.interestCollection(stranger, '2026-06-01', '2026-06-30'),
      ).rejects.toThrowDomainError('ORG_UNIT_FORBIDDEN', refusal);
      await expect(service.monthly(stranger, '2026-01', '2026-06')).rejects.toThrowDomainError(
        'ORG_UNIT_FORBIDDEN',
        refusal,
      );
      await expect(
        service.loansBehind('BR-XX', 'overdue-rate', '2026-06-30'),
      ).rejects.toThrowDomainError('ORG_UNIT_FORBIDDEN', {
        message: /system’s org unit BR-XX/,
      });
      expect(queries.asked.map((asked) => asked.read)).toEqual([
        'orgUnit',
        'orgUnit',
        'orgUnit',
        'orgUnit',
      ]);
    });

    it('counts a branch’s subtree in every read, and names the unit', async () => {
      const figures = await service.read(principal(BR.code), '2026-06-30', NOW);

      expect(figures.orgUnit).toEqual({ code: 'BR-HZ', name: '杭州分行', path: '/HO/BR-HZ/' });
      const scoped = queries.asked.filter((asked) => asked.read !== 'orgUnit');
      expect(scoped.map((asked) => asked.read).sort()).toEqual([
        'interestDue',
        'lateInspections',
        'loansByStatus',
        'loansWithOpenTask',
        'noticeBreaches',
        'openTasks',
        'servicedGroups',
      ]);
      expect(scoped.every((asked) => asked.subtree === '/HO/BR-HZ/')).toBe(true);
    });

    it('counts the whole book for head office (the unit without a parent), not its path', async () => {
      queries.groups.set(null, BOOK);

      const figures = await service.read(principal(HO.code), '2026-06-30', NOW);

      const scoped = queries.asked.filter((asked) => asked.subtree !== undefined);
      expect(scoped).toHaveLength(7);
      expect(scoped.every((asked) => asked.subtree === null)).toBe(true);
      expect(figures.portfolio.loans).toBe(4);
    });
  });

  describe('kept or computed', () => {
    const collection = {
      from: '2026-05-31',
      to: '2026-06-29',
      interestDue: '900.00',
      interestReceived: '450.00',
      rate: '0.5000',
    };

    it('reads a past day the recorder kept as it was kept, and when, with tasks and breaches read now', async () => {
      queries.kept.set('BR-HZ@2026-06-29', keptDay('2026-06-29T16:00:05.000Z', collection));
      queries.groups.set('/HO/BR-HZ/', BOOK);

      const figures = await service.read(principal(BR.code), '2026-06-29', NOW, { kept: true });

      expect(figures.keptAt).toBe('2026-06-29T16:00:05.000Z');
      expect(figures.portfolio).toEqual(keptPortfolio('0.0500', '0.0200'));
      expect(figures.classification).toEqual([
        { level: 'normal', name: '正常', loans: 10, balance: '1000000.00' },
      ]);
      expect(figures.overdueBuckets).toEqual([
        { bucket: '1-30', loans: 1, overduePrincipal: '4000.00' },
      ]);
      expect(figures.interestCollection).toEqual(collection);
      expect(queries.reads('servicedGroups')).toEqual([]);
      expect(queries.reads('interestDue')).toEqual([]);
      expect(queries.reads('openTasks')).toEqual([
        { read: 'openTasks', subtree: '/HO/BR-HZ/', args: [NOW] },
      ]);
    });

    it('takes "past" by the day in Beijing: at 00:30 there, yesterday is kept though UTC still calls it today', async () => {
      queries.kept.set('BR-HZ@2026-07-01', keptDay('2026-07-01T16:00:05.000Z', collection));
      const justAfterMidnight = new Date('2026-07-01T16:30:00.000Z');

      const figures = await service.read(principal(BR.code), '2026-07-01', justAfterMidnight, {
        kept: true,
      });

      expect(figures.keptAt).toBe('2026-07-01T16:00:05.000Z');
      expect(queries.reads('keptFigures')).toEqual([
        { read: 'keptFigures', args: ['BR-HZ', '2026-07-01'] },
      ]);
    });

    it('computes today now even when asked for kept figures and a snapshot of today exists', async () => {
      queries.kept.set('BR-HZ@2026-06-30', keptDay('2026-06-30T09:00:00.000Z', collection));
      queries.groups.set('/HO/BR-HZ/', BOOK);

      const figures = await service.read(principal(BR.code), '2026-06-30', NOW, { kept: true });

      expect(figures.keptAt).toBeNull();
      expect(figures.portfolio.loans).toBe(4);
      expect(queries.reads('keptFigures')).toEqual([]);
    });

    it('computes a past day now when it was not kept, or when kept figures are not asked for', async () => {
      queries.groups.set('/HO/BR-HZ/', BOOK);
      const notKept = await service.read(principal(BR.code), '2026-06-29', NOW, { kept: true });
      expect(notKept.keptAt).toBeNull();
      expect(notKept.portfolio.loans).toBe(4);

      queries.kept.set('BR-HZ@2026-06-29', keptDay('2026-06-29T16:00:05.000Z', collection));
      const live = await service.read(principal(BR.code), '2026-06-29', NOW);
      expect(live.keptAt).toBeNull();
      expect(live.portfolio.loans).toBe(4);
      expect(queries.reads('keptFigures')).toHaveLength(1);
    });

    it('reads the collection rate now for a day kept before the rate was, and the book as kept', async () => {
      queries.kept.set('BR-HZ@2026-06-29', keptDay('2026-06-29T16:00:05.000Z', null));
      queries.interest.set('2026-05-30..2026-06-28', {
        due: yuan('300.00'),
        received: yuan('200.00'),
      });

      const figures = await service.read(principal(BR.code), '2026-06-29', NOW, { kept: true });

      expect(figures.keptAt).toBe('2026-06-29T16:00:05.000Z');
      expect(figures.portfolio).toEqual(keptPortfolio('0.0500', '0.0200'));
      expect(figures.interestCollection).toEqual({
        from: '2026-05-30',
        to: '2026-06-28',
        interestDue: '300.00',
        interestReceived: '200.00',
        rate: '0.6667',
      });
      expect(queries.reads('servicedGroups')).toEqual([]);
    });
  });

  describe('the serviced book computed now', () => {
    it('gives balances as decimal strings and the ratios to four places, half up', async () => {
      queries.groups.set('/HO/BR-HZ/', BOOK);

      const figures = await service.read(principal(BR.code), '2026-06-30', NOW);

      expect(queries.reads('servicedGroups')).toEqual([
        { read: 'servicedGroups', subtree: '/HO/BR-HZ/', args: ['2026-06-30'] },
      ]);
      expect(figures.portfolio).toEqual({
        loans: 4,
        outstandingBalance: '105333.33',
        overdueLoans: 2,
        overdueLoanBalance: '5333.33',
        overduePrincipal: '1100.00',
        // 5333.33 ÷ 105333.33 = 0.05063…
        overdueRate: '0.0506',
        nonPerformingLoans: 1,
        nonPerformingBalance: '333.33',
        // 333.33 ÷ 105333.33 = 0.003164…
        nonPerformingRatio: '0.0032',
      });
      expect(figures.classification).toEqual([
        { level: 'normal', name: '正常', loans: 2, balance: '100000.00' },
        { level: 'special-mention', name: '关注', loans: 1, balance: '5000.00' },
        { level: 'substandard', name: '次级', loans: 1, balance: '333.33' },
        { level: 'doubtful', name: '可疑', loans: 0, balance: '0.00' },
        { level: 'loss', name: '损失', loans: 0, balance: '0.00' },
      ]);
      expect(figures.overdueBuckets).toEqual([
        { bucket: '1-30', loans: 1, overduePrincipal: '1000.00' },
        { bucket: '31-90', loans: 1, overduePrincipal: '100.00' },
        { bucket: '91-180', loans: 0, overduePrincipal: '0.00' },
        { bucket: '181-360', loans: 0, overduePrincipal: '0.00' },
        { bucket: '360+', loans: 0, overduePrincipal: '0.00' },
      ]);
      expect(figures.asOf).toBe('2026-06-30');
      expect(figures.at).toBe(NOW.toISOString());
    });
  });

  describe('interest collection', () => {
    it('reads the rate over the 30 days before asOf, across a month end', async () => {
      queries.interest.set('2026-01-30..2026-02-28', {
        due: yuan('1000.00'),
        received: yuan('333.33'),
      });

      const figures = await service.read(principal(BR.code), '2026-03-01', NOW);

      expect(queries.reads('interestDue')).toEqual([
        { read: 'interestDue', subtree: '/HO/BR-HZ/', args: ['2026-01-30', '2026-02-28'] },
      ]);
      expect(figures.interestCollection).toEqual({
        from: '2026-01-30',
        to: '2026-02-28',
        interestDue: '1000.00',
        interestReceived: '333.33',
        rate: '0.3333',
      });
    });

    it('counts more received than due as all of it collected', async () => {
      queries.interest.set('2026-06-01..2026-06-30', {
        due: yuan('500.00'),
        received: yuan('600.00'),
      });

      const view = await service.interestCollection(principal(BR.code), '2026-06-01', '2026-06-30');

      expect(view).toEqual({
        from: '2026-06-01',
        to: '2026-06-30',
        interestDue: '500.00',
        interestReceived: '500.00',
        rate: '1.0000',
      });
    });

    it('reads 0.0000 with nothing due, so a reader tells it from a rate by interestDue', async () => {
      const view = await service.interestCollection(principal(BR.code), '2026-06-01', '2026-06-30');

      expect(view).toEqual({
        from: '2026-06-01',
        to: '2026-06-30',
        interestDue: '0.00',
        interestReceived: '0.00',
        rate: '0.0000',
      });
    });
  });

  describe('open tasks', () => {
    it('adds up the spellings of one group, keeps the oldest, ages it in whole hours and sorts by role, then unit', async () => {
      queries.tasks = [
        {
          candidateGroup: 'reviewer:BR-HZ',
          open: 2,
          overdue: 1,
          oldestCreatedAt: new Date('2026-06-30T00:00:00.000Z'),
        },
        {
          candidateGroup: 'reviewer: BR-HZ',
          open: 1,
          overdue: 0,
          oldestCreatedAt: new Date('2026-06-29T22:30:00.000Z'),
        },
        {
          candidateGroup: 'reviewer',
          open: 4,
          overdue: 4,
          oldestCreatedAt: new Date('2026-06-28T10:00:00.000Z'),
        },
        {
          // The engine's clock ran a little ahead of ours.
          candidateGroup: 'approver:BR-HZ',
          open: 1,
          overdue: 0,
          oldestCreatedAt: new Date('2026-06-30T10:05:00.000Z'),
        },
      ];

      const { tasks } = await service.read(principal(BR.code), '2026-06-30', NOW);

      expect(tasks).toEqual([
        {
          role: 'approver',
          orgUnit: 'BR-HZ',
          open: 1,
          overdue: 0,
          oldestCreatedAt: '2026-06-30T10:05:00.000Z',
          oldestAgeHours: 0,
        },
        {
          role: 'reviewer',
          orgUnit: null,
          open: 4,
          overdue: 4,
          oldestCreatedAt: '2026-06-28T10:00:00.000Z',
          oldestAgeHours: 48,
        },
        {
          role: 'reviewer',
          orgUnit: 'BR-HZ',
          open: 3,
          overdue: 1,
          oldestCreatedAt: '2026-06-29T22:30:00.000Z',
          oldestAgeHours: 11,
        },
      ]);
    });
  });

  describe('notices and inspections', () => {
    it('counts notice breaches by the end of asOf in Beijing, both lists in full though they name at most the limit', async () => {
      queries.notices = {
        unsent: {
          count: 130,
          loans: [
            {
              loanId: 'LN-1',
              branchCode: 'BR-HZ',
              dueAt: new Date('2026-06-20T09:00:00.000Z'),
              breachedAt: new Date('2026-06-20T09:00:00.000Z'),
              sentAt: null,
            },
          ],
        },
        sentLate: {
          count: 2,
          loans: [
            {
              loanId: 'LN-2',
              branchCode: 'BR-HZ',
              dueAt: null,
              breachedAt: new Date('2026-06-10T09:00:00.000Z'),
              sentAt: new Date('2026-06-12T03:00:00.000Z'),
            },
          ],
        },
      };

      const { notices } = await service.read(principal(BR.code), '2026-06-30', NOW);

      expect(queries.reads('noticeBreaches')).toEqual([
        {
          read: 'noticeBreaches',
          subtree: '/HO/BR-HZ/',
          args: [new Date('2026-06-30T16:00:00.000Z'), FIGURES_LIST_LIMIT],
        },
      ]);
      expect(FIGURES_LIST_LIMIT).toBe(100);
      expect(notices).toEqual({
        count: 132,
        unsent: {
          count: 130,
          loans: [
            {
              loanId: 'LN-1',
              branchCode: 'BR-HZ',
              dueAt: '2026-06-20T09:00:00.000Z',
              breachedAt: '2026-06-20T09:00:00.000Z',
              sentAt: null,
            },
          ],
        },
        sentLate: {
          count: 2,
          loans: [
            {
              loanId: 'LN-2',
              branchCode: 'BR-HZ',
              dueAt: null,
              breachedAt: '2026-06-10T09:00:00.000Z',
              sentAt: '2026-06-12T03:00:00.000Z',
            },
          ],
        },
      });
    });

    it('tells late inspections still unreported from those reported late', async () => {
      const loans = [
        {
          loanId: 'LN-1',
          branchCode: 'BR-HZ',
          number: 2,
          dueOn: '2026-06-01',
          completedOn: null,
          daysLate: 29,
        },
        {
          loanId: 'LN-2',
          branchCode: 'BR-HZ',
          number: 1,
          dueOn: '2026-06-05',
          completedOn: '2026-06-09',
          daysLate: 4,
        },
      ];
      queries.inspections = { count: 5, pending: 2, loans };

      const { inspections } = await service.read(principal(BR.code), '2026-06-30', NOW);

      expect(queries.reads('lateInspections')).toEqual([
        {
          read: 'lateInspections',
          subtree: '/HO/BR-HZ/',
          args: ['2026-06-30', FIGURES_LIST_LIMIT],
        },
      ]);
      expect(inspections).toEqual({ count: 5, pending: 2, completedLate: 3, loans });
    });
  });

  describe('loans by stage', () => {
    it('moves loans with an open origination task from their status’s line to their stage’s, drops empty lines, and orders by a loan’s life', async () => {
      queries.byStatus = [
        { status: 'disbursed', loans: 7 },
        { status: 'on-hold', loans: 1 },
        { status: 'approved', loans: 2 },
        { status: 'in-decision', loans: 5 },
        { status: 'submitted', loans: 3 },
      ];
      queries.withTask = [
        { status: 'in-decision', formKey: 'loanflow:review-opinion', loans: 2 },
        { status: 'in-decision', formKey: 'loanflow:approval-decision', loans: 3 },
        { status: 'approved', formKey: 'loanflow:contract-signing', loans: 1 },
      ];

      const { loansByStage } = await service.read(principal(BR.code), '2026-06-30', NOW);

      expect(queries.reads('loansWithOpenTask')).toEqual([
        {
          read: 'loansWithOpenTask',
          subtree: '/HO/BR-HZ/',
          args: [Object.keys(ORIGINATION_STAGE_OF_FORM)],
        },
      ]);
      expect(loansByStage).toEqual([
        { status: 'submitted', stage: 'submitted', loans: 3 },
        { status: 'in-decision', stage: 'approval', loans: 3 },
        { status: 'in-decision', stage: 'review', loans: 2 },
        { status: 'approved', stage: 'approved', loans: 1 },
        { status: 'approved', stage: 'contract-signing', loans: 1 },
        { status: 'disbursed', stage: 'disbursed', loans: 7 },
        // A status the order does not know comes last.
        { status: 'on-hold', stage: 'on-hold', loans: 1 },
      ]);
    });
  });

  describe('monthly', () => {
    it('reads each calendar month’s collection rate, and the month-end ratios where that day was kept', async () => {
      queries.kept.set(
        'BR-HZ@2026-01-31',
        keptDay('2026-01-31T16:00:05.000Z', null, keptPortfolio('0.0410', '0.0120')),
      );
      queries.kept.set(
        'BR-HZ@2026-03-31',
        keptDay('2026-03-31T16:00:05.000Z', null, keptPortfolio('0.0390', '0.0110')),
      );
      queries.interest.set('2026-02-01..2026-02-28', {
        due: yuan('800.00'),
        received: yuan('600.00'),
      });

      const points = await service.monthly(principal(BR.code), '2026-01', '2026-03');

      expect(queries.reads('keptPortfolios')).toEqual([
        { read: 'keptPortfolios', args: ['BR-HZ', ['2026-01-31', '2026-02-28', '2026-03-31']] },
      ]);
      expect(queries.reads('interestDue').map((asked) => [asked.subtree, ...asked.args])).toEqual([
        ['/HO/BR-HZ/', '2026-01-01', '2026-01-31'],
        ['/HO/BR-HZ/', '2026-02-01', '2026-02-28'],
        ['/HO/BR-HZ/', '2026-03-01', '2026-03-31'],
      ]);
      expect(points).toEqual([
        {
          month: '2026-01',
          from: '2026-01-01',
          to: '2026-01-31',
          interestDue: '0.00',
          interestReceived: '0.00',
          rate: '0.0000',
          overdueRate: '0.0410',
          nonPerformingRatio: '0.0120',
        },
        {
          month: '2026-02',
          from: '2026-02-01',
          to: '2026-02-28',
          interestDue: '800.00',
          interestReceived: '600.00',
          rate: '0.7500',
          overdueRate: null,
          nonPerformingRatio: null,
        },
        {
          month: '2026-03',
          from: '2026-03-01',
          to: '2026-03-31',
          interestDue: '0.00',
          interestReceived: '0.00',
          rate: '0.0000',
          overdueRate: '0.0390',
          nonPerformingRatio: '0.0110',
        },
      ]);
    });

    it('covers at most 36 months', async () => {
      await expect(service.monthly(principal(BR.code), '2024-01', '2026-12')).resolves.toHaveLength(
        36,
      );
      const before = queries.asked.length;

      await expect(
        service.monthly(principal(BR.code), '2024-01', '2027-01'),
      ).rejects.toThrowDomainError('VALIDATION_FAILED', {
        details: { field: 'from' },
        message: 'a monthly series covers at most 36 months',
      });
      expect(queries.asked.slice(before).map((asked) => asked.read)).toEqual(['orgUnit']);
    });
  });

  describe('trend', () => {
    it('gives the unit’s kept days between two dates, oldest first, with the ratios and balances', async () => {
      queries.kept.set(
        'BR-HZ@2026-06-29',
        keptDay('2026-06-29T16:00:05.000Z', null, keptPortfolio('0.0400', '0.0100')),
      );
      queries.kept.set(
        'BR-HZ@2026-06-27',
        keptDay('2026-06-27T16:00:05.000Z', null, keptPortfolio('0.0450', '0.0150')),
      );
      queries.kept.set('HO@2026-06-28', keptDay('2026-06-28T16:00:05.000Z', null));

      const points = await service.trend(principal(BR.code), '2026-06-01', '2026-06-29');

      expect(queries.reads('keptPortfoliosBetween')).toEqual([
        { read: 'keptPortfoliosBetween', args: ['BR-HZ', '2026-06-01', '2026-06-29'] },
      ]);
      const point = {
        loans: 10,
        outstandingBalance: '1000000.00',
        overduePrincipal: '4000.00',
        nonPerformingBalance: '20000.00',
      };
      expect(points).toEqual([
        { asOf: '2026-06-27', ...point, overdueRate: '0.0450', nonPerformingRatio: '0.0150' },
        { asOf: '2026-06-29', ...point, overdueRate: '0.0400', nonPerformingRatio: '0.0100' },
      ]);
    });
  });

  describe('loans behind a figure', () => {
    it('asks for the loans each figure counts, over the unit’s subtree, at most 50 unless told', async () => {
      queries.behind = ['LN-1', 'LN-2'];

      expect(await service.loansBehind('BR-HZ', 'overdue-rate', '2026-06-30')).toEqual([
        'LN-1',
        'LN-2',
      ]);
      await service.loansBehind('BR-HZ', 'bad-loan-ratio', '2026-06-30', 10);
      await service.loansBehind('HO', 'interest-collection-rate', '2026-03-01');

      expect(queries.reads('loansBehind')).toEqual([
        {
          read: 'loansBehind',
          subtree: '/HO/BR-HZ/',
          args: [{ figure: 'overdue-rate', asOf: '2026-06-30' }, 50],
        },
        { read: 'loansBehind', subtree: '/HO/BR-HZ/', args: [{ figure: 'bad-loan-ratio' }, 10] },
        {
          read: 'loansBehind',
          subtree: null,
          // The collection rate's own window: the 30 days before asOf.
          args: [{ figure: 'interest-collection-rate', from: '2026-01-30', to: '2026-02-28' }, 50],
        },
      ]);
    });
  });

  describe('record', () => {
    it('keeps each unit’s figures computed now over its own subtree, replacing a day kept before', async () => {
      queries.groups.set('/HO/BR-HZ/', BOOK.slice(0, 1));
      queries.groups.set(null, BOOK);
      queries.kept.set('BR-HZ@2026-06-29', keptDay('2026-06-29T09:00:00.000Z', null));
      queries.interest.set('2026-05-30..2026-06-28', {
        due: yuan('300.00'),
        received: yuan('200.00'),
      });

      await service.record(['BR-HZ', 'HO'], '2026-06-29', NOW);

      expect(queries.reads('keptFigures')).toEqual([]);
      expect(queries.reads('keep')).toEqual([
        { read: 'keep', args: ['BR-HZ', '2026-06-29'] },
        { read: 'keep', args: ['HO', '2026-06-29'] },
      ]);
      const branch = queries.kept.get('BR-HZ@2026-06-29');
      const headOffice = queries.kept.get('HO@2026-06-29');
      expect(branch?.takenAt).toEqual(NOW);
      expect(branch?.portfolio.loans).toBe(2);
      expect(branch?.portfolio.outstandingBalance).toBe('100000.00');
      expect(headOffice?.portfolio.loans).toBe(4);
      expect(headOffice?.overdueBuckets.map((line) => line.loans)).toEqual([1, 1, 0, 0, 0]);
      expect(branch?.interestCollection).toEqual({
        from: '2026-05-30',
        to: '2026-06-28',
        interestDue: '300.00',
        interestReceived: '200.00',
        rate: '0.6667',
      });
    });
  });
});
