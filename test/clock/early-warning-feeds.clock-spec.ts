import {
  listSimulatedDishonestDebtor,
  reportToSimulatedBureau,
  simulatedBureauReport,
} from '@loanflow/adapters';
import { addMonthsClamped, beijingDate, formatIsoDate, parseIsoDate } from '@loanflow/domain';
import {
  blindIndex,
  FeedCheckEntity,
  LoanEntity,
  LoanInstallmentEntity,
  RiskWarningEntity,
} from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import {
  deploy,
  disbursedLoan,
  eventually,
  freshApplicant,
  modelPath,
  originationSuite,
} from '../support';

/**
 * 外部预警 on the broker clock: the daily feeds (bpmn/early-warning-feeds.bpmn) refresh a
 * borrower's bureau report 3 months (BUREAU_REFRESH_MONTHS) after the payout. Meanwhile the bureau
 * has learnt of an account 45 days overdue elsewhere and a lower score: the refresh raises an
 * orange warning. The next day the courts list the borrower as a dishonest judgment debtor
 * (失信被执行人): the look-up by blind index raises a red one, which supersedes the orange. The
 * borrower pays four installments ahead, so nothing falls overdue here while the clock moves.
 */
describe('early-warning feeds: a bureau refresh and the dishonest-debtor list raise warnings', () => {
  const suite = originationSuite(ServicingWorkersModule);

  beforeAll(async () => {
    await deploy(suite.stack.zeebe, modelPath('early-warning-feeds.bpmn'));
  });

  const warnings = (loanId: string) =>
    suite.dataSource
      .getRepository(RiskWarningEntity)
      .find({ where: { loanId }, order: { id: 'ASC' } });

  it('refreshes the bureau report on schedule, warns orange on new overdue elsewhere, then red on the court list', async () => {
    const person = freshApplicant();
    const loanId = await disbursedLoan(suite.stack, { applicant: person });
    const installments = await suite.dataSource
      .getRepository(LoanInstallmentEntity)
      .find({ where: { loanId }, order: { number: 'ASC' } });
    const ahead = installments
      .slice(0, 4)
      .reduce((sum, i) => sum + Number(i.principalMinor) + Number(i.interestMinor), 0);
    const paid = await suite.staff.post('lin.collection', `/api/loans/${loanId}/repayments`, {
      amount: (ahead / 100).toFixed(2),
      paidAt: (await suite.stack.clock.now()).toISOString(),
      channel: 'counter',
      idempotencyKey: `feeds-${loanId}`,
    });
    expect(paid.status).toBe(201);

    // What lenders have told the bureau since the loan was granted.
    const origination = simulatedBureauReport(person.idNumber);
    reportToSimulatedBureau(person.idNumber, {
      ...origination,
      score: 690,
      overdueAccounts: 1,
      maxDaysOverdue: 45,
    });

    const loan = await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId });
    const refreshOn = formatIsoDate(
      addMonthsClamped(parseIsoDate(beijingDate(loan.disbursedAt!))!, 3),
    );
    // The day before the refresh is due: the daily run leaves the loan alone.
    const dayBefore = new Date(`${refreshOn}T10:00:00+08:00`).getTime() - 86_400_000;
    await suite.stack.clock.advance(dayBefore - (await suite.stack.clock.now()).getTime());
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(
      await suite.dataSource
        .getRepository(FeedCheckEntity)
        .countBy({ loanId, feed: 'bureau-refresh' }),
    ).toBe(0);

    await suite.stack.clock.advance(86_400_000 + 3_600_000);
    const refresh = await eventually(
      () =>
        suite.dataSource
          .getRepository(FeedCheckEntity)
          .findOneBy({ loanId, feed: 'bureau-refresh' }),
      (row) => row !== null && row.warningId !== null,
      60_000,
    );
    expect(refresh).toMatchObject({ outcome: 'hit', level: 'orange', partyRole: 'applicant' });
    expect(refresh!.reasons).toContain('new overdue elsewhere');
    expect(refresh!.reasons).toContain('A → C');
    // The report is kept encrypted; the plain ID number is nowhere in it.
    const [raw] = await suite.dataSource.query<{ report: unknown }[]>(
      'SELECT report FROM feed_check WHERE id = ?',
      [refresh!.id],
    );
    expect(String(raw.report)).not.toContain('"score"');
    expect(JSON.parse(refresh!.report)).toMatchObject({ score: 690, overdueAccounts: 1 });
    const [orange] = await warnings(loanId);
    expect(orange).toMatchObject({
      id: refresh!.warningId,
      level: 'orange',
      signal: 'bureau-refresh',
      state: 'open',
    });

    // The courts list the borrower; the bank looks people up by blind index only.
    listSimulatedDishonestDebtor({
      idNumberIndex: blindIndex('id-number', person.idNumber),
      court: '杭州市西湖区人民法院',
      caseNumber: `(2026)浙0106执${Date.now() % 100000}号`,
      listedOn: beijingDate(await suite.stack.clock.now()),
    });
    await suite.stack.clock.advance(86_400_000);
    const listing = await eventually(
      () =>
        suite.dataSource
          .getRepository(FeedCheckEntity)
          .findOneBy({ loanId, feed: 'dishonest-list' }),
      (row) => row !== null && row.warningId !== null,
      60_000,
    );
    expect(listing).toMatchObject({ outcome: 'hit', level: 'red', partyRole: 'applicant' });
    const after = await warnings(loanId);
    expect(after.map((w) => [w.level, w.signal, w.state])).toEqual([
      ['orange', 'bureau-refresh', 'superseded'],
      ['red', 'dishonest-debtor', 'open'],
    ]);
    // A red signal is a potential loss: at least special mention.
    expect(
      (await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId }))
        .classification,
    ).toBe('special-mention');

    // Another day's run finds the same listing: no second check, no second warning.
    await suite.stack.clock.advance(86_400_000);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(
      await suite.dataSource
        .getRepository(FeedCheckEntity)
        .countBy({ loanId, feed: 'dishonest-list' }),
    ).toBe(1);
    expect(await warnings(loanId)).toHaveLength(2);

    // The dossier's feed section: the refresh with its figures, the listing with its court.
    const shown = await suite.staff.get('guo.postloan', `/api/loans/${loanId}/feed-checks`);
    expect(shown.status).toBe(200);
    const checks = shown.body as { feed: string; bureau: unknown; listing: unknown }[];
    expect(checks.map((c) => c.feed)).toEqual(['dishonest-list', 'bureau-refresh']);
    expect(checks[1].bureau).toMatchObject({
      score: 690,
      overdueAccounts: 1,
      maxDaysOverdue: 45,
    });
    expect(checks[0].listing).toMatchObject({ court: '杭州市西湖区人民法院' });
    expect(JSON.stringify(shown.body)).not.toContain(person.idNumber);
  });
});
