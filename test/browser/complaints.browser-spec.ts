import { randomInt } from 'node:crypto';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { TasksWorkersModule } from '@loanflow/tasks';
import {
  deploy,
  fixtureLoanId,
  freshApplicant,
  modelPath,
  stackSuite,
} from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen } from './support/browser';
import { untranslated } from './support/chinese-ui';

/**
 * Complaints, reports of misconduct and key customers in the console, in Chinese: a customer
 * manager records a complaint (a bad one shows its field errors), the center manager reads the
 * figures, anyone files a report and only the auditor sees and handles it, a risk manager lists a
 * key customer. No page shows a key.
 */
describe('complaints, reports and key customers in the console', () => {
  const suite = stackSuite({
    workers: [TasksWorkersModule, ServicingWorkersModule],
    api: true,
  });
  let browser: Browser;
  let loanId: string;

  beforeAll(async () => {
    await deploy(suite.stack.zeebe, modelPath('complaint-handling.bpmn'));
    loanId = fixtureLoanId();
    await suite.stack.registerLoan(loanId, 'SB-HZ-XH');
    browser = await Browser.open(await listen(suite.stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('lets a customer manager record a complaint, and the center manager read the figures', async () => {
    const page = await browser.signIn('li.cm');
    await page.getByRole('link', { name: zh.nav.complaints }).click();
    await page.getByLabel(zh.complaints.loan, { exact: true }).fill(loanId);
    await page
      .getByLabel(zh.complaints.category)
      .selectOption({ label: zh.complaints.categories['collection-conduct'] });
    await page.getByLabel(zh.complaints.text).fill('太短');
    await page.getByRole('button', { name: zh.complaints.submit }).click();
    await page.locator('.field-error[data-field="text"]').waitFor();
    expect(await untranslated(page)).toEqual([]);

    await page
      .getByLabel(zh.complaints.text)
      .fill('客户反映催收电话在夜间十点以后拨打，影响家人休息');
    await page.getByRole('button', { name: zh.complaints.submit }).click();
    await page.getByTestId('complaint-filed').waitFor();
    const list = page.getByTestId('complaint-list');
    await list.getByText(loanId).first().waitFor();
    await expect(list.innerText()).resolves.toContain(
      zh.complaints.categories['collection-conduct'],
    );
    expect(await untranslated(page)).toEqual([]);

    // The loan's dossier lists it, with the way to record another.
    await page.goto(`${browser.baseUrl}/loans/${loanId}`);
    const panel = page.getByTestId('loan-complaints');
    await panel.locator('tbody tr').first().waitFor();
    await expect(panel.innerText()).resolves.toContain(zh.complaints.standings.open);
    await panel.getByRole('link', { name: zh.complaints.file }).click();
    await expect(page.getByLabel(zh.complaints.loan, { exact: true }).inputValue()).resolves.toBe(
      loanId,
    );
    expect(await untranslated(page)).toEqual([]);
    await page.close();

    const manager = await browser.signIn('chen.center');
    await manager.goto(`${browser.baseUrl}/complaints`);
    const figures = manager.getByTestId('complaint-figures');
    await figures.waitFor();
    await expect(figures.innerText()).resolves.toContain(
      zh.complaints.categories['collection-conduct'],
    );
    expect(await untranslated(manager)).toEqual([]);
    await manager.close();
  });

  it('takes a report from anyone and shows it to the auditor only, who records its handling', async () => {
    const page = await browser.signIn('li.cm');
    await page.getByRole('link', { name: zh.nav.reports }).click();
    await page.getByLabel(zh.reports.subject).selectOption('staff');
    await page.getByLabel(zh.reports.staff).fill('zhou.cm');
    await page
      .getByLabel(zh.reports.text)
      .fill('客户经理私下收取客户好处费，并协助客户伪造收入证明材料');
    await page.getByRole('button', { name: zh.reports.submit }).click();
    await page.getByTestId('report-receipt').waitFor();
    await expect(page.getByTestId('report-list').count()).resolves.toBe(0);
    expect(await untranslated(page)).toEqual([]);
    await page.close();

    const auditor = await browser.signIn('jiang.audit');
    await auditor.goto(`${browser.baseUrl}/reports`);
    const list = auditor.getByTestId('report-list');
    await list.waitFor();
    await list.getByRole('button', { name: zh.reports.open }).first().click();
    const detail = auditor.getByTestId('report-detail');
    await detail.waitFor();
    await auditor.getByLabel(zh.reports.status).selectOption('investigating');
    await auditor.getByLabel(zh.reports.note).fill('已调取相关贷款的收入证明原件');
    await auditor.getByRole('button', { name: zh.reports.record }).click();
    await detail.getByText(zh.reports.statuses.investigating).first().waitFor();
    expect(await untranslated(auditor)).toEqual([]);
    await auditor.close();
  });

  it('lets a risk manager list a key customer with the interval of their inspections', async () => {
    const person = freshApplicant();
    // Unique per run: the test database keeps the entries of earlier runs.
    const name = `重点客户${randomInt(100_000, 999_999)}`;
    const page = await browser.signIn('yang.risk');
    await page.getByRole('link', { name: zh.nav.keyCustomers }).click();
    await page.getByLabel(zh.keyCustomers.idNumber).fill(person.idNumber);
    await page.getByLabel(zh.keyCustomers.name).fill(name);
    await page.getByLabel(zh.keyCustomers.reason).fill('授信额度较大，经营收入波动');
    await page.getByRole('button', { name: zh.keyCustomers.submit }).click();
    const list = page.getByTestId('key-customer-list');
    await list.getByText(name).waitFor();
    await expect(list.innerText()).resolves.not.toContain(person.idNumber);
    expect(await untranslated(page)).toEqual([]);
    await page.close();
  });
});
