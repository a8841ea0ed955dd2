import { Injectable } from '@nestjs/common';
import {
  beijingDate,
  DomainError,
  addDays,
  endOfBeijingDay,
  formatIsoDate,
  interestCollection,
  InterestCollection,
  Money,
  monthsBetween,
  parseIsoDate,
  ORIGINATION_STAGE_OF_FORM,
  originationStageOf,
  parseCandidateGroup,
  portfolioFigures,
} from '@loanflow/domain';
import type { Principal } from '@loanflow/identity';
import { FiguresQueries, LoansBehind, NoticeBreachList, Subtree } from './figures.queries';
import type {
  FiguresTrendPointView,
  FiguresView,
  InspectionFiguresView,
  InterestCollectionView,
  MonthlyFiguresPointView,
  NoticeBreachListView,
  NoticeFiguresView,
  StageFigureView,
  TaskFigureView,
} from './figures.views';

/** What the serviced book's figures are, computed or kept. */
type BookFigures = Pick<FiguresView, 'keptAt' | 'classification' | 'portfolio' | 'overdueBuckets'>;

/** Lists (notice breaches, late inspections) name at most this many loans; counts are complete. */
export const FIGURES_LIST_LIMIT = 100;

const HOUR_MS = 3_600_000;

/** Statuses in the order of a loan's life, for loansByStage. */
const STATUS_ORDER = [
  'submitted',
  'refused',
  'in-decision',
  'approved',
  'rejected',
  'declined',
  'contracts-signed',
  'collateral-registered',
  'disbursed',
  'settled',
  'archived',
  'written-off',
];

/**
 * The figures managers watch (domain §6), for one org unit's subtree on one business date. Each
 * figure is one grouped read (FiguresQueries), so what leaves the database grows with the number
 * of groups, not of loans; the arithmetic on the groups is the domain's (portfolioFigures).
 *
 * Status and classification are the loans' current ones; what depends on a date (overdue
 * installments and days past due, notice and inspection breaches) is read as of `asOf`, payments
 * received after it left out, as positionOn reads one loan.
 */
@Injectable()
export class FiguresService {
  constructor(private readonly queries: FiguresQueries) {}

  /** The unit and the loans of its subtree. */
  private async unitScope(principal: Pick<Principal, 'username' | 'orgUnitCode'>) {
    const unit = await this.queries.orgUnit(principal.orgUnitCode);
    if (!unit) {
      throw new DomainError(
        'ORG_UNIT_FORBIDDEN',
        `${principal.username}’s org unit ${principal.orgUnitCode} is not in the register: no figures can be scoped to it.`,
      );
    }
    const subtree: Subtree = unit.parentCode === null ? null : unit.path;
    return { unit, subtree };
  }

  /**
   * The unit's figures on a business date. With `kept`, a past date the recorder kept (at the end
   * of that day) gives the serviced book's figures as they were kept then (`keptAt` says when), so
   * a report on a past day reads the same whenever it is asked for (the collection rate too, on
   * days kept since it is); a day not kept, and today, is computed now. Tasks, notices,
   * inspections and stages are always read now.
   */
  async read(
    principal: Pick<Principal, 'username' | 'orgUnitCode'>,
    asOf: string,
    now: Date,
    options: { kept?: boolean } = {},
  ): Promise<FiguresView> {
    const { unit, subtree } = await this.unitScope(principal);
    const window = collectionWindow(asOf);
    const kept =
      options.kept === true && asOf < beijingDate(now)
        ? this.kept(unit.code, asOf)
        : Promise.resolve(null);
    const [book, tasks, notices, inspections, loansByStage, interestCollection] = await Promise.all(
      [
        kept.then((day) => day ?? this.bookFigures(subtree, asOf)),
        this.tasks(subtree, now),
        this.notices(subtree, asOf),
        this.inspections(subtree, asOf),
        this.loansByStage(subtree),
        kept.then(
          async (day) =>
            day?.interestCollection ??
            collectionView(await this.collected(subtree, window.from, window.to)),
        ),
      ],
    );
    return {
      asOf,
      at: now.toISOString(),
      orgUnit: { code: unit.code, name: unit.name, path: unit.path },
      keptAt: book.keptAt,
      tasks,
      notices,
      inspections,
      loansByStage,
      classification: book.classification,
      portfolio: book.portfolio,
      overdueBuckets: book.overdueBuckets,
      interestCollection,
    };
  }

  /** The serviced book's figures computed now (classification, portfolio, overdue buckets). */
  private async bookFigures(subtree: Subtree, asOf: string): Promise<BookFigures> {
    const figures = portfolioFigures(asOf, await this.queries.servicedGroups(subtree, asOf));
    const text = (money: Money) => money.toDecimalString();
    return {
      keptAt: null,
      classification: figures.classification.map((line) => ({
        level: line.level,
        name: line.name,
        loans: line.loans,
        balance: text(line.balance),
      })),
      portfolio: {
        ...figures.portfolio,
        outstandingBalance: text(figures.portfolio.outstandingBalance),
        overdueLoanBalance: text(figures.portfolio.overdueLoanBalance),
        overduePrincipal: text(figures.portfolio.overduePrincipal),
        nonPerformingBalance: text(figures.portfolio.nonPerformingBalance),
      },
      overdueBuckets: figures.overdueBuckets.map((line) => ({
        bucket: line.bucket,
        loans: line.loans,
        overduePrincipal: text(line.overduePrincipal),
      })),
    };
  }

  /** The book's figures the recorder kept for the unit on a day, or null when none were. */
  private async kept(
    orgUnitCode: string,
    asOf: string,
  ): Promise<(BookFigures & { interestCollection: InterestCollectionView | null }) | null> {
    const day = await this.queries.keptFigures(orgUnitCode, asOf);
    if (!day) return null;
    return {
      keptAt: day.takenAt.toISOString(),
      classification: day.classification,
      portfolio: day.portfolio,
      overdueBuckets: day.overdueBuckets,
      interestCollection: day.interestCollection,
    };
  }

  /** The unit's interest collection (收息率) over a period (see interestCollection in the domain). */
  async interestCollection(
    principal: Pick<Principal, 'username' | 'orgUnitCode'>,
    from: string,
    to: string,
  ): Promise<InterestCollectionView> {
    const { subtree } = await this.unitScope(principal);
    return collectionView(await this.collected(subtree, from, to));
  }

  /**
   * The unit's figures month by month: the interest collection rate of each calendar month, and
   * the overdue and bad-loan ratios as recorded at its last day (null where no snapshot was kept).
   */
  async monthly(
    principal: Pick<Principal, 'username' | 'orgUnitCode'>,
    fromMonth: string,
    toMonth: string,
  ): Promise<MonthlyFiguresPointView[]> {
    const { subtree } = await this.unitScope(principal);
    const months = monthsBetween(`${fromMonth}-01`, `${toMonth}-01`);
    if (months.length > 36)
      throw new DomainError('VALIDATION_FAILED', 'a monthly series covers at most 36 months', {
        field: 'from',
      });
    const snapshots = await this.queries.keptPortfolios(
      principal.orgUnitCode,
      months.map((m) => m.to),
    );
    const byDay = new Map(snapshots.map((row) => [row.asOf, row.portfolio]));
    const points: MonthlyFiguresPointView[] = [];
    for (const month of months) {
      const collection = collectionView(await this.collected(subtree, month.from, month.to));
      const end = byDay.get(month.to);
      points.push({
        month: month.month,
        ...collection,
        overdueRate: end?.overdueRate ?? null,
        nonPerformingRatio: end?.nonPerformingRatio ?? null,
      });
    }
    return points;
  }

  /**
   * The loans behind a figure of the unit, at most `limit`: overdue loans for the overdue rate,
   * non-performing ones for the bad-loan ratio, loans with interest due in the window and unpaid
   * for the collection rate.
   */
  async loansBehind(
    orgUnitCode: string,
    figure: 'overdue-rate' | 'interest-collection-rate' | 'bad-loan-ratio',
    asOf: string,
    limit = 50,
  ): Promise<string[]> {
    const { subtree } = await this.unitScope({ username: 'system', orgUnitCode });
    const behind: LoansBehind =
      figure === 'bad-loan-ratio'
        ? { figure }
        : figure === 'overdue-rate'
          ? { figure, asOf }
          : { figure, ...collectionWindow(asOf) };
    return this.queries.loansBehind(subtree, behind, limit);
  }

  /** Interest due in [from, to] on loans paid out, and of it what was paid by the end of `to`. */
  private async collected(subtree: Subtree, from: string, to: string): Promise<InterestCollection> {
    const { due, received } = await this.queries.interestDue(subtree, from, to);
    // The domain refuses more received than due: more paid counts as all of it collected.
    return interestCollection(from, to, due, received.compare(due) > 0 ? due : received);
  }

  /** Keeps the units' figures as of a business date, each scoped to its own subtree. */
  async record(unitCodes: readonly string[], asOf: string, now: Date): Promise<void> {
    for (const orgUnitCode of unitCodes) {
      const figures = await this.read({ username: 'system', orgUnitCode }, asOf, now);
      await this.queries.keep(orgUnitCode, asOf, {
        takenAt: now,
        classification: figures.classification,
        portfolio: figures.portfolio,
        overdueBuckets: figures.overdueBuckets,
        interestCollection: figures.interestCollection,
      });
    }
  }

  /** The days recorded for the reader's unit between two business dates, oldest first. */
  async trend(principal: Principal, from: string, to: string): Promise<FiguresTrendPointView[]> {
    const rows = await this.queries.keptPortfoliosBetween(principal.orgUnitCode, from, to);
    return rows.map(({ asOf, portfolio: p }) => ({
      asOf,
      loans: p.loans,
      outstandingBalance: p.outstandingBalance,
      overduePrincipal: p.overduePrincipal,
      overdueRate: p.overdueRate,
      nonPerformingBalance: p.nonPerformingBalance,
      nonPerformingRatio: p.nonPerformingRatio,
    }));
  }

  /**
   * Open tasks (claimed or not) by candidate group. Groups spelled apart that parse alike
   * (`reviewer:BR-HZ`, `reviewer: BR-HZ`) are one line.
   */
  private async tasks(subtree: Subtree, now: Date): Promise<TaskFigureView[]> {
    const rows = await this.queries.openTasks(subtree, now);
    const byGroup = new Map<string, TaskFigureView>();
    for (const row of rows) {
      const { role, orgCode } = parseCandidateGroup(row.candidateGroup);
      const key = `${role}:${orgCode ?? ''}`;
      const oldest = row.oldestCreatedAt;
      const line = byGroup.get(key) ?? {
        role,
        orgUnit: orgCode,
        open: 0,
        overdue: 0,
        oldestCreatedAt: oldest.toISOString(),
        oldestAgeHours: 0,
      };
      line.open += row.open;
      line.overdue += row.overdue;
      if (oldest.toISOString() < line.oldestCreatedAt) line.oldestCreatedAt = oldest.toISOString();
      line.oldestAgeHours = Math.max(
        0,
        Math.floor((now.getTime() - Date.parse(line.oldestCreatedAt)) / HOUR_MS),
      );
      byGroup.set(key, line);
    }
    return [...byGroup.values()].sort(
      (a, b) => a.role.localeCompare(b.role) || (a.orgUnit ?? '').localeCompare(b.orgUnit ?? ''),
    );
  }

  /** Decision notices breached by the end of `asOf`: still unsent then, or sent late. */
  private async notices(subtree: Subtree, asOf: string): Promise<NoticeFiguresView> {
    const { unsent, sentLate } = await this.queries.noticeBreaches(
      subtree,
      endOfBeijingDay(asOf),
      FIGURES_LIST_LIMIT,
    );
    return {
      count: unsent.count + sentLate.count,
      unsent: noticeListView(unsent),
      sentLate: noticeListView(sentLate),
    };
  }

  /** Inspections late by `asOf`: reported after their due date, or not reported by `asOf`. */
  private async inspections(subtree: Subtree, asOf: string): Promise<InspectionFiguresView> {
    const { count, pending, loans } = await this.queries.lateInspections(
      subtree,
      asOf,
      FIGURES_LIST_LIMIT,
    );
    return { count, pending, completedLate: count - pending, loans };
  }

  /**
   * Loans by status; a loan with an open origination task by that task's stage, as the dossier
   * shows it. Counted in two reads: loans by status (an index), and the few loans with an open
   * origination task by status and form, which are moved from their status's line to their stage's.
   */
  private async loansByStage(subtree: Subtree): Promise<StageFigureView[]> {
    const forms = Object.keys(ORIGINATION_STAGE_OF_FORM);
    const [byStatus, withTask] = await Promise.all([
      this.queries.loansByStatus(subtree),
      this.queries.loansWithOpenTask(subtree, forms),
    ]);
    const staged = new Map<string, number>();
    for (const row of withTask) staged.set(row.status, (staged.get(row.status) ?? 0) + row.loans);
    const rows = [
      ...byStatus.map((row) => ({
        status: row.status,
        formKey: null as string | null,
        loans: row.loans - (staged.get(row.status) ?? 0),
      })),
      ...withTask,
    ].filter((row) => row.loans > 0);
    const byStage = new Map<string, StageFigureView>();
    for (const row of rows) {
      const stage = (row.formKey && originationStageOf(row.formKey)) || row.status;
      const key = `${row.status}/${stage}`;
      const line = byStage.get(key) ?? { status: row.status, stage, loans: 0 };
      line.loans += row.loans;
      byStage.set(key, line);
    }
    const rank = (status: string) => {
      const index = STATUS_ORDER.indexOf(status);
      return index < 0 ? STATUS_ORDER.length : index;
    };
    return [...byStage.values()].sort(
      (a, b) =>
        rank(a.status) - rank(b.status) ||
        a.status.localeCompare(b.status) ||
        a.stage.localeCompare(b.stage),
    );
  }
}

function noticeListView(list: NoticeBreachList): NoticeBreachListView {
  return {
    count: list.count,
    loans: list.loans.map((loan) => ({
      loanId: loan.loanId,
      branchCode: loan.branchCode,
      dueAt: loan.dueAt ? loan.dueAt.toISOString() : null,
      breachedAt: loan.breachedAt.toISOString(),
      sentAt: loan.sentAt ? loan.sentAt.toISOString() : null,
    })),
  };
}

/** The window the collection rate is read over for a business date: the 30 days before it. */
export function collectionWindow(asOf: string): { from: string; to: string } {
  const day = parseIsoDate(asOf)!;
  return { from: formatIsoDate(addDays(day, -30)), to: formatIsoDate(addDays(day, -1)) };
}

function collectionView(collection: InterestCollection): InterestCollectionView {
  return {
    from: collection.from,
    to: collection.to,
    interestDue: collection.interestDue.toDecimalString(),
    interestReceived: collection.interestReceived.toDecimalString(),
    rate: collection.rate,
  };
}
