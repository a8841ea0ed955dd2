import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BureauReport } from '@loanflow/adapters';
import { beijingDate, WARNING_LEVELS, WarningLevel } from '@loanflow/domain';
import { BureauReportEntity, FeedCheckEntity, LoanPartyEntity } from '@loanflow/persistence';

/** A loan in servicing, with the day its last bureau refresh (if any) was made. */
export interface ServicedLoan {
  id: string;
  disbursedOn: string;
  lastRefreshOn: string | null;
}

/** A borrower or guarantor of a loan in servicing, by the blind index of the ID number. */
export interface ServicedParty {
  id: string;
  loanId: string;
  role: 'applicant' | 'guarantor';
  idNumberIndex: string;
}

export interface Applicant {
  partyId: string;
  idNumber: string;
  name: string;
}

/** A check as recorded: whether it found something, and the warning it raised once raised. */
export interface FeedCheck {
  id: string;
  loanId: string;
  checkedOn: string;
  outcome: 'clear' | 'hit';
  level: WarningLevel | null;
  reasons: string;
  warningId: string | null;
}

export interface NewFeedCheck {
  loanId: string;
  feed: 'bureau-refresh' | 'dishonest-list';
  partyRole: 'applicant' | 'guarantor';
  partyId: string;
  /** One check per key: a job delivered twice finds the first one's row. */
  dedupeKey: string;
  checkedOn: string;
  source: string;
  outcome: 'clear' | 'hit';
  level: WarningLevel | null;
  reasons: string;
  /** The bureau's report or the list entry found (stored encrypted). */
  report: object;
  checkedAt: Date;
}

/**
 * What the early-warning feeds read and write in the register. An abstract class so that it is
 * both the injection token and the shape a unit spec's fake implements.
 */
export abstract class FeedCheckRecords {
  abstract servicedLoans(): Promise<ServicedLoan[]>;
  abstract servicedParties(): Promise<ServicedParty[]>;
  abstract applicant(loanId: string): Promise<Applicant | null>;
  /** The report a refresh is compared with: the last refresh, else the origination query. */
  abstract lastReport(loanId: string): Promise<BureauReport | null>;
  abstract find(dedupeKey: string): Promise<FeedCheck | null>;
  /** Records the check unless its key is on file already; either way, the check on file. */
  abstract record(check: NewFeedCheck): Promise<FeedCheck>;
  abstract markWarned(checkId: string, warningId: string): Promise<void>;
}

/** The register's SQL for the feeds (MySQL/MariaDB). */
@Injectable()
export class SqlFeedCheckRecords extends FeedCheckRecords {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async servicedLoans(): Promise<ServicedLoan[]> {
    const rows = await this.dataSource.query<
      { id: string; disbursed_at: Date; last_refresh: string | null }[]
    >(
      `SELECT l.id, l.disbursed_at,
              (SELECT MAX(fc.checked_on) FROM feed_check fc
                WHERE fc.loan_id = l.id AND fc.feed = 'bureau-refresh') AS last_refresh
         FROM loan l
        WHERE l.status = 'disbursed' AND l.disbursed_at IS NOT NULL
        ORDER BY l.id`,
    );
    return rows.map((row) => ({
      id: row.id,
      disbursedOn: beijingDate(new Date(row.disbursed_at)),
      lastRefreshOn: row.last_refresh,
    }));
  }

  async servicedParties(): Promise<ServicedParty[]> {
    return this.dataSource.query<ServicedParty[]>(
      `SELECT p.id, p.loan_id AS loanId, p.role, p.id_number_index AS idNumberIndex
         FROM loan_party p JOIN loan l ON l.id = p.loan_id
        WHERE l.status = 'disbursed'`,
    );
  }

  async applicant(loanId: string): Promise<Applicant | null> {
    const party = await this.dataSource
      .getRepository(LoanPartyEntity)
      .findOneBy({ loanId, role: 'applicant' });
    return party ? { partyId: party.id, idNumber: party.idNumber, name: party.name } : null;
  }

  async lastReport(loanId: string): Promise<BureauReport | null> {
    const last = await this.dataSource.getRepository(FeedCheckEntity).findOne({
      where: { loanId, feed: 'bureau-refresh' },
      order: { id: 'DESC' },
    });
    if (last) return JSON.parse(last.report) as BureauReport;
    const origination = await this.dataSource
      .getRepository(BureauReportEntity)
      .findOneBy({ loanId });
    return origination ? (JSON.parse(origination.reportJson) as BureauReport) : null;
  }

  async find(dedupeKey: string): Promise<FeedCheck | null> {
    const row = await this.dataSource.getRepository(FeedCheckEntity).findOneBy({ dedupeKey });
    return row ? feedCheckOf(row) : null;
  }

  async record(check: NewFeedCheck): Promise<FeedCheck> {
    const repo = this.dataSource.getRepository(FeedCheckEntity);
    await repo
      .createQueryBuilder()
      .insert()
      .into(FeedCheckEntity)
      .values({
        ...check,
        reasons: check.reasons.slice(0, 1000),
        report: JSON.stringify(check.report),
        warningId: null,
      })
      .orIgnore()
      .execute();
    return feedCheckOf(await repo.findOneByOrFail({ dedupeKey: check.dedupeKey }));
  }

  async markWarned(checkId: string, warningId: string): Promise<void> {
    await this.dataSource.getRepository(FeedCheckEntity).update({ id: checkId }, { warningId });
  }
}

function feedCheckOf(row: FeedCheckEntity): FeedCheck {
  const level = WARNING_LEVELS.find((known) => known === row.level) ?? null;
  if (row.level !== null && level === null)
    throw new Error(`feed check ${row.id}: its level ${row.level} is not a warning level`);
  return {
    id: row.id,
    loanId: row.loanId,
    checkedOn: row.checkedOn,
    outcome: row.outcome,
    level,
    reasons: row.reasons,
    warningId: row.warningId,
  };
}
