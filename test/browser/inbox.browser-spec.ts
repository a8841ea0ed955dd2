import { randomInt } from 'node:crypto';
import { Page } from 'playwright-core';
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
    // Another borrower's task in the same inbox, so that the unfiltered list is not the filtered one.
    const other = await applyAs(suite.staff, creditApplication({ applicant: freshApplicant() }));
    await suite.staff.waitForTask('li.cm', other.loanId, 'loanflow:investigation-report');
    browser = await Browser.open(await listen(suite.stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
  });

  const isTaskList = (url: string, borrower: string | null) => {
    const { pathname, searchParams } = new URL(url);
    return pathname === '/api/tasks' && searchParams.get('borrower') === borrower;
  };

  /** Filters by the borrower and waits until the list shown is the answer to that filter. */
  const search = async (page: Page, borrower: string) => {
    await page.getByLabel(zh.inbox.borrower).fill(borrower);
    const answered = page.waitForResponse((response) => isTaskList(response.url(), borrower));
    await page.getByRole('button', { name: zh.common.filter }).click();
    await answered;
    await page.getByTestId('inbox-loading').waitFor({ state: 'detached' });
  };

  it('keeps the filtered list when the unfiltered first load answers after it', async () => {
    const page = await browser.page();
    let releaseFirstLoad = () => {};
    const firstLoadHeld = new Promise<void>((resolve) => (releaseFirstLoad = resolve));
    await page.route(
      (url) => isTaskList(url.href, null),
      async (route) => {
        await firstLoadHeld;
        await route.continue();
      },
    );
    await browser.signIn('li.cm', page);
    await search(page, name);
    await expect(page.locator('tr[data-loan]').count()).resolves.toBe(1);

    const lateAnswer = page.waitForResponse((response) => isTaskList(response.url(), null));
    releaseFirstLoad();
    await lateAnswer;
    await page.evaluate(() => new Promise((settled) => setTimeout(settled, 500)));
    await expect(page.locator('tr[data-loan]').count()).resolves.toBe(1);
    await expect(page.locator(`tr[data-loan="${loanId}"]`).count()).resolves.toBe(1);
    await page.close();
  });

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
