import { Injectable } from '@nestjs/common';
import { Between, DataSource, In } from 'typeorm';
import { endOfBeijingDay, Money, ServicedLoanGroup } from '@loanflow/domain';
import { OrgUnitEntity, PortfolioSnapshotEntity } from '@loanflow/persistence';
import { scopeJoinOn, scopeOfUnitPath } from './figures-scope';
import { installmentKey, LATER_PAYMENT_LINES } from './later-payments.sql';
import { minor, ServicedBook } from './serviced-book';
import type {
  ClassificationFigureView,
  InterestCollectionView,
  OverdueBucketFigureView,
  PortfolioFigureView,
} from './figures.views';

/**
 * The loans a read counts: those booked at the units whose path starts with this one (a unit's
 * subtree), or every loan when null (head office).
 */
export type Subtree = string | null;

/** An org unit of the register, as the figures are scoped to it. */
export interface FiguresUnit {
  code: string;
  name: string;
  path: string;
  /** null for head office. */
  parentCode: string | null;
}

/** Interest that fell due in a period, and of it what was paid by the period's end. */
export interface InterestDue {
  due: Money;
  received: Money;
}

/** The loans behind a figure (see FiguresService.loansBehind). */
export type LoansBehind =
  | { figure: 'bad-loan-ratio' }
  | { figure: 'overdue-rate'; asOf: string }
  | { figure: 'interest-collection-rate'; from: string; to: string };

/** Open tasks offered to one candidate group, as the group is spelled on the tasks. */
export interface OpenTaskGroup {
  candidateGroup: string;
  open: number;
  overdue: number;
  oldestCreatedAt: Date;
}

export interface NoticeBreach {
  loanId: string;
  branchCode: string;
  dueAt: Date | null;
  breachedAt: Date;
  sentAt: Date | null;
}

/** The first loans of a list, and how many there are in all. */
export interface NoticeBreachList {
  count: number;
  loans: NoticeBreach[];
}

export interface NoticeBreaches {
  unsent: NoticeBreachList;
  sentLate: NoticeBreachList;
}

export interface LateInspection {
  loanId: string;
  branchCode: string;
  number: number;
  dueOn: string;
  completedOn: string | null;
  daysLate: number;
}

/** The first late inspections, with how many there are in all and how many of them are unreported. */
export interface LateInspections {
  count: number;
  pending: number;
  loans: LateInspection[];
}

export interface StatusCount {
  status: string;
  loans: number;
}

/** Loans of a status whose open origination task has this form. */
export interface StatusFormCount {
  status: string;
  formKey: string;
  loans: number;
}

/** A serviced book's figures as the recorder kept them at the end of a day. */
export interface KeptFigures {
  takenAt: Date;
  classification: ClassificationFigureView[];
  portfolio: PortfolioFigureView;
  overdueBuckets: OverdueBucketFigureView[];
  /** null on days kept before the collection rate was. */
  interestCollection: InterestCollectionView | null;
}

export interface KeptPortfolio {
  asOf: string;
  portfolio: PortfolioFigureView;
}

/**
 * What the figures (and their recorder) read and write. An abstract class so that it is both the
 * injection token and the shape a unit spec's fake implements.
 */
export abstract class FiguresQueries {
  abstract orgUnit(code: string): Promise<FiguresUnit | null>;
  abstract orgUnitCodes(): Promise<string[]>;
  /** The serviced loans grouped as portfolioFigures takes them, as they stood on `asOf`. */
  abstract servicedGroups(subtree: Subtree, asOf: string): Promise<ServicedLoanGroup[]>;
  /** Interest due in [from, to] on loans paid out, and of it what was paid by the end of `to`. */
  abstract interestDue(subtree: Subtree, from: string, to: string): Promise<InterestDue>;
  /** Ids of serviced loans, in id order, at most `limit`. */
  abstract loansBehind(subtree: Subtree, behind: LoansBehind, limit: number): Promise<string[]>;
  /** Open tasks by candidate group; `now` decides which are overdue. */
  abstract openTasks(subtree: Subtree, now: Date): Promise<OpenTaskGroup[]>;
  /** Decision notices breached before `end`, unsent then or sent late; lists earliest due first. */
  abstract noticeBreaches(subtree: Subtree, end: Date, limit: number): Promise<NoticeBreaches>;
  /** Inspections late by `asOf`; the list earliest due first. */
  abstract lateInspections(subtree: Subtree, asOf: string, limit: number): Promise<LateInspections>;
  abstract loansByStatus(subtree: Subtree): Promise<StatusCount[]>;
  /** Loans with an open task of one of these forms, by status and form (the least form of a loan). */
  abstract loansWithOpenTask(
    subtree: Subtree,
    formKeys: readonly string[],
  ): Promise<StatusFormCount[]>;
  abstract keptFigures(orgUnitCode: string, asOf: string): Promise<KeptFigures | null>;
  /** The portfolio kept for the unit on each of those days that was kept. */
  abstract keptPortfolios(orgUnitCode: string, days: readonly string[]): Promise<KeptPortfolio[]>;
  /** The portfolio kept for the unit on the days from `from` to `to`, oldest first. */
  abstract keptPortfoliosBetween(
    orgUnitCode: string,
    from: string,
    to: string,
  ): Promise<KeptPortfolio[]>;
  /** How many units' figures are kept for the day. */
  abstract unitsKeptOn(asOf: string): Promise<number>;
  /** Keeps the unit's figures for the day, replacing any kept before. */
  abstract keep(
    orgUnitCode: string,
    asOf: string,
    figures: KeptFigures & { interestCollection: InterestCollectionView },
  ): Promise<void>;
}

/** The figures' SQL (MySQL/MariaDB): each figure one grouped read, so rows grow with groups, not loans. */
@Injectable()
export class SqlFiguresQueries extends FiguresQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly book: ServicedBook,
  ) {
    super();
  }

  async orgUnit(code: string): Promise<FiguresUnit | null> {
    const unit = await this.dataSource.getRepository(OrgUnitEntity).findOneBy({ code });
    return unit
      ? { code: unit.code, name: unit.name, path: unit.path, parentCode: unit.parentCode }
      : null;
  }

  async orgUnitCodes(): Promise<string[]> {
    const units = await this.dataSource.getRepository(OrgUnitEntity).find();
    return units.map((unit) => unit.code);
  }

  servicedGroups(subtree: Subtree, asOf: string): Promise<ServicedLoanGroup[]> {
    return this.book.groups(scopeOfUnitPath(subtree), asOf);
  }

  /**
   * The installments' running totals less the interest lines of payments applied after `to` (read
   * from the repayments' allocation, as ServicedBook adds them back).
   */
  async interestDue(subtree: Subtree, from: string, to: string): Promise<InterestDue> {
    const scope = scopeOfUnitPath(subtree);
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
    return { due: minor(row?.due ?? '0'), received: minor(row?.received ?? '0') };
  }

  async loansBehind(subtree: Subtree, behind: LoansBehind, limit: number): Promise<string[]> {
    const scope = scopeOfUnitPath(subtree);
    let condition: string;
    let params: unknown[];
    if (behind.figure === 'bad-loan-ratio') {
      condition = `l.classification IN ('substandard', 'doubtful', 'loss')`;
      params = [];
    } else if (behind.figure === 'overdue-rate') {
      condition = `EXISTS (SELECT 1 FROM loan_installment i WHERE i.loan_id = l.id AND i.due_date < ?
                     AND (i.principal_paid_minor < i.principal_minor OR i.interest_paid_minor < i.interest_minor))`;
      params = [behind.asOf];
    } else {
      condition = `EXISTS (SELECT 1 FROM loan_installment i WHERE i.loan_id = l.id AND i.due_date BETWEEN ? AND ?
                     AND i.interest_paid_minor < i.interest_minor)`;
      params = [behind.from, behind.to];
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
   * A task counts where its loan is (business key); a task without a loan where its group's org
   * unit is, and for head office in any case. Codes from the JSON are compared as bytes:
   * JSON_TABLE's columns take the database's default collation, which need not be the tables'.
   */
  async openTasks(subtree: Subtree, now: Date): Promise<OpenTaskGroup[]> {
    const scope = scopeOfUnitPath(subtree);
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
    return rows.map((row) => ({
      candidateGroup: row.candidate_group,
      open: Number(row.open),
      overdue: Number(row.overdue),
      oldestCreatedAt: new Date(row.oldest),
    }));
  }

  /** Both lists in one read: each numbered and counted within its own partition. */
  async noticeBreaches(subtree: Subtree, end: Date, limit: number): Promise<NoticeBreaches> {
    const scope = scopeOfUnitPath(subtree);
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
      [end, end, end, ...scope.params, limit],
    );
    const list = (sent: boolean): NoticeBreachList => {
      const mine = rows.filter((row) => Number(row.sent) === (sent ? 1 : 0));
      return {
        count: Number(mine[0]?.total ?? 0),
        loans: mine.map((row) => ({
          loanId: row.id,
          branchCode: row.branch_code,
          dueAt: row.notice_due_at ? new Date(row.notice_due_at) : null,
          breachedAt: new Date(row.notice_breached_at),
          sentAt: row.notice_sent_at ? new Date(row.notice_sent_at) : null,
        })),
      };
    };
    return { unsent: list(false), sentLate: list(true) };
  }

  /**
   * Due before `asOf` and reported after the due date, or not reported at all while the loan is
   * serviced (a report never made on a loan settled before its due date is no breach, unless the
   * deadline had already been escalated).
   */
  async lateInspections(subtree: Subtree, asOf: string, limit: number): Promise<LateInspections> {
    const scope = scopeOfUnitPath(subtree);
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
      [asOf, asOf, asOf, asOf, ...scope.params, limit],
    );
    return {
      count: Number(rows[0]?.total ?? 0),
      pending: Number(rows[0]?.pending ?? 0),
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

  async loansByStatus(subtree: Subtree): Promise<StatusCount[]> {
    const scope = scopeOfUnitPath(subtree);
    const rows = await this.dataSource.query<{ status: string; loans: string }[]>(
      `SELECT l.status, COUNT(*) AS loans FROM loan l ${scope.join}
          WHERE 1 = 1 ${scope.where} GROUP BY l.status`,
      scope.params,
    );
    return rows.map((row) => ({ status: row.status, loans: Number(row.loans) }));
  }

  async loansWithOpenTask(
    subtree: Subtree,
    formKeys: readonly string[],
  ): Promise<StatusFormCount[]> {
    const scope = scopeOfUnitPath(subtree);
    const rows = await this.dataSource.query<{ status: string; form_key: string; loans: string }[]>(
      `SELECT l.status, ot.form_key, COUNT(*) AS loans
           FROM (
             SELECT t.business_key, MIN(t.form_key) AS form_key
               FROM user_task t
              WHERE t.state = 'open' AND t.form_key IN (${formKeys.map(() => '?').join(', ')})
              GROUP BY t.business_key
           ) ot
           JOIN loan l ON l.id = ot.business_key
           ${scope.join}
          WHERE 1 = 1 ${scope.where}
          GROUP BY l.status, ot.form_key`,
      [...formKeys, ...scope.params],
    );
    return rows.map((row) => ({
      status: row.status,
      formKey: row.form_key,
      loans: Number(row.loans),
    }));
  }

  async keptFigures(orgUnitCode: string, asOf: string): Promise<KeptFigures | null> {
    const row = await this.dataSource
      .getRepository(PortfolioSnapshotEntity)
      .findOneBy({ orgUnitCode, asOf });
    if (!row) return null;
    return {
      takenAt: new Date(row.takenAt),
      classification: JSON.parse(row.classificationJson) as ClassificationFigureView[],
      portfolio: JSON.parse(row.portfolioJson) as PortfolioFigureView,
      overdueBuckets: JSON.parse(row.bucketsJson) as OverdueBucketFigureView[],
      interestCollection:
        row.collectionJson === null
          ? null
          : (JSON.parse(row.collectionJson) as InterestCollectionView),
    };
  }

  async keptPortfolios(orgUnitCode: string, days: readonly string[]): Promise<KeptPortfolio[]> {
    const rows = await this.dataSource.getRepository(PortfolioSnapshotEntity).find({
      where: { orgUnitCode, asOf: In(days) },
    });
    return rows.map((row) => ({
      asOf: row.asOf,
      portfolio: JSON.parse(row.portfolioJson) as PortfolioFigureView,
    }));
  }

  async keptPortfoliosBetween(
    orgUnitCode: string,
    from: string,
    to: string,
  ): Promise<KeptPortfolio[]> {
    const rows = await this.dataSource.getRepository(PortfolioSnapshotEntity).find({
      where: { orgUnitCode, asOf: Between(from, to) },
      order: { asOf: 'ASC' },
    });
    return rows.map((row) => ({
      asOf: row.asOf,
      portfolio: JSON.parse(row.portfolioJson) as PortfolioFigureView,
    }));
  }

  unitsKeptOn(asOf: string): Promise<number> {
    return this.dataSource.getRepository(PortfolioSnapshotEntity).countBy({ asOf });
  }

  async keep(
    orgUnitCode: string,
    asOf: string,
    figures: KeptFigures & { interestCollection: InterestCollectionView },
  ): Promise<void> {
    await this.dataSource.getRepository(PortfolioSnapshotEntity).upsert(
      {
        asOf,
        orgUnitCode,
        portfolioJson: JSON.stringify(figures.portfolio),
        classificationJson: JSON.stringify(figures.classification),
        bucketsJson: JSON.stringify(figures.overdueBuckets),
        collectionJson: JSON.stringify(figures.interestCollection),
        takenAt: figures.takenAt,
      },
      ['asOf', 'orgUnitCode'],
    );
  }
}
