import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import {
  BureauReport,
  CREDIT_BUREAU,
  CreditBureau,
  DISHONEST_DEBTOR_LIST,
  DishonestDebtorList,
} from '@loanflow/adapters';
import {
  beijingDate,
  bureauRefreshDue,
  DomainError,
  warningFromBureauChange,
  warningFromDishonestListing,
  WarningLevel,
  WarningSignal,
} from '@loanflow/domain';
import { BureauReportEntity, FeedCheckEntity, LoanPartyEntity } from '@loanflow/persistence';
import { RiskWarnings } from '../post-loan/risk-warnings.service';

/** Loans refreshed per run at most: the next day's run takes the rest. */
const REFRESH_BATCH = 200;

export interface FeedRun {
  checked: number;
  hits: number;
}

/**
 * The early-warning feeds (外部预警信息) for loans in servicing: the periodic bureau refresh of
 * the borrower and the courts' dishonest-debtor list. Every bureau refresh is kept (the report
 * encrypted), a list look-up only when it finds someone. A check is recorded under a dedupe key
 * (the loan and the day for a refresh, the party and the court case for a listing) before its
 * warning is raised, so a job delivered twice checks and warns once; a row left without its
 * warning by a crash gets it on the repeat.
 */
@Injectable()
export class EarlyWarningFeeds {
  private readonly logger = new Logger(EarlyWarningFeeds.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly warnings: RiskWarnings,
    @Inject(CREDIT_BUREAU) private readonly bureau: CreditBureau,
    @Inject(DISHONEST_DEBTOR_LIST) private readonly courts: DishonestDebtorList,
  ) {}

  /** Refreshes the borrower's bureau report of every loan whose last report is `periodMonths` old. */
  async refreshBureau(at: Date, periodMonths: number): Promise<FeedRun> {
    const today = beijingDate(at);
    const loans: { id: string; disbursed_at: Date | null; last_refresh: string | null }[] =
      await this.dataSource.query(
        `SELECT l.id, l.disbursed_at,
                (SELECT MAX(fc.checked_on) FROM feed_check fc
                  WHERE fc.loan_id = l.id AND fc.feed = 'bureau-refresh') AS last_refresh
           FROM loan l
          WHERE l.status = 'disbursed' AND l.disbursed_at IS NOT NULL
          ORDER BY l.id`,
      );
    const due = loans
      .filter((loan) =>
        bureauRefreshDue(
          loan.last_refresh ?? beijingDate(new Date(loan.disbursed_at!)),
          today,
          periodMonths,
        ),
      )
      .slice(0, REFRESH_BATCH);
    const run: FeedRun = { checked: 0, hits: 0 };
    for (const loan of due) {
      if (await this.refreshOne(loan.id, at, today)) run.hits++;
      run.checked++;
    }
    return run;
  }

  private async refreshOne(loanId: string, at: Date, today: string): Promise<boolean> {
    const dedupeKey = `bureau-refresh:${loanId}:${today}`;
    const repo = this.dataSource.getRepository(FeedCheckEntity);
    let check = await repo.findOneBy({ dedupeKey });
    if (!check) {
      const applicant = await this.dataSource
        .getRepository(LoanPartyEntity)
        .findOneBy({ loanId, role: 'applicant' });
      if (!applicant) return false;
      const before = await this.lastReport(loanId);
      const report = await this.bureau.query({
        idNumber: applicant.idNumber,
        name: applicant.name,
        purpose: 'post-loan-management',
      });
      // The first refresh of a loan without an origination report is its baseline: nothing to compare.
      const change = before
        ? warningFromBureauChange(before, report)
        : { level: null, reasons: ['baseline: no earlier report on file'] };
      await repo
        .createQueryBuilder()
        .insert()
        .into(FeedCheckEntity)
        .values({
          loanId,
          feed: 'bureau-refresh',
          partyRole: 'applicant',
          partyId: applicant.id,
          dedupeKey,
          checkedOn: today,
          source: this.bureau.source,
          outcome: change.level ? 'hit' : 'clear',
          level: change.level,
          reasons: (change.reasons.join('; ') || 'no change for the worse').slice(0, 1000),
          report: JSON.stringify(report),
          warningId: null,
          checkedAt: at,
        })
        .orIgnore()
        .execute();
      check = await repo.findOneByOrFail({ dedupeKey });
    }
    if (check.outcome !== 'hit' || check.warningId) return check.outcome === 'hit';
    await this.warn(
      check,
      'bureau-refresh',
      `bureau refresh ${check.checkedOn}: ${check.reasons}`,
      at,
    );
    return true;
  }

  /** The report a refresh is compared with: the last refresh, else the origination query. */
  private async lastReport(loanId: string): Promise<BureauReport | null> {
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

  /**
   * Looks every borrower and guarantor of the loans in servicing up on the courts' list, by the
   * blind index of the ID number (the plain number never leaves the register for it).
   */
  async checkDishonestList(at: Date): Promise<FeedRun> {
    const today = beijingDate(at);
    const parties: { id: string; loan_id: string; role: 'applicant' | 'guarantor'; idx: string }[] =
      await this.dataSource.query(
        `SELECT p.id, p.loan_id, p.role, p.id_number_index AS idx
           FROM loan_party p JOIN loan l ON l.id = p.loan_id
          WHERE l.status = 'disbursed'`,
      );
    const entries = await this.courts.lookUp([...new Set(parties.map((p) => p.idx))]);
    const byIndex = new Map(entries.map((entry) => [entry.idNumberIndex, entry]));
    const run: FeedRun = { checked: parties.length, hits: 0 };
    const repo = this.dataSource.getRepository(FeedCheckEntity);
    for (const party of parties) {
      const entry = byIndex.get(party.idx);
      if (!entry) continue;
      const level = warningFromDishonestListing(party.role);
      const dedupeKey =
        `dishonest-list:${party.loan_id}:${party.id}:${entry.court}:${entry.caseNumber}`.slice(
          0,
          160,
        );
      await repo
        .createQueryBuilder()
        .insert()
        .into(FeedCheckEntity)
        .values({
          loanId: party.loan_id,
          feed: 'dishonest-list',
          partyRole: party.role,
          partyId: party.id,
          dedupeKey,
          checkedOn: today,
          source: this.courts.source,
          outcome: 'hit',
          level,
          reasons:
            `${party.role === 'applicant' ? 'borrower' : 'guarantor'} on the dishonest judgment debtor list (失信被执行人) of ${entry.court}, listed ${entry.listedOn}`.slice(
              0,
              1000,
            ),
          report: JSON.stringify(entry),
          warningId: null,
          checkedAt: at,
        })
        .orIgnore()
        .execute();
      const check = await repo.findOneByOrFail({ dedupeKey });
      if (check.warningId) continue;
      await this.warn(check, 'dishonest-debtor', check.reasons, at);
      run.hits++;
    }
    return run;
  }

  private async warn(
    check: FeedCheckEntity,
    signal: WarningSignal,
    description: string,
    at: Date,
  ): Promise<void> {
    try {
      const raised = await this.warnings.raise({
        loanId: check.loanId,
        level: check.level as WarningLevel,
        signal,
        description,
        actor: SYSTEM_ACTOR,
        at,
      });
      await this.dataSource
        .getRepository(FeedCheckEntity)
        .update({ id: check.id }, { warningId: raised.warning.id });
    } catch (error) {
      // The loan left servicing since the check: nothing is left to warn about.
      if (!(error instanceof DomainError && error.code === 'LOAN_NOT_IN_SERVICING')) throw error;
      this.logger.log(`loan ${check.loanId}: ${error.message}`);
    }
  }

  /** The checks of one loan for its dossier, newest first. */
  async forLoan(loanId: string): Promise<FeedCheckEntity[]> {
    return this.dataSource.getRepository(FeedCheckEntity).find({
      where: { loanId, feed: In(['bureau-refresh', 'dishonest-list']) },
      order: { id: 'DESC' },
      take: 50,
    });
  }
}
