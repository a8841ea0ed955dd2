import {
  BureauReport,
  CreditBureau,
  DishonestDebtorEntry,
  DishonestDebtorList,
} from '@loanflow/adapters';
import { DomainError } from '@loanflow/domain';
import { RiskWarningEntity } from '@loanflow/persistence';
import { RaisedWarning, RaiseWarning } from '../post-loan/risk-warnings.service';
import { EarlyWarningFeeds } from './early-warning-feeds.service';
import {
  Applicant,
  FeedCheck,
  FeedCheckRecords,
  NewFeedCheck,
  ServicedLoan,
  ServicedParty,
} from './feed-check-records';

/** The register as the feeds see it, in memory. */
class FakeRecords extends FeedCheckRecords {
  readonly checks = new Map<string, FeedCheck & { report: object }>();
  loans: ServicedLoan[] = [];
  parties: ServicedParty[] = [];
  readonly applicants = new Map<string, Applicant>();
  readonly originationReports = new Map<string, BureauReport>();

  servicedLoans(): Promise<ServicedLoan[]> {
    return Promise.resolve(this.loans);
  }
  servicedParties(): Promise<ServicedParty[]> {
    return Promise.resolve(this.parties);
  }
  applicant(loanId: string): Promise<Applicant | null> {
    return Promise.resolve(this.applicants.get(loanId) ?? null);
  }
  lastReport(loanId: string): Promise<BureauReport | null> {
    const refreshes = [...this.checks.entries()].filter(
      ([key, check]) => key.startsWith('bureau-refresh:') && check.loanId === loanId,
    );
    const last = refreshes.at(-1);
    return Promise.resolve(
      last ? (last[1].report as BureauReport) : (this.originationReports.get(loanId) ?? null),
    );
  }
  find(dedupeKey: string): Promise<FeedCheck | null> {
    return Promise.resolve(this.checks.get(dedupeKey) ?? null);
  }
  record(check: NewFeedCheck): Promise<FeedCheck> {
    const kept = this.checks.get(check.dedupeKey);
    if (kept) return Promise.resolve(kept);
    const stored = {
      id: String(this.checks.size + 1),
      loanId: check.loanId,
      checkedOn: check.checkedOn,
      outcome: check.outcome,
      level: check.level,
      reasons: check.reasons,
      warningId: null,
      report: check.report,
    };
    this.checks.set(check.dedupeKey, stored);
    return Promise.resolve(stored);
  }
  markWarned(checkId: string, warningId: string): Promise<void> {
    for (const check of this.checks.values()) if (check.id === checkId) check.warningId = warningId;
    return Promise.resolve();
  }
}

/** Raises warnings into a list; a loan named in `settled` has left servicing. */
class FakeWarnings {
  readonly raised: RaiseWarning[] = [];
  readonly settled = new Set<string>();
  raise(request: RaiseWarning): Promise<RaisedWarning> {
    if (this.settled.has(request.loanId))
      return Promise.reject(
        new DomainError('LOAN_NOT_IN_SERVICING', `${request.loanId} is settled`),
      );
    this.raised.push(request);
    const warning = Object.assign(new RiskWarningEntity(), { id: `W${this.raised.length}` });
    return Promise.resolve({ outcome: 'open' as const, warning, superseded: null });
  }
}

const report = (overrides: Partial<BureauReport> = {}): BureauReport => ({
  score: 720,
  overdueAccounts: 0,
  maxDaysOverdue: 0,
  inquiriesLast6Months: 1,
  monthlyDebtPayments: '0.00',
  ...overrides,
});

function feeds(options: { bureau?: BureauReport; listed?: DishonestDebtorEntry[] } = {}) {
  const records = new FakeRecords();
  const warnings = new FakeWarnings();
  const queried: string[] = [];
  const bureau: CreditBureau = {
    source: 'fake-bureau',
    query: (query) => {
      queried.push(query.idNumber);
      return Promise.resolve(options.bureau ?? report());
    },
  };
  const courts: DishonestDebtorList = {
    source: 'fake-courts',
    lookUp: (indexes) =>
      Promise.resolve(
        (options.listed ?? []).filter((entry) => indexes.includes(entry.idNumberIndex)),
      ),
  };
  return {
    records,
    warnings,
    queried,
    service: new EarlyWarningFeeds(records, warnings, bureau, courts),
  };
}

const at = new Date('2027-06-10T01:00:00Z'); // 2027-06-10 in Beijing

describe('the bureau refresh of loans in servicing', () => {
  function withLoan(setup: ReturnType<typeof feeds>, loan: ServicedLoan) {
    setup.records.loans.push(loan);
    setup.records.applicants.set(loan.id, {
      partyId: `P-${loan.id}`,
      idNumber: `ID-${loan.id}`,
      name: '王小明',
    });
  }

  it('refreshes only the loans whose last report is a period old', async () => {
    const setup = feeds();
    withLoan(setup, { id: 'LN-DUE', disbursedOn: '2026-12-10', lastRefreshOn: null });
    withLoan(setup, { id: 'LN-FRESH', disbursedOn: '2027-01-05', lastRefreshOn: null });
    withLoan(setup, { id: 'LN-REFRESHED', disbursedOn: '2026-06-01', lastRefreshOn: '2027-03-01' });
    const run = await setup.service.refreshBureau(at, 6);
    expect(run).toEqual({ checked: 1, hits: 0 });
    expect(setup.queried).toEqual(['ID-LN-DUE']);
  });

  it('warns once on new overdue elsewhere, even when the job comes twice', async () => {
    const setup = feeds({ bureau: report({ overdueAccounts: 2, maxDaysOverdue: 45 }) });
    withLoan(setup, { id: 'LN-1', disbursedOn: '2026-12-01', lastRefreshOn: null });
    setup.records.originationReports.set('LN-1', report());
    expect(await setup.service.refreshBureau(at, 6)).toEqual({ checked: 1, hits: 1 });
    expect(await setup.service.refreshBureau(at, 6)).toEqual({ checked: 1, hits: 1 });
    expect(setup.queried).toHaveLength(1);
    expect(setup.warnings.raised).toHaveLength(1);
    expect(setup.warnings.raised[0]).toMatchObject({
      loanId: 'LN-1',
      level: 'orange',
      signal: 'bureau-refresh',
    });
    expect([...setup.records.checks.values()][0]?.warningId).toBe('W1');
  });

  it('keeps the first report of a loan without one from origination as its baseline, with no warning', async () => {
    const setup = feeds({ bureau: report({ overdueAccounts: 3, maxDaysOverdue: 120 }) });
    withLoan(setup, { id: 'LN-1', disbursedOn: '2026-12-01', lastRefreshOn: null });
    expect(await setup.service.refreshBureau(at, 6)).toEqual({ checked: 1, hits: 0 });
    const [check] = setup.records.checks.values();
    expect(check).toMatchObject({
      outcome: 'clear',
      reasons: 'baseline: no earlier report on file',
    });
    expect(setup.warnings.raised).toEqual([]);
  });

  it('records the check but raises nothing on a loan that left servicing meanwhile', async () => {
    const setup = feeds({ bureau: report({ score: 420 }) });
    withLoan(setup, { id: 'LN-1', disbursedOn: '2026-12-01', lastRefreshOn: null });
    setup.records.originationReports.set('LN-1', report({ score: 780 }));
    setup.warnings.settled.add('LN-1');
    await setup.service.refreshBureau(at, 6);
    const [check] = setup.records.checks.values();
    expect(check).toMatchObject({ outcome: 'hit', warningId: null });
    expect(setup.warnings.raised).toEqual([]);
  });

  it('skips a loan with no borrower on file', async () => {
    const setup = feeds();
    setup.records.loans.push({ id: 'LN-ORPHAN', disbursedOn: '2026-12-01', lastRefreshOn: null });
    expect(await setup.service.refreshBureau(at, 6)).toEqual({ checked: 1, hits: 0 });
    expect(setup.queried).toEqual([]);
  });
});

describe('the dishonest-debtor list', () => {
  const listing = (
    idNumberIndex: string,
    caseNumber = '(2027)浙0106执1号',
  ): DishonestDebtorEntry => ({
    idNumberIndex,
    court: '杭州市西湖区人民法院',
    caseNumber,
    listedOn: '2027-05-20',
  });

  it('warns red for a listed borrower and orange for a listed guarantor, once per case', async () => {
    const setup = feeds({ listed: [listing('IDX-B'), listing('IDX-G')] });
    setup.records.parties = [
      { id: '1', loanId: 'LN-1', role: 'applicant', idNumberIndex: 'IDX-B' },
      { id: '2', loanId: 'LN-1', role: 'guarantor', idNumberIndex: 'IDX-G' },
      { id: '3', loanId: 'LN-2', role: 'applicant', idNumberIndex: 'IDX-CLEAN' },
    ];
    expect(await setup.service.checkDishonestList(at)).toEqual({ checked: 3, hits: 2 });
    expect(setup.warnings.raised.map((w) => [w.loanId, w.level, w.signal])).toEqual([
      ['LN-1', 'red', 'dishonest-debtor'],
      ['LN-1', 'orange', 'dishonest-debtor'],
    ]);
    // The next day's run finds the same cases already warned about.
    expect(await setup.service.checkDishonestList(at)).toEqual({ checked: 3, hits: 0 });
    expect(setup.warnings.raised).toHaveLength(2);
  });

  it('warns again for a new case of a person already listed', async () => {
    const setup = feeds({ listed: [listing('IDX-B')] });
    setup.records.parties = [
      { id: '1', loanId: 'LN-1', role: 'applicant', idNumberIndex: 'IDX-B' },
    ];
    await setup.service.checkDishonestList(at);
    // The same register, with a second case of the same person on the list.
    const service = new EarlyWarningFeeds(
      setup.records,
      setup.warnings,
      { source: 'fake-bureau', query: () => Promise.resolve(report()) },
      {
        source: 'fake-courts',
        lookUp: () => Promise.resolve([listing('IDX-B', '(2027)浙0106执2号')]),
      },
    );
    expect(await service.checkDishonestList(at)).toEqual({ checked: 1, hits: 1 });
    expect(setup.warnings.raised).toHaveLength(2);
  });
});
