import { randomInt } from 'node:crypto';
import { creditApplication, freshApplicant } from '@loanflow/origination';
import { applyAs, originationSuite } from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen } from './support/browser';
import { NO_DEVICE_OVERFLOW, shootDevices, untranslated } from './support/chinese-ui';

/**
 * The inbox as staff work it: search by borrower, the decision notice deadline on origination
 * tasks, their age, my tasks and the group's pool, a claim from the list, and a word after a task
 * is completed.
 */
describe('the inbox', () => {
  const suite = originationSuite();
  let browser: Browser;
  const name = `收件${randomInt(100_000, 999_999)}`;
  let loanId: string;

  beforeAll(async () => {
    ({ loanId } = await applyAs(
      suite.staff,
      creditApplication({
        amount: '50000.00',
        termMonths: 12,
        applicant: freshApplicant({ name }),
      }),
    ));
    await suite.staff.waitForTask('li.cm', loanId, 'loanflow:investigation-report');
    browser = await Browser.open(await listen(suite.stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
  });

  const search = async (page: import('playwright-core').Page, borrower: string) => {
    await page.getByLabel(zh.inbox.borrower).fill(borrower);
    await page.getByRole('button', { name: zh.common.filter }).click();
  };

  it('finds the investigation by the borrower, with its notice deadline and age, and says when it is done', async () => {
    const page = await browser.signIn('li.cm');
    await search(page, name);
    const row = page.locator(
      `tr[data-loan="${loanId}"][data-task-type="loanflow:investigation-report"]`,
    );
    await row.waitFor();
    await expect(page.locator('tr[data-loan]').count()).resolves.toBe(1);
    const deadline = await row.locator('[data-name="deadline"]').innerText();
    expect(deadline).toContain(zh.inbox.noticeDeadline);
    expect(deadline).toMatch(/\d{4}年/);
    await expect(row.locator('[data-name="age"]').innerText()).resolves.toMatch(/小时|天/);
    expect(await untranslated(page)).toEqual([]);
    expect(await shootDevices(page, 'inbox-search')).toEqual(NO_DEVICE_OVERFLOW);

    if (await row.getByRole('button', { name: zh.inbox.claim }).isVisible()) {
      await row.getByRole('button', { name: zh.inbox.claim }).click();
      await page.getByTestId('task-claimed').waitFor();
    }
    await row.getByRole('link').first().click();
    await page.getByTestId('task-deadline').waitFor();
    await expect(page.getByTestId('task-deadline').innerText()).resolves.toContain(
      zh.inbox.noticeDeadline,
    );
    await page.getByLabel(zh.fields.monthlyIncome).fill('60000.00');
    await page.getByLabel(zh.fields.monthlyDebtPayments).fill('1200.00');
    await page.getByLabel(zh.fields.opinion).selectOption({ label: zh.enums.recommend });
    await page
      .getByLabel(zh.fields.remarks)
      .fill('stable salaried income, purpose verified on site');
    await page.getByLabel(zh.fields.interviewDone).check();
    await page.getByLabel(zh.fields.purposeVerified).check();
    await page.getByLabel(zh.fields.incomeVerified).check();
    await page.getByRole('button', { name: zh.task.complete, exact: true }).click();
    await page.waitForURL(/\/inbox$/);
    await expect(page.getByTestId('task-done').innerText()).resolves.toContain(
      zh.taskTypes['investigation-report'],
    );
    await page.close();
  });

  it('shows the review in the reviewers’ pool, claimed from the list into my tasks', async () => {
    await suite.staff.waitForTask('wang.reviewer', loanId, 'loanflow:review-opinion');
    const page = await browser.signIn('wang.reviewer');
    await search(page, name);
    const row = page.locator(`tr[data-loan="${loanId}"][data-task-type="loanflow:review-opinion"]`);
    await row.waitFor();
    await page.locator('[data-view="pool"]').click();
    await row.waitFor();
    await row.getByRole('button', { name: zh.inbox.claim }).click();
    await page.getByTestId('task-claimed').waitFor();
    await page.locator('[data-view="mine"]').click();
    await expect(row.count()).resolves.toBe(1);
    await expect(row.locator('[data-label="处理人"]').innerText()).resolves.not.toContain(
      zh.inbox.claim,
    );
    await page.locator('[data-view="pool"]').click();
    await expect(row.count()).resolves.toBe(0);
    await page.close();
  });
});
