import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DataSource, In } from 'typeorm';
import { loadConfig } from '@loanflow/config';
import { beijingDate, Money } from '@loanflow/domain';
import { DEMO_PASSWORD, hashPassword } from '@loanflow/identity';
import {
  blindIndex,
  buildDataSourceOptions,
  LoanEntity,
  LoanPartyEntity,
  LoanInstallmentEntity,
  OrgUnitEntity,
  PortfolioSnapshotEntity,
  UserEntity,
  UserRoleEntity,
} from '@loanflow/persistence';
import { TestStack } from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen, NO_OVERFLOW, shoot, visible } from './support/browser';

/**
 * The portfolio dashboard on a small book of its own: a branch created for this run with its
 * center manager, three loans being serviced (normal; 20 days past due, special mention; 121 days
 * past due, substandard), read as of 2026-06-30. The figures are worked out by hand:
 * outstanding 36,000.00; overdue loans 2 (16,000.00: rate 44.44%); non-performing 1 (6,000.00).
 */
describe('portfolio dashboard', () => {
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const BR = `BR-CON-${tag}`;
  const MANAGER = `con.mgr.${tag.toLowerCase()}`;
  const ASOF = '2026-06-30';
  const loan = (name: string) => `CON-${tag}-${name}`;
  const fen = (amount: string) => Money.parse(amount).minorUnits.toString();

  let dataSource: DataSource;
  let stack: TestStack;
  let browser: Browser;

  async function servicedLoan(
    name: string,
    classification: string,
    rows: [string, string, string][],
  ) {
    await dataSource.getRepository(LoanEntity).insert({
      id: loan(name),
      processInstanceKey: null,
      branchCode: BR,
      customerManager: 'li.cm',
      product: 'consumer',
      guaranteeType: 'credit',
      paymentMethod: 'entrusted',
      repaymentMethod: 'equal-principal',
      purpose: 'console dashboard spec',
      requestedAmountMinor: fen('100000.00'),
      requestedTermMonths: 12,
      status: 'disbursed',
      documents: '[]',
      classification,
    });
    // Its borrower: the loans list (where the dashboard's figures lead) lists a loan by its applicant.
    const idNumber = '11010519491231002X';
    await dataSource.getRepository(LoanPartyEntity).insert({
      loanId: loan(name),
      role: 'applicant',
      name: `看板 ${name}`,
      idNumber,
      idNumberIndex: blindIndex('id-number', idNumber),
      birthDate: '1949-12-31',
      phone: '13800138000',
      address: null,
      employer: null,
      monthlyIncomeMinor: fen('10000.00'),
      monthlyDebtMinor: '0',
      relation: null,
      assessmentJson: null,
    });
    let balance = rows.reduce(
      (sum, [, principal]) => sum.plus(Money.parse(principal)),
      Money.zero(),
    );
    await dataSource.getRepository(LoanInstallmentEntity).insert(
      rows.map(([dueDate, principal, interest], index) => {
        balance = balance.minus(Money.parse(principal));
        return {
          loanId: loan(name),
          number: index + 1,
          dueDate,
          paymentMinor: Money.parse(principal).plus(Money.parse(interest)).minorUnits.toString(),
          principalMinor: fen(principal),
          interestMinor: fen(interest),
          balanceMinor: balance.minorUnits.toString(),
          principalPaidMinor: '0',
          interestPaidMinor: '0',
        };
      }),
    );
  }

  beforeAll(async () => {
    dataSource = new DataSource(buildDataSourceOptions(loadConfig().DATABASE_URL));
    await dataSource.initialize();
    // The org unit and its manager before the API starts: it caches the org tree once read.
    await dataSource.getRepository(OrgUnitEntity).insert({
      code: BR,
      name: `Console branch ${tag}`,
      kind: 'branch',
      parentCode: 'HO',
      path: `/HO/${BR}/`,
    });
    const { identifiers } = await dataSource.getRepository(UserEntity).insert({
      username: MANAGER,
      displayName: `Console manager ${tag}`,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      orgUnitCode: BR,
      idNumber: null,
      active: true,
    });
    await dataSource
      .getRepository(UserRoleEntity)
      .insert({ userId: String(identifiers[0].id), role: 'center-manager' });
    await servicedLoan('A', 'normal', [
      ['2026-07-15', '10000.00', '100.00'],
      ['2026-08-15', '10000.00', '50.00'],
    ]);
    await servicedLoan('B', 'special-mention', [
      ['2026-06-10', '5000.00', '60.00'],
      ['2026-07-10', '5000.00', '30.00'],
    ]);
    await servicedLoan('C', 'substandard', [
      ['2026-03-01', '3000.00', '40.00'],
      ['2026-07-01', '3000.00', '20.00'],
    ]);
    stack = await TestStack.open({ api: true });
    // Two days kept at their end by the workers' recorder (its own spec is an integration spec):
    // the day before yesterday and yesterday on the business clock, which the dashboard reads.
    const today = (await stack.clock.now()).getTime();
    for (const [daysAgo, overdueRate, nonPerformingRatio] of [
      [2, '0.4000', '0.1500'],
      [1, '0.4444', '0.1667'],
    ] as const)
      await dataSource.getRepository(PortfolioSnapshotEntity).insert({
        asOf: beijingDate(new Date(today - daysAgo * 86_400_000)),
        orgUnitCode: BR,
        portfolioJson: JSON.stringify({
          loans: 3,
          outstandingBalance: '36000.00',
          overduePrincipal: '8000.00',
          overdueRate,
          nonPerformingBalance: '6000.00',
          nonPerformingRatio,
        }),
        classificationJson: '[]',
        bucketsJson: '[]',
        takenAt: new Date(),
      });
    browser = await Browser.open(await listen(stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    if (dataSource?.isInitialized) {
      const loans = [loan('A'), loan('B'), loan('C')];
      await dataSource.getRepository(LoanInstallmentEntity).delete({ loanId: In(loans) });
      await dataSource.getRepository(LoanPartyEntity).delete({ loanId: In(loans) });
      await dataSource.getRepository(LoanEntity).delete({ id: In(loans) });
      const manager = await dataSource.getRepository(UserEntity).findOneBy({ username: MANAGER });
      if (manager) {
        await dataSource.getRepository(UserRoleEntity).delete({ userId: manager.id });
        await dataSource.getRepository(UserEntity).delete({ id: manager.id });
      }
      await dataSource.getRepository(PortfolioSnapshotEntity).delete({ orgUnitCode: BR });
      await dataSource.getRepository(OrgUnitEntity).delete({ code: BR });
      await dataSource.destroy();
    }
  });

  it('shows the seeded book as charts and tables, as of the date asked', async () => {
    const page = await browser.signIn(MANAGER);
    await page.getByRole('navigation').getByRole('link', { name: zh.nav.dashboard }).click();
    await page.getByLabel(zh.dashboard.asOf, { exact: true }).fill(ASOF);
    await page.getByRole('button', { name: zh.common.filter }).click();
    await page.getByText(`${BR}`).first().waitFor();
    await page.locator('[data-testid="kpi-outstanding"]', { hasText: '36,000.00' }).waitFor();

    const cell = (table: string, row: string, column: string) =>
      page.getByTestId(table).locator(`tr[${row}] [data-col="${column}"]`).innerText();
    // The five-level distribution: one loan in each of the three levels seeded.
    await expect(cell('classification-table', 'data-level="normal"', 'loans')).resolves.toBe('1');
    await expect(
      cell('classification-table', 'data-level="special-mention"', 'loans'),
    ).resolves.toBe('1');
    await expect(cell('classification-table', 'data-level="substandard"', 'loans')).resolves.toBe(
      '1',
    );
    await expect(cell('classification-table', 'data-level="doubtful"', 'loans')).resolves.toBe('0');
    await expect(cell('classification-table', 'data-level="normal"', 'balance')).resolves.toContain(
      '20,000.00',
    );
    // Overdue buckets: 20 days and 121 days past due.
    await expect(cell('buckets-table', 'data-bucket="1-30"', 'loans')).resolves.toBe('1');
    await expect(cell('buckets-table', 'data-bucket="31-90"', 'loans')).resolves.toBe('0');
    await expect(cell('buckets-table', 'data-bucket="91-180"', 'loans')).resolves.toBe('1');
    // Overdue rate and non-performing ratio.
    await expect(page.getByTestId('kpi-loans').innerText()).resolves.toBe('3');
    await expect(
      page.getByTestId('portfolio-table').locator('[data-col="overdueLoans"]').innerText(),
    ).resolves.toBe('2');
    await expect(
      page.getByTestId('portfolio-table').locator('[data-col="nonPerformingLoans"]').innerText(),
    ).resolves.toBe('1');
    await expect(page.getByTestId('kpi-overdue-rate').innerText()).resolves.toBe('44.44%');
    await expect(page.getByTestId('kpi-npl-ratio').innerText()).resolves.toBe('16.67%');
    // Loans by stage: the three being serviced.
    await expect(cell('stages-table', 'data-stage="disbursed"', 'loans')).resolves.toBe('3');
    // The charts are drawn (SVG renderer).
    // The ratios over time: the two days kept, oldest first.
    await expect(
      page.getByTestId('trend-table').locator('tbody tr td.num').allInnerTexts(),
    ).resolves.toEqual(['40.00%', '15.00%', '44.44%', '16.67%']);
    for (const chart of ['chart-classification', 'chart-buckets', 'chart-stages', 'chart-trend'])
      await expect(visible(page.getByTestId(chart).locator('svg'))).resolves.toBe(true);
    expect(await shoot(page, 'dashboard')).toEqual(NO_OVERFLOW);

    // A figure opens the loans behind it: the loans list, filtered to the unit and the figure.
    const loansListed = async () => {
      await page.getByTestId('loan-table').locator('tbody tr').first().waitFor();
      return (await page
        .getByTestId('loan-table')
        .locator('tbody tr[data-loan]')
        .evaluateAll((rows: { getAttribute(name: string): string | null }[]) =>
          rows.map((row) => row.getAttribute('data-loan')),
        )) as string[];
    };
    const openFigure = async (table: string, row: string) => {
      await page.getByTestId(table).locator(`tr[${row}] [data-col="loans"] a`).click();
      await page.waitForURL(/\/loans\?/);
    };
    await openFigure('classification-table', 'data-level="substandard"');
    expect(new URL(page.url()).searchParams.get('classification')).toBe('substandard');
    expect(new URL(page.url()).searchParams.get('branch')).toBe(BR);
    await expect(loansListed()).resolves.toEqual([loan('C')]);
    await page.goBack();
    await page.getByLabel(zh.dashboard.asOf, { exact: true }).fill(ASOF);
    await page.getByRole('button', { name: zh.common.filter }).click();
    await page.locator('[data-testid="kpi-outstanding"]', { hasText: '36,000.00' }).waitFor();
    // An aging bucket: its days past due (counted on the business date, as the list counts them).
    await openFigure('buckets-table', 'data-bucket="91-180"');
    expect(new URL(page.url()).searchParams.get('dpdFrom')).toBe('91');
    expect(new URL(page.url()).searchParams.get('dpdTo')).toBe('180');
    await page.goBack();
    await page.locator('[data-testid="kpi-outstanding"]').waitFor();
    await openFigure('stages-table', 'data-stage="disbursed"');
    expect(new URL(page.url()).searchParams.get('stage')).toBe('disbursed');
    await expect(loansListed().then((ids) => ids.sort())).resolves.toEqual(
      [loan('A'), loan('B'), loan('C')].sort(),
    );
    // A zero is no link: nothing behind it to open.
    await page.goBack();
    await page.locator('[data-testid="kpi-outstanding"]').waitFor();
    await expect(
      page.getByTestId('classification-table').locator('tr[data-level="doubtful"] a').count(),
    ).resolves.toBe(0);
    await page.close();
  });

  it('lists process versions with their instance counts for a process designer', async () => {
    const page = await browser.signIn('deng.designer');
    await page.getByRole('navigation').getByRole('link', { name: zh.nav.models }).click();
    const models = (await stack.staff!.get('deng.designer', '/api/models')).body as {
      processes: { bpmnProcessId: string }[];
    };
    await page.getByTestId('models').waitFor();
    const text = await page.getByTestId('models').innerText();
    for (const process of models.processes) expect(text).toContain(process.bpmnProcessId);
    await expect(visible(page.getByLabel(zh.models.files))).resolves.toBe(true);
    // A model that breaks the bank's rules: checked, its problems listed and marked on its diagram.
    await page
      .getByLabel(zh.models.files)
      .setInputFiles(join(__dirname, '../fixtures/lint/bad-model.bpmn'));
    await page.getByRole('button', { name: zh.models.check, exact: true }).click();
    await page.getByTestId('check-report').locator('table').waitFor();
    await expect(page.getByTestId('check-report').innerText()).resolves.toContain('NoRoleTask');
    const marked = page.locator('svg g.djs-element.lf-incident[data-element-id="NoRoleTask"]');
    await marked.waitFor();
    await expect(visible(marked)).resolves.toBe(true);
    // The keyboard zooms the diagram as the wheel does.
    const viewport = page.getByTestId('diagram').locator('g.viewport').first();
    const before = await viewport.getAttribute('transform');
    await page.getByTestId('diagram').focus();
    await page.keyboard.press('+');
    await expect(viewport.getAttribute('transform')).resolves.not.toBe(before);
    expect(await shoot(page, 'models')).toEqual(NO_OVERFLOW);
    await page.close();
  });
});
