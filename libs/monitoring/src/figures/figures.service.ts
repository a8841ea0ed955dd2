import { Injectable } from '@nestjs/common';
import { Between, DataSource, In } from 'typeorm';
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
import { OrgUnitEntity, PortfolioSnapshotEntity } from '@loanflow/persistence';
import { FiguresScope, scopeJoinOn, scopeOfUnitPath } from './figures-scope';
import { installmentKey, LATER_PAYMENT_LINES } from './later-payments.sql';
import { minor, ServicedBook } from './serviced-book';
import type {
  FiguresTrendPointView,
  FiguresView,
  InspectionFiguresView,
  InterestCollectionView,
  MonthlyFiguresPointView,
  NoticeBreachView,
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
 * The figures managers watch (domain §6), read from MySQL for one org unit's subtree on one business
 * date. Each figure is one grouped query, so what leaves the database grows with the number of
 * groups, not of loans; the arithmetic on the groups is the domain's (portfolioFigures).
 *
 * Status and classification are the loans' current ones; what depends on a date (overdue
 * installments and days past due, notice and inspection breaches) is read as of `asOf`, payments
 * received after it left out, as positionOn reads one loan.
 */
@Injectable()
export class FiguresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly book: ServicedBook,
  ) {}

  /** The unit and the scope of its subtree's loans. */
  private async unitScope(principal: Pick<Principal, 'username' | 'orgUnitCode'>) {
    const unit = await this.dataSource
      .getRepository(OrgUnitEntity)
      .findOneBy({ code: principal.orgUnitCode });
    if (!unit) {
      throw new DomainError(
        'ORG_UNIT_FORBIDDEN',
        `${principal.username}’s org unit ${principal.orgUnitCode} is not in the register: no figures can be scoped to it.`,
      );
    }
    const scope = scopeOfUnitPath(unit.parentCode === null ? null : unit.path);
    return { unit, scope };
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
    const { unit, scope } = await this.unitScope(principal);
    const window = collectionWindow(asOf);
    const kept =
      options.kept === true && asOf < beijingDate(now)
        ? this.kept(unit.code, asOf)
        : Promise.resolve(null);
    const [book, tasks, notices, inspections, loansByStage, interestCollection] = await Promise.all(
      [
        kept.then((day) => day ?? this.bookFigures(scope, asOf)),
        this.tasks(scope, now),
        this.notices(scope, asOf),
        this.inspections(scope, asOf),
        this.loansByStage(scope),
        kept.then(
          async (day) =>
            day?.interestCollection ??
            collectionView(await this.collected(scope, window.from, window.to)),
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
  private async bookFigures(scope: FiguresScope, asOf: string): Promise<BookFigures> {
    const figures = portfolioFigures(asOf, await this.book.groups(scope, asOf));
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
    const row = await this.dataSource
      .getRepository(PortfolioSnapshotEntity)
      .findOneBy({ orgUnitCode, asOf });
    if (!row) return null;
    return {
      keptAt: new Date(row.takenAt).toISOString(),
      classification: JSON.parse(row.classificationJson) as FiguresView['classification'],
      portfolio: JSON.parse(row.portfolioJson) as FiguresView['portfolio'],
      overdueBuckets: JSON.parse(row.bucketsJson) as FiguresView['overdueBuckets'],
      interestCollection:
        row.collectionJson === null
          ? null
          : (JSON.parse(row.collectionJson) as InterestCollectionView),
    };
  }

  /** The unit's interest collection (收息率) over a period (see interestCollection in the domain). */
  async interestCollection(
    principal: Pick<Principal, 'username' | 'orgUnitCode'>,
    from: string,
    to: string,
  ): Promise<InterestCollectionView> {
    const { scope } = await this.unitScope(principal);
    return collectionView(await this.collected(scope, from, to));
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
    const { scope } = await this.unitScope(principal);
    const months = monthsBetween(`${fromMonth}-01`, `${toMonth}-01`);
    if (months.length > 36)
      throw new DomainError('VALIDATION_FAILED', 'a monthly series covers at most 36 months', {
        field: 'from',
      });
    const snapshots = await this.dataSource.getRepository(PortfolioSnapshotEntity).find({
      where: { orgUnitCode: principal.orgUnitCode, asOf: In(months.map((m) => m.to)) },
    });
    const byDay = new Map(snapshots.map((row) => [row.asOf, JSON.parse(row.portfolioJson)]));
    const points: MonthlyFiguresPointView[] = [];
    for (const month of months) {
      const collection = collectionView(await this.collected(scope, month.from, month.to));
      const end = byDay.get(month.to) as FiguresView['portfolio'] | undefined;
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
    const { scope } = await this.unitScope({ username: 'system', orgUnitCode });
    let condition: string;
    let params: unknown[];
    if (figure === 'bad-loan-ratio') {
      condition = `l.classification IN ('substandard', 'doubtful', 'loss')`;
      params = [];
    } else if (figure === 'overdue-rate') {
      condition = `EXISTS (SELECT 1 FROM loan_installment i WHERE i.loan_id = l.id AND i.due_date < ?
                     AND (i.principal_paid_minor < i.principal_minor OR i.interest_paid_minor < i.interest_minor))`;
      params = [asOf];
    } else {
      const window = collectionWindow(asOf);
      condition = `EXISTS (SELECT 1 FROM loan_installment i WHERE i.loan_id = l.id AND i.due_date BETWEEN ? AND ?
                     AND i.interest_paid_minor < i.interest_minor)`;
      params = [window.from, window.to];
    }
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT l.id FROM loan l ${scope.join}
        WHERE l.status = 'disbursed' AND ${condition} ${scope.where}
        ORDER BY l.id LIMIT ?`,
      [...params, ...scope.params, limit],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Interest due in [from, to] on loans paid out, and of it what was paid by the end of `to`: the
   * installments' running totals less the interest lines of payments applied after `to` (read from
   * the repayments' allocation, as ServicedBook adds them back).
   */
  private async collected(
    scope: FiguresScope,
    from: string,
    to: string,
  ): Promise<InterestCollection> {
    // The loans counted, by their kept positions (a small set materialised once, not a lookup per
    // installment): head office counts every installment but those of loans not paid out.
    const paidOut = `('disbursed', 'settled', 'archived', 'written-off')`;
    const loans =
      scope.pathPattern === null
        ? `i.loan_id NOT IN (SELECT p.loan_id FROM loan_position p WHERE p.status NOT IN ${paidOut})`
        : `i.loan_id IN (SELECT p.loan_id FROM loan_position p ${scopeJoinOn(scope, 'p')}
                          WHERE p.status IN ${paidOut} ${scope.where})`;
    const [row]: { due: string | null; received: string | null }[] = await this.dataSource.query(
      `SELECT CAST(COALESCE(SUM(i.interest_minor), 0) AS CHAR) AS due,
              CAST(COALESCE(SUM(GREATEST(0, i.interest_paid_minor - COALESCE(a.interest_minor, 0))), 0) AS CHAR) AS received
         FROM loan_installment i
         LEFT JOIN (${LATER_PAYMENT_LINES}) a ON a.k = ${installmentKey('i.loan_id', 'i.number')}
        WHERE i.due_date BETWEEN ? AND ? AND ${loans}`,
      [endOfBeijingDay(to), to, from, to, ...scope.params],
    );
    const due = minor(row?.due ?? '0');
    let received = minor(row?.received ?? '0');
    if (received.compare(due) > 0) received = due;
    return interestCollection(from, to, due, received);
  }

  /** Keeps the units' figures as of a business date, each scoped to its own subtree. */
  async record(unitCodes: readonly string[], asOf: string, now: Date): Promise<void> {
    for (const orgUnitCode of unitCodes) {
      const figures = await this.read({ username: 'system', orgUnitCode }, asOf, now);
      await this.dataSource.getRepository(PortfolioSnapshotEntity).upsert(
        {
          asOf,
          orgUnitCode,
          portfolioJson: JSON.stringify(figures.portfolio),
          classificationJson: JSON.stringify(figures.classification),
          bucketsJson: JSON.stringify(figures.overdueBuckets),
          collectionJson: JSON.stringify(figures.interestCollection),
          takenAt: now,
        },
        ['asOf', 'orgUnitCode'],
      );
    }
  }

  /** The days recorded for the reader's unit between two business dates, oldest first. */
  async trend(principal: Principal, from: string, to: string): Promise<FiguresTrendPointView[]> {
    const rows = await this.dataSource.getRepository(PortfolioSnapshotEntity).find({
      where: { orgUnitCode: principal.orgUnitCode, asOf: Between(from, to) },
      order: { asOf: 'ASC' },
    });
    return rows.map((row) => {
      const p = JSON.parse(row.portfolioJson) as FiguresView['portfolio'];
      return {
        asOf: row.asOf,
        loans: p.loans,
        outstandingBalance: p.outstandingBalance,
        overduePrincipal: p.overduePrincipal,
        overdueRate: p.overdueRate,
        nonPerformingBalance: p.nonPerformingBalance,
        nonPerformingRatio: p.nonPerformingRatio,
      };
    });
  }

  /**
   * Open tasks (claimed or not) by candidate group. A task counts where its loan is (business key);
   * a task without a loan where its group's org unit is, and for head office in any case. Codes
   * from the JSON are compared as bytes: JSON_TABLE's columns take the database's default
   * collation, which need not be the tables'.
   */
  private async tasks(scope: FiguresScope, now: Date): Promise<TaskFigureView[]> {
    const rows: { candidate_group: string; open: string; overdue: string; oldest: Date }[] =
      await this.dataSource.query(
        `SELECT g.candidate_group, COUNT(*) AS open,
                SUM(CASE WHEN t.due_at < ? THEN 1 ELSE 0 END) AS overdue,
                MIN(t.created_at) AS oldest
           FROM user_task t
           JOIN JSON_TABLE(t.candidate_groups, '$[*]' COLUMNS (
                  candidate_group VARCHAR(100) PATH '$')) AS g
           LEFT JOIN loan l ON l.id = t.business_key
           LEFT JOIN org_unit lu ON lu.code = l.branch_code
           LEFT JOIN org_unit gu ON LOCATE(':', g.candidate_group) > 0
                AND CAST(gu.code AS BINARY) =
                    CAST(TRIM(SUBSTRING(g.candidate_group, LOCATE(':', g.candidate_group) + 1)) AS BINARY)
          WHERE t.state = 'open' ${scope.pathPattern === null ? '' : 'AND COALESCE(lu.path, gu.path) LIKE ?'}
          GROUP BY g.candidate_group`,
        [now, ...(scope.pathPattern === null ? [] : [scope.pathPattern])],
      );
    const byGroup = new Map<string, TaskFigureView>();
    for (const row of rows) {
      const { role, orgCode } = parseCandidateGroup(row.candidate_group);
      const key = `${role}:${orgCode ?? ''}`;
      const oldest = new Date(row.oldest);
      const line = byGroup.get(key) ?? {
        role,
        orgUnit: orgCode,
        open: 0,
        overdue: 0,
        oldestCreatedAt: oldest.toISOString(),
        oldestAgeHours: 0,
      };
      line.open += Number(row.open);
      line.overdue += Number(row.overdue);
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
  private async notices(scope: FiguresScope, asOf: string): Promise<NoticeFiguresView> {
    const end = endOfBeijingDay(asOf);
    const rows: {
      id: string;
      branch_code: string;
      notice_due_at: Date | null;
      notice_breached_at: Date;
      notice_sent_at: Date | null;
      sent: string | number;
      total: string;
    }[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT b.*,
                ROW_NUMBER() OVER (PARTITION BY b.sent ORDER BY b.notice_due_at, b.id) AS rn,
                COUNT(*) OVER (PARTITION BY b.sent) AS total
           FROM (
             SELECT l.id, l.branch_code, l.notice_due_at, l.notice_breached_at,
                    CASE WHEN l.notice_sent_at < ? THEN l.notice_sent_at END AS notice_sent_at,
                    CASE WHEN l.notice_sent_at < ? THEN 1 ELSE 0 END AS sent
               FROM loan l
               ${scope.join}
              WHERE l.notice_breached_at IS NOT NULL AND l.notice_breached_at < ? ${scope.where}
           ) b
       ) ranked
       WHERE rn <= ?
       ORDER BY rn`,
      [end, end, end, ...scope.params, FIGURES_LIST_LIMIT],
    );
    const list = (sent: boolean) => {
      const mine = rows.filter((row) => Number(row.sent) === (sent ? 1 : 0));
      return {
        count: Number(mine[0]?.total ?? 0),
        loans: mine.map((row): NoticeBreachView => ({
          loanId: row.id,
          branchCode: row.branch_code,
          dueAt: row.notice_due_at ? new Date(row.notice_due_at).toISOString() : null,
          breachedAt: new Date(row.notice_breached_at).toISOString(),
          sentAt: row.notice_sent_at ? new Date(row.notice_sent_at).toISOString() : null,
        })),
      };
    };
    const unsent = list(false);
    const sentLate = list(true);
    return { count: unsent.count + sentLate.count, unsent, sentLate };
  }

  /**
   * Inspections late by `asOf`: due before it and reported after the due date, or not reported at
   * all while the loan is serviced (a report never made on a loan settled before its due date is
   * no breach, unless the deadline had already been escalated).
   */
  private async inspections(scope: FiguresScope, asOf: string): Promise<InspectionFiguresView> {
    const rows: {
      loan_id: string;
      branch_code: string;
      number: number;
      due_on: string;
      completed_on: string | null;
      days_late: string | number;
      total: string;
      pending: string;
    }[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT x.*,
                ROW_NUMBER() OVER (ORDER BY x.due_on, x.loan_id, x.number) AS rn,
                COUNT(*) OVER () AS total,
                SUM(CASE WHEN x.completed_on IS NULL THEN 1 ELSE 0 END) OVER () AS pending
           FROM (
             SELECT i.loan_id, l.branch_code, i.number,
                    DATE_FORMAT(i.due_on, '%Y-%m-%d') AS due_on,
                    CASE WHEN i.completed_on <= ? THEN DATE_FORMAT(i.completed_on, '%Y-%m-%d') END AS completed_on,
                    DATEDIFF(CASE WHEN i.completed_on <= ? THEN i.completed_on ELSE ? END, i.due_on) AS days_late
               FROM loan_inspection i
               JOIN loan l ON l.id = i.loan_id
               ${scope.join}
              WHERE i.due_on < ?
                AND (i.completed_on > i.due_on
                     OR (i.completed_on IS NULL AND (l.status = 'disbursed' OR i.escalated_at IS NOT NULL)))
                ${scope.where}
           ) x
       ) ranked
       WHERE rn <= ?
       ORDER BY rn`,
      [asOf, asOf, asOf, asOf, ...scope.params, FIGURES_LIST_LIMIT],
    );
    const count = Number(rows[0]?.total ?? 0);
    const pending = Number(rows[0]?.pending ?? 0);
    return {
      count,
      pending,
      completedLate: count - pending,
      loans: rows.map((row) => ({
        loanId: row.loan_id,
        branchCode: row.branch_code,
        number: Number(row.number),
        dueOn: row.due_on,
        completedOn: row.completed_on,
        daysLate: Number(row.days_late),
      })),
    };
  }

  /**
   * Loans by status; a loan with an open origination task by that task's stage, as the dossier
   * shows it. Counted in two reads: loans by status (an index), and the few loans with an open
   * origination task by status and form, which are moved from their status's line to their stage's.
   */
  private async loansByStage(scope: FiguresScope): Promise<StageFigureView[]> {
    const forms = Object.keys(ORIGINATION_STAGE_OF_FORM);
    const [byStatus, withTask] = await Promise.all([
      this.dataSource.query<{ status: string; loans: string }[]>(
        `SELECT l.status, COUNT(*) AS loans FROM loan l ${scope.join}
          WHERE 1 = 1 ${scope.where} GROUP BY l.status`,
        scope.params,
      ),
      this.dataSource.query<{ status: string; form_key: string; loans: string }[]>(
        `SELECT l.status, ot.form_key, COUNT(*) AS loans
           FROM (
             SELECT t.business_key, MIN(t.form_key) AS form_key
               FROM user_task t
              WHERE t.state = 'open' AND t.form_key IN (${forms.map(() => '?').join(', ')})
              GROUP BY t.business_key
           ) ot
           JOIN loan l ON l.id = ot.business_key
           ${scope.join}
          WHERE 1 = 1 ${scope.where}
          GROUP BY l.status, ot.form_key`,
        [...forms, ...scope.params],
      ),
    ]);
    const staged = new Map<string, number>();
    for (const row of withTask)
      staged.set(row.status, (staged.get(row.status) ?? 0) + Number(row.loans));
    const rows = [
      ...byStatus.map((row) => ({
        status: row.status,
        form_key: null as string | null,
        loans: Number(row.loans) - (staged.get(row.status) ?? 0),
      })),
      ...withTask.map((row) => ({ ...row, loans: Number(row.loans) })),
    ].filter((row) => row.loans > 0);
    const byStage = new Map<string, StageFigureView>();
    for (const row of rows) {
      const stage = (row.form_key && originationStageOf(row.form_key)) || row.status;
      const key = `${row.status}/${stage}`;
      const line = byStage.get(key) ?? { status: row.status, stage, loans: 0 };
      line.loans += Number(row.loans);
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
