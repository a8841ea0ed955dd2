import { Inject, Injectable, Logger } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import {
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
  WarningSignal,
} from '@loanflow/domain';
import { RiskWarnings } from '../post-loan/risk-warnings.service';
import { FeedCheck, FeedCheckRecords } from './feed-check-records';

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
    private readonly records: FeedCheckRecords,
    // The token named: a Pick is no class for Nest to inject by.
    @Inject(RiskWarnings) private readonly warnings: Pick<RiskWarnings, 'raise'>,
    @Inject(CREDIT_BUREAU) private readonly bureau: CreditBureau,
    @Inject(DISHONEST_DEBTOR_LIST) private readonly courts: DishonestDebtorList,
  ) {}

  /** Refreshes the borrower's bureau report of every loan whose last report is `periodMonths` old. */
  async refreshBureau(at: Date, periodMonths: number): Promise<FeedRun> {
    const today = beijingDate(at);
    const due = (await this.records.servicedLoans())
      .filter((loan) =>
        bureauRefreshDue(loan.lastRefreshOn ?? loan.disbursedOn, today, periodMonths),
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
    let check = await this.records.find(dedupeKey);
    if (!check) {
      const applicant = await this.records.applicant(loanId);
      if (!applicant) return false;
      const before = await this.records.lastReport(loanId);
      const report = await this.bureau.query({
        idNumber: applicant.idNumber,
        name: applicant.name,
        purpose: 'post-loan-management',
      });
      // The first refresh of a loan without an origination report is its baseline: nothing to compare.
      const change = before
        ? warningFromBureauChange(before, report)
        : { level: null, reasons: ['baseline: no earlier report on file'] };
      check = await this.records.record({
        loanId,
        feed: 'bureau-refresh',
        partyRole: 'applicant',
        partyId: applicant.partyId,
        dedupeKey,
        checkedOn: today,
        source: this.bureau.source,
        outcome: change.level ? 'hit' : 'clear',
        level: change.level,
        reasons: change.reasons.join('; ') || 'no change for the worse',
        report,
        checkedAt: at,
      });
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

  /**
   * Looks every borrower and guarantor of the loans in servicing up on the courts' list, by the
   * blind index of the ID number (the plain number never leaves the register for it).
   */
  async checkDishonestList(at: Date): Promise<FeedRun> {
    const today = beijingDate(at);
    const parties = await this.records.servicedParties();
    const entries = await this.courts.lookUp([...new Set(parties.map((p) => p.idNumberIndex))]);
    const byIndex = new Map(entries.map((entry) => [entry.idNumberIndex, entry]));
    const run: FeedRun = { checked: parties.length, hits: 0 };
    for (const party of parties) {
      const entry = byIndex.get(party.idNumberIndex);
      if (!entry) continue;
      const check = await this.records.record({
        loanId: party.loanId,
        feed: 'dishonest-list',
        partyRole: party.role,
        partyId: party.id,
        dedupeKey:
          `dishonest-list:${party.loanId}:${party.id}:${entry.court}:${entry.caseNumber}`.slice(
            0,
            160,
          ),
        checkedOn: today,
        source: this.courts.source,
        outcome: 'hit',
        level: warningFromDishonestListing(party.role),
        reasons: `${party.role === 'applicant' ? 'borrower' : 'guarantor'} on the dishonest judgment debtor list (失信被执行人) of ${entry.court}, listed ${entry.listedOn}`,
        report: entry,
        checkedAt: at,
      });
      if (check.warningId) continue;
      await this.warn(check, 'dishonest-debtor', check.reasons, at);
      run.hits++;
    }
    return run;
  }

  private async warn(
    check: FeedCheck,
    signal: WarningSignal,
    description: string,
    at: Date,
  ): Promise<void> {
    if (!check.level) throw new Error(`feed check ${check.id} found something but has no level`);
    try {
      const raised = await this.warnings.raise({
        loanId: check.loanId,
        level: check.level,
        signal,
        description,
        actor: SYSTEM_ACTOR,
        at,
      });
      await this.records.markWarned(check.id, raised.warning.id);
    } catch (error) {
      // The loan left servicing since the check: nothing is left to warn about.
      if (!(error instanceof DomainError && error.code === 'LOAN_NOT_IN_SERVICING')) throw error;
      this.logger.log(`loan ${check.loanId}: ${error.message}`);
    }
  }
}
