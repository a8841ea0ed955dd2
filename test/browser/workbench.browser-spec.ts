import { randomInt } from 'node:crypto';
import {
  creditApplication,
  freshApplicant,
  contractsFor,
  FORM,
  GUARANTOR,
  guarantorApplication,
} from '@loanflow/origination';
import { applyAs, LoanDesk, originationSuite } from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen, NO_OVERFLOW, shoot } from './support/browser';
import { NO_DEVICE_OVERFLOW, shootDevices, untranslated } from './support/chinese-ui';

/**
 * The decision workbench: the approver decides beside the scorecard with its factors, the
 * investigation (with the debt-to-income the investigator verified), the review, the guarantors
 * and the notice deadline, on a form that starts from the request; the disbursement supervisor
 * sees each condition ticked or crossed as the system read it.
 */
describe('the decision workbench', () => {
  const suite = originationSuite();
  let browser: Browser;
  const name = `依据${randomInt(100_000, 999_999)}`;
  let loanId: string;

  beforeAll(async () => {
    const applied = await applyAs(
      suite.staff,
      guarantorApplication({
        amount: '100000.00',
        termMonths: 12,
        applicant: freshApplicant({ name }),
      }),
    );
    loanId = applied.loanId;
    await applied.desk.throughReview();
    browser = await Browser.open(await listen(suite.stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the approver the evidence beside a form prefilled from the request, then the supervisor the conditions', async () => {
    const approval = await suite.staff.waitForTask('zhao.approver', loanId, FORM.approval);
    const page = await browser.signIn('zhao.approver');
    await page.goto(`${browser.baseUrl}/tasks/${approval.id}`);
    const workbench = page.getByTestId('workbench');
    await workbench.waitFor();
    await expect(page.getByTestId('workbench-deadline').innerText()).resolves.toMatch(/\d{4}年/);
    await expect(page.getByTestId('workbench-grade').innerText()).resolves.toMatch(
      /风险等级 [A-D]/,
    );
    await expect(page.locator('[data-testid="workbench-factors"] tbody tr').count()).resolves.toBe(
      7,
    );
    await expect(page.locator('[data-factor="bureau-score"]').innerText()).resolves.toContain(
      zh.workbench.factors['bureau-score'],
    );
    await expect(
      page.locator('[data-testid="workbench-investigation"] [data-name="opinion"] dd').innerText(),
    ).resolves.toBe(zh.values.recommend);
    await expect(
      page.locator('[data-testid="workbench-investigation"] [data-name="dti"] dd').innerText(),
    ).resolves.toMatch(/%$/);
    await expect(
      page.locator('[data-testid="workbench-review"] [data-name="outcome"] dd').innerText(),
    ).resolves.toBe(zh.values.pass);
    await expect(page.getByTestId('workbench-guarantors').innerText()).resolves.toContain(
      GUARANTOR.name,
    );
    // The form starts from the request: approve, the amount and term asked.
    await expect(page.locator('#root_amount').inputValue()).resolves.toBe('100000.00');
    await expect(page.locator('#root_termMonths').inputValue()).resolves.toBe('12');
    expect(await untranslated(page)).toEqual([]);
    expect(await shoot(page, 'workbench-approval')).toEqual(NO_OVERFLOW);
    expect(await shootDevices(page, 'workbench-approval')).toEqual(NO_DEVICE_OVERFLOW);
    await page.locator('#root_annualRate').fill('0.12');
    await page.locator('#root_reasons').fill('clean record, income verified, guarantor solid');
    await page.getByRole('button', { name: zh.task.complete, exact: true }).click();
    await page.waitForURL(/\/inbox$/);
    await page.getByTestId('task-done').waitFor();
    await page.close();

    const contracts = await suite.staff.waitForTask('li.cm', loanId, FORM.contracts);
    // The signed contract scanned into the file: a condition the system reads.
    await new LoanDesk(suite.staff, loanId).upload('li.cm', 'contract');
    const signed = await suite.staff.post('li.cm', `/api/tasks/${contracts.id}/complete`, {
      answer: contractsFor(loanId, [GUARANTOR.idNumber]),
    });
    expect(signed.status).toBe(200);
    const check = await suite.staff.waitForTask(
      'hu.supervisor',
      loanId,
      FORM.disbursementCheck,
      60_000,
    );
    const supervisor = await browser.signIn('hu.supervisor');
    await supervisor.goto(`${browser.baseUrl}/tasks/${check.id}`);
    const checklist = supervisor.getByTestId('disbursement-checklist');
    await checklist.waitFor();
    const lines = await checklist
      .locator('li')
      .evaluateAll((items: { getAttribute(name: string): string | null }[]) =>
        items.map((item) => [item.getAttribute('data-check'), item.getAttribute('data-met')]),
      );
    expect(lines).toEqual([
      ['loan-contract', 'true'],
      ['signed-contract-on-file', 'true'],
      ['guarantee-contracts', 'true'],
      ['payment-method', 'true'],
    ]);
    await expect(checklist.innerText()).resolves.toContain(zh.workbench.checks['loan-contract']);
    expect(await untranslated(supervisor)).toEqual([]);
    await supervisor.close();
  });

  it('offers the approver refer-up (报上级审批) when the terms exceed their authority, and the next level decides on the proposal', async () => {
    const applied = await applyAs(suite.staff, creditApplication());
    await applied.desk.throughReview();
    const approval = await suite.staff.waitForTask(
      'zhao.approver',
      applied.loanId,
      FORM.approval,
      60_000,
    );
    const page = await browser.signIn('zhao.approver');
    await page.goto(`${browser.baseUrl}/tasks/${approval.id}`);
    await page.getByTestId('workbench').waitFor();
    await page.getByRole('button', { name: zh.task.claim }).click();
    await page.getByRole('button', { name: zh.task.unclaim }).waitFor();
    // More than asked, as a counter-offer: within the bank's bounds, above zhao's own authority.
    await page.locator('#root_amount').fill('320000.00');
    await page.locator('#root_annualRate').fill('0.0435');
    await page.locator('#root_counterOffer').check();
    await page.locator('#root_reasons').fill('超出本人审批权限的反要约，报中心负责人审批');
    // No refer-up offered before the refusal.
    await expect(page.getByTestId('refer-up').count()).resolves.toBe(0);
    await page.getByRole('button', { name: zh.task.complete, exact: true }).click();
    await expect(page.getByTestId('error').getAttribute('data-code')).resolves.toBe(
      'ABOVE_AUTHORITY',
    );
    const referUp = page.getByTestId('refer-up');
    await referUp.waitFor();
    await expect(referUp.innerText()).resolves.toContain(zh.levels.center);
    expect(await untranslated(page)).toEqual([]);
    expect(await shoot(page, 'approval-refer-up')).toEqual(NO_OVERFLOW);
    await referUp.getByRole('button', { name: zh.task.referUp }).click();
    await page.waitForURL(/\/inbox$/);
    await page.getByTestId('task-done').waitFor();
    await page.close();

    // The center head: the lower level's refer-up beside a form that starts from its proposal.
    const centerTask = await suite.staff.waitForTask(
      'chen.center',
      applied.loanId,
      FORM.approval,
      60_000,
    );
    const center = await browser.signIn('chen.center');
    await center.goto(`${browser.baseUrl}/tasks/${centerTask.id}`);
    const earlier = center.getByTestId('workbench-approval');
    await earlier.waitFor();
    await expect(earlier.innerText()).resolves.toContain(zh.values['refer-up']);
    await expect(earlier.locator('[data-username="zhao.approver"]').count()).resolves.toBe(1);
    await expect(center.locator('#root_amount').inputValue()).resolves.toBe('320000.00');
    await expect(center.locator('#root_counterOffer').isChecked()).resolves.toBe(true);
    // A delegate is chosen among colleagues by name, not typed from memory.
    await expect(
      center
        .getByTestId('delegate-colleagues')
        .locator('option[value="wang.reviewer"]')
        .textContent(),
    ).resolves.toMatch(/王/);
    await center.getByRole('button', { name: zh.task.claim }).click();
    await center.getByRole('button', { name: zh.task.unclaim }).waitFor();
    await center.locator('#root_reasons').fill('中心负责人权限内，同意反要约');
    await center.getByRole('button', { name: zh.task.complete, exact: true }).click();
    await center.waitForURL(/\/inbox$/);
    // Approved at the center on the proposal: the applicant is asked to accept the counter-offer.
    const dossier = await suite.staff.loan('chen.center', applied.loanId);
    expect(dossier.decisions.map((d) => d.actor)).toEqual(
      expect.arrayContaining(['zhao.approver', 'chen.center']),
    );
    await center.close();
  });
});
