import { MonitoringWorkersModule } from '@loanflow/monitoring';
import {
  eventually,
  freshApplicant,
  originationSuite,
  ORIGINATION_MODELS,
} from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen, NO_OVERFLOW, reloadUntil, shoot, visible } from './support/browser';
import { untranslated } from './support/chinese-ui';
import { restoreDefinitions } from './support/projection';

/**
 * One loan through the console, each step by its demo user in the browser: zhou.cm takes the
 * application and investigates; zhou.cm, also a reviewer, is refused the review (separation of
 * duties); wang.reviewer reviews, zhao.approver approves; chen.center finds the instance in the
 * monitor and sees the token where the loan waits. Steps depend on each other: one test.
 */
describe('an application through the console', () => {
  const suite = originationSuite(MonitoringWorkersModule);
  let browser: Browser;

  beforeAll(async () => {
    await restoreDefinitions(suite.stack, suite.dataSource, ORIGINATION_MODELS);
    browser = await Browser.open(await listen(suite.stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is applied for, investigated, refused to the investigator as reviewer, reviewed, approved and watched', async () => {
    // Someone with no loans in the bank yet: earlier specs' loans are never this one's exposure.
    const applicant = freshApplicant();
    // 1. The customer manager fills in the application form; a bad ID number is shown on its field.
    const cm = await browser.signIn('zhou.cm');
    await cm.getByRole('navigation').getByRole('link', { name: zh.nav.apply }).click();
    await cm.getByLabel(zh.apply.name, { exact: true }).fill(applicant.name);
    await cm.getByLabel(zh.apply.idNumber, { exact: true }).fill('330106199001011234');
    await cm.getByLabel(zh.apply.birthDate, { exact: true }).fill(applicant.birthDate);
    await cm.getByLabel(zh.apply.phone, { exact: true }).fill(applicant.phone);
    await cm.getByLabel(zh.apply.employer, { exact: true }).fill(applicant.employer);
    await cm.getByLabel(zh.apply.monthlyIncome, { exact: true }).fill('60000.00');
    await cm.getByLabel(zh.apply.monthlyDebtPayments, { exact: true }).fill('1200.00');
    await cm.getByLabel(zh.apply.amount, { exact: true }).fill('50000.00');
    await cm.getByLabel(zh.apply.termMonths, { exact: true }).fill('12');
    await cm
      .getByLabel(zh.apply.purpose, { exact: true })
      .fill('home renovation: contract with 杭州某装饰公司');
    await cm.getByLabel(zh.apply.payeeName, { exact: true }).fill('杭州某装饰工程有限公司');
    await cm.getByLabel(zh.apply.payeeAccount, { exact: true }).fill('6222020200112233445');
    // A scan of each paper a consumer credit loan needs, sent with the application.
    for (const kind of ['id-card', 'income-proof', 'credit-authorization', 'purpose-evidence'])
      await cm.getByTestId(`paper-${kind}`).setInputFiles({
        name: `${kind}.pdf`,
        mimeType: 'application/pdf',
        buffer: Buffer.from(`%PDF-1.4\n% ${kind}\n%%EOF\n`),
      });
    await cm.getByRole('button', { name: zh.apply.submit }).click();
    // Said in Chinese by the rule the server names, never by its English reason or field path.
    await expect(cm.locator('[data-field="applicant.idNumber"]').innerText()).resolves.toContain(
      zh.validation.rules.isResidentIdNumber,
    );
    expect(await shoot(cm, 'application-form')).toEqual(NO_OVERFLOW);
    await cm.getByLabel(zh.apply.idNumber, { exact: true }).fill(applicant.idNumber);
    await cm.getByRole('button', { name: zh.apply.submit }).click();
    const accepted = cm.getByTestId('application-accepted');
    const loanId = (await accepted.getAttribute('data-loan-id'))!;
    expect(loanId).toMatch(/^LN\d{8}-/);
    // The papers sent with the application are in the new loan's file; another can follow.
    const papers = cm.getByTestId('documents');
    await papers.locator('[data-kind="purpose-evidence"]').waitFor();
    await papers.getByLabel(zh.files.kind).selectOption({ label: zh.documents['income-proof'] });
    await papers.getByLabel(zh.files.file).setInputFiles({
      name: '工资流水.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% three months of salary\n%%EOF\n'),
    });
    await papers.getByRole('button', { name: zh.files.upload }).click();
    // Beside the income proof sent with the application: a second one, by its own name.
    await papers.locator('[data-kind="income-proof"]', { hasText: '工资流水.pdf' }).waitFor();
    await expect(papers.locator('[data-kind="income-proof"]').count()).resolves.toBe(2);

    // 2. The investigation reaches the inbox; the form comes from the task's JSON Schema.
    await cm.getByRole('navigation').getByRole('link', { name: zh.nav.inbox }).click();
    const investigationRow = `tr[data-loan="${loanId}"][data-task-type="loanflow:investigation-report"]`;
    await reloadUntil(cm, investigationRow);
    expect(await shoot(cm, 'inbox')).toEqual(NO_OVERFLOW);
    await cm.locator(`${investigationRow} a`).first().click();
    await expect(visible(cm.getByTestId('loan-summary'))).resolves.toBe(true);
    await expect(cm.getByTestId('loan-summary').innerText()).resolves.toContain('¥50,000.00');
    if (await cm.getByRole('button', { name: zh.task.claim }).isVisible())
      await cm.getByRole('button', { name: zh.task.claim }).click();
    await cm.getByLabel(zh.fields.monthlyIncome).fill('60000.00');
    await cm.getByLabel(zh.fields.monthlyDebtPayments).fill('1200.00');
    await cm.getByLabel(zh.fields.opinion).selectOption({ label: zh.enums.recommend });
    // Checked in the browser first: remarks need 10 characters.
    await cm.getByLabel(zh.fields.remarks).fill('short');
    await cm.getByRole('button', { name: zh.task.complete, exact: true }).click();
    await expect(cm.locator('.rjsf .error-detail').first().innerText()).resolves.toMatch(/10/);
    // Checked on the server: a recommendation needs the interview, purpose and income verified.
    await cm.getByLabel(zh.fields.remarks).fill('stable salaried income, purpose verified on site');
    await cm.getByRole('button', { name: zh.task.complete, exact: true }).click();
    await expect(cm.getByTestId('error').getAttribute('data-code')).resolves.toBe(
      'VALIDATION_FAILED',
    );
    await expect(cm.locator('.rjsf .error-detail').first().innerText()).resolves.toContain(
      zh.validation.rules.recommendationNeedsChecks,
    );
    expect(await shoot(cm, 'task-form')).toEqual(NO_OVERFLOW);
    await cm.getByLabel(zh.fields.interviewDone).check();
    await cm.getByLabel(zh.fields.purposeVerified).check();
    await cm.getByLabel(zh.fields.incomeVerified).check();
    await cm.getByRole('button', { name: zh.task.complete, exact: true }).click();
    await cm.waitForURL(/\/inbox$/);

    // 3. zhou.cm is a reviewer too, but investigated this loan: the review is refused with the rule.
    const review = await suite.staff.waitForTask(
      'wang.reviewer',
      loanId,
      'loanflow:review-opinion',
      60_000,
    );
    await cm.goto(`${browser.baseUrl}/tasks/${review.id}`);
    await fillReview(cm);
    if (await cm.getByRole('button', { name: zh.task.claim }).isVisible()) {
      await cm.getByRole('button', { name: zh.task.claim }).click();
      await cm.waitForTimeout(500);
    }
    if ((await cm.getByTestId('error').count()) === 0)
      await cm.getByRole('button', { name: zh.task.complete, exact: true }).click();
    await expect(cm.getByTestId('error').getAttribute('data-code')).resolves.toBe(
      'SEPARATION_OF_DUTIES',
    );
    await expect(cm.getByTestId('error').innerText()).resolves.toContain(
      zh.errors.SEPARATION_OF_DUTIES,
    );
    expect(await shoot(cm, 'task-refused')).toEqual(NO_OVERFLOW);
    if (await cm.getByRole('button', { name: zh.task.unclaim }).isVisible())
      await cm.getByRole('button', { name: zh.task.unclaim }).click();

    // 4. wang.reviewer takes it from the inbox and passes it.
    const reviewer = await browser.signIn('wang.reviewer');
    const reviewRow = `tr[data-loan="${loanId}"][data-task-type="loanflow:review-opinion"]`;
    await reloadUntil(reviewer, reviewRow);
    await reviewer.locator(`${reviewRow} a`).first().click();
    await reviewer.getByRole('button', { name: zh.task.claim }).click();
    await reviewer.getByRole('button', { name: zh.task.unclaim }).waitFor();
    await expect(
      reviewer
        .getByTestId('task-assignee')
        .locator('[data-username]')
        .getAttribute('data-username'),
    ).resolves.toBe('wang.reviewer');
    await fillReview(reviewer);
    await reviewer.getByRole('button', { name: zh.task.complete, exact: true }).click();
    await reviewer.waitForURL(/\/inbox$/);

    // 5. zhao.approver approves within the branch's authority.
    const approver = await browser.signIn('zhao.approver');
    const approvalRow = `tr[data-loan="${loanId}"][data-task-type="loanflow:approval-decision"]`;
    await reloadUntil(approver, approvalRow);
    await approver.locator(`${approvalRow} a`).first().click();
    if (await approver.getByRole('button', { name: zh.task.claim }).isVisible())
      await approver.getByRole('button', { name: zh.task.claim }).click();
    await approver
      .getByRole('combobox', { name: zh.fields.decision })
      .selectOption({ label: zh.enums.approve });
    await approver.getByLabel(zh.fields.amount, { exact: true }).fill('50000.00');
    await approver.getByLabel(zh.fields.termMonths, { exact: true }).fill('12');
    await approver.getByLabel(zh.fields.annualRate, { exact: true }).fill('0.0435');
    await approver.getByLabel(zh.fields.reasons).fill('stable income, low DTI, purpose verified');
    await approver.getByRole('button', { name: zh.task.complete, exact: true }).click();
    await approver.waitForURL(/\/inbox$/);

    // 6. The loan now waits for its contracts; the dossier shows the stage and the audit trail.
    const dossier = await eventually(
      async () =>
        (await suite.staff.get('chen.center', `/api/loans/${loanId}`)).body as {
          stage: string;
          processInstanceKey: string;
        },
      (body) => body.stage === 'contract-signing',
      60_000,
    );
    expect(dossier.stage).toBe('contract-signing');
    await cm.goto(`${browser.baseUrl}/loans/${loanId}`);
    await expect(cm.getByTestId('loan-stage').innerText()).resolves.toBe(
      zh.stages['contract-signing'],
    );
    // Each act by its person's name (the user name stays in the markup).
    const timeline = cm.getByTestId('audit-timeline');
    for (const actor of ['zhou.cm', 'wang.reviewer', 'zhao.approver'])
      await expect(timeline.locator(`[data-username="${actor}"]`).count()).resolves.toBeGreaterThan(
        0,
      );
    expect(await shoot(cm, 'loan-dossier')).toEqual(NO_OVERFLOW);

    // 7. The manager finds the instance and sees the token on the element where it waits.
    const instance = await eventually(
      async () =>
        (
          await suite.staff.get(
            'chen.center',
            `/api/monitor/instances/${dossier.processInstanceKey}`,
          )
        ).body as {
          activeElements?: string[];
          processDefinitionKey: string;
        },
      (body) => (body.activeElements ?? []).some((id) => /contract/i.test(id)),
      60_000,
    );
    const waitsAt = instance.activeElements!.find((id) => /contract/i.test(id))!;
    const manager = await browser.signIn('chen.center');
    await manager.getByRole('navigation').getByRole('link', { name: zh.nav.monitor }).click();
    await manager.getByLabel(zh.monitor.filter.businessKey, { exact: true }).fill(loanId);
    await manager.getByRole('button', { name: zh.common.filter }).first().click();
    const listed = manager.locator(`tr[data-business-key="${loanId}"]`);
    await listed.locator('a').first().waitFor();
    // The row says whose loan it is (a center manager serves customers: the name in full), where
    // it waits by the model's Chinese name, who holds it and its age.
    await expect(listed.getByTestId('instance-borrower').innerText()).resolves.toBe(applicant.name);
    await expect(
      listed.getByTestId('instance-step').locator(`[data-element-id="${waitsAt}"]`).innerText(),
    ).resolves.toBe('签订合同');
    // The contracts are the customer manager's own task: held by them, by name.
    await expect(
      listed
        .getByTestId('instance-assignee')
        .locator('[data-username]')
        .getAttribute('data-username'),
    ).resolves.toBe('zhou.cm');
    await expect(listed.getByTestId('instance-assignee').innerText()).resolves.toMatch(/周/);
    await expect(listed.getByTestId('instance-age').innerText()).resolves.toMatch(
      /^\d+ (小时|天)$/,
    );
    expect(await untranslated(manager)).toEqual([]);
    expect(await shoot(manager, 'monitor')).toEqual(NO_OVERFLOW);
    await listed.locator('a').first().click();
    await manager.locator('[data-testid="diagram"][data-ready="true"]').waitFor();
    const token = manager.locator(`svg g.djs-element.lf-active[data-element-id="${waitsAt}"]`);
    await expect(token.count()).resolves.toBe(1);
    await expect(
      manager.getByTestId('active-elements').locator(`[data-element-id="${waitsAt}"]`).innerText(),
    ).resolves.toBe('签订合同');
    // The diagram's labels are the models' Chinese names, and it opens on the token, in view.
    await expect(token.textContent()).resolves.toContain('签订合同');
    await expect(
      manager.locator('svg g.djs-element[data-element-id="NotifyDecision"]').textContent(),
    ).resolves.toBe('通知客户');
    const diagramBox = (await manager.getByTestId('diagram').boundingBox())!;
    const tokenBox = (await token.boundingBox())!;
    const centre = (box: { x: number; y: number; width: number; height: number }) => ({
      x: box.x + box.width / 2,
      y: box.y + box.height / 2,
    });
    expect(Math.abs(centre(tokenBox).x - centre(diagramBox).x)).toBeLessThan(5);
    expect(Math.abs(centre(tokenBox).y - centre(diagramBox).y)).toBeLessThan(5);
    // + zooms about the token: it stays where it is and grows.
    await manager.getByTestId('diagram').focus();
    await manager.keyboard.press('+');
    const zoomed = (await token.boundingBox())!;
    expect(zoomed.width).toBeGreaterThan(tokenBox.width);
    expect(Math.abs(centre(zoomed).x - centre(tokenBox).x)).toBeLessThan(5);
    // The whole diagram, then back to the token.
    await manager.getByRole('button', { name: zh.monitor.fitDiagram }).click();
    expect((await token.boundingBox())!.width).toBeLessThan(tokenBox.width);
    await manager.getByTestId('zoom-to-token').click();
    expect(Math.abs(centre((await token.boundingBox())!).x - centre(diagramBox).x)).toBeLessThan(5);
    // The path it came by is marked completed.
    await expect(
      manager.locator('svg g.djs-element.lf-completed').count(),
    ).resolves.toBeGreaterThan(3);
    // The history names each step and its kind in Chinese.
    await expect(manager.getByText(zh.elementTypes.USER_TASK).first().isVisible()).resolves.toBe(
      true,
    );
    expect(await untranslated(manager)).toEqual([]);
    expect(await shoot(manager, 'monitor-instance')).toEqual(NO_OVERFLOW);

    // 8. The heatmap of the version counts the token at that element, on the diagram and in the table.
    await manager.goto(`${browser.baseUrl}/monitor/processes/${instance.processDefinitionKey}`);
    await manager.locator('[data-testid="diagram"][data-ready="true"]').waitFor();
    const heat = manager.locator(`.lf-heat[data-element="${waitsAt}"] .a`);
    await expect(heat.innerText().then(Number)).resolves.toBeGreaterThanOrEqual(1);
    const row = manager
      .getByTestId('heatmap')
      .locator('tr', { has: manager.locator(`code:text-is("${waitsAt}")`) });
    await expect(
      row.locator('td').first().innerText().then(Number),
    ).resolves.toBeGreaterThanOrEqual(1);
    expect(await shoot(manager, 'monitor-heatmap')).toEqual(NO_OVERFLOW);
  });
});

/** The reviewer's opinion: pass, with every check done. */
async function fillReview(page: import('playwright-core').Page) {
  await page.getByLabel(zh.fields.outcome).selectOption({ label: zh.enums.pass });
  await page.getByLabel(zh.fields.legalityChecked).check();
  await page.getByLabel(zh.fields.complianceChecked).check();
  await page.getByLabel(zh.fields.transactionAuthentic).check();
  await page.getByLabel(zh.fields.collateralStatusChecked).check();
}
