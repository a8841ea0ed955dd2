import { MonitoringWorkersModule } from '@loanflow/monitoring';
import {
  applyAs,
  creditApplication,
  deploy,
  eventually,
  fixturePath,
  FORM,
  originationSuite,
  uniqueKey,
} from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen, reloadUntil } from './support/browser';
import { untranslated } from './support/chinese-ui';

const PROCESS = 'test-operations-incident';
const JOB_TYPE = 'test.operations-call';

/**
 * Operating running instances in the console: a designer dry-runs and requests moving a loan's
 * approval back to investigation, the center manager approves it; a designer retries two
 * incidents in one batch and sees one result per incident. In Chinese.
 */
describe('operating running instances in the console', () => {
  const suite = originationSuite(MonitoringWorkersModule);
  let browser: Browser;

  beforeAll(async () => {
    await deploy(suite.stack.zeebe, fixturePath('operations-incident.bpmn'));
    browser = await Browser.open(await listen(suite.stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('dry-runs and requests a move back, and a second person applies it', async () => {
    const staff = suite.staff;
    const applied = await applyAs(staff, creditApplication({ amount: '12000.00', termMonths: 12 }));
    await applied.desk.throughReview();
    await staff.waitForTask('zhao.approver', applied.loanId, FORM.approval);
    await eventually(
      () => staff.instance('deng.designer', applied.processInstanceKey),
      (instance) => instance.activeElements.includes('Approve'),
      90_000,
    );
    const designer = await browser.signIn('deng.designer');
    await designer.goto(`${browser.baseUrl}/monitor/instances/${applied.processInstanceKey}`);
    const section = designer.getByTestId('instance-modification');
    await section.waitFor();
    await designer.getByTestId('modify-from').selectOption('Approve');
    // Past the approval the instance has not given: refused, each reason in Chinese with its steps.
    await designer.getByTestId('modify-to').selectOption('SignContracts');
    await designer.getByTestId('modify-preview').click();
    const refused = designer.getByTestId('modify-problems');
    await refused.waitFor();
    expect(
      await refused
        .locator('li')
        .evaluateAll((items: { dataset: Record<string, string | undefined> }[]) =>
          items.map((li) => li.dataset.rule),
        ),
    ).toEqual(['skipsControl', 'dropsControl']);
    const why = await refused.innerText();
    expect(why).toContain('签订合同');
    expect(why).toContain('贷款审批');
    expect(why).not.toMatch(/would skip|drops a control/);
    expect(await untranslated(designer)).toEqual([]);

    await designer.getByTestId('modify-to').selectOption('Investigate');
    await designer.getByTestId('modify-preview').click();
    const plan = designer.getByTestId('modify-plan');
    await plan.waitFor();
    expect(await designer.getByTestId('modify-problems').count()).toBe(0);
    expect(await designer.getByTestId('modify-after').innerText()).toContain('贷前调查');
    // The investigation is a control done again: said so in Chinese, not in the api's English.
    const checks = await designer.getByTestId('modify-checks').innerText();
    expect(checks).toContain('贷前调查');
    expect(checks).toContain('重新办理');
    expect(checks).not.toMatch(/done again|passed before/);
    expect(await untranslated(designer)).toEqual([]);
    await designer.getByTestId('modify-reason').fill('收入证明存疑，退回重新调查');
    await designer.getByTestId('modify-request').click();
    await designer.locator('[data-testid="modifications"] tr[data-status="pending"]').waitFor();
    expect(await section.innerText()).toContain(zh.monitor.modify.waitingForSecond);

    const manager = await browser.signIn('chen.center');
    await manager.goto(`${browser.baseUrl}/monitor/instances/${applied.processInstanceKey}`);
    const mine = manager
      .locator('[data-testid="modifications"] tr')
      .filter({ hasText: '收入证明存疑，退回重新调查' });
    await mine.getByTestId('modify-approve').click();
    await manager
      .locator('[data-testid="modifications"] tr[data-status="applied"]')
      .filter({ hasText: '收入证明存疑，退回重新调查' })
      .waitFor();
    await staff.waitForTask('li.cm', applied.loanId, FORM.investigation);
    await reloadUntil(manager, `[data-testid="active-elements"] [data-element-id="Investigate"]`);
    expect(await untranslated(manager)).toEqual([]);
  });

  it('retries two incidents in one batch, one result per incident', async () => {
    const tag = uniqueKey('核心系统超时');
    const keys: string[] = [];
    for (let n = 0; n < 2; n++) {
      const businessKey = uniqueKey('OPSB');
      await suite.stack.registerLoan(businessKey, 'BR-HZ');
      const created = await suite.stack.zeebe.createProcessInstance({
        bpmnProcessId: PROCESS,
        variables: { businessKey, loanId: businessKey },
      });
      const key = String(created.processInstanceKey);
      for (let attempt = 0; attempt < 50 && !keys.includes(key); attempt++) {
        const jobs = await suite.stack.zeebe.activateJobs({
          type: JOB_TYPE,
          worker: 'operations-browser-spec',
          timeout: 30_000,
          maxJobsToActivate: 10,
          requestTimeout: 1000,
        });
        for (const job of jobs) {
          const mine = String(job.processInstanceKey) === key;
          await suite.stack.zeebe.failJob({
            jobKey: job.key,
            errorMessage: mine ? `${tag} #${n}` : 'not mine',
            retries: mine ? 0 : job.retries,
            retryBackOff: 0,
          });
          if (mine) keys.push(key);
        }
      }
    }
    expect(keys).toHaveLength(2);
    const page = await browser.signIn('deng.designer');
    await page.goto(`${browser.baseUrl}/monitor`);
    await page.getByTestId('incident-text').fill(tag);
    await reloadUntilRows(page, 2);
    await page.getByTestId('select-all-incidents').check();
    await page.getByTestId('batch-reason').fill('核心系统已恢复，批量重试');
    await page.getByTestId('batch-retry').click();
    const result = page.getByTestId('batch-result');
    await result.waitFor();
    expect(await result.getAttribute('data-status')).toBe('done');
    expect(await result.locator('tr[data-result="ok"]').count()).toBe(2);
    expect(await result.innerText()).toContain(zh.monitor.batch.results.ok);
    expect(await untranslated(page)).toEqual([]);

    async function reloadUntilRows(target: typeof page, count: number) {
      for (let attempt = 0; attempt < 60; attempt++) {
        const rows = await target.locator('[data-testid="incidents"] tbody tr').count();
        if (rows === count) return;
        await target.waitForTimeout(500);
        await target.getByTestId('incident-text').fill(`${tag} `);
        await target.getByTestId('incident-text').fill(tag);
      }
      throw new Error(`the incident list did not show ${count} rows for ${tag}`);
    }
  });
});
