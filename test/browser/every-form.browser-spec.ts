import { readFileSync } from 'node:fs';
import { TasksWorkersModule } from '@loanflow/tasks';
import { FORMS } from '../../libs/tasks/src/forms/form-registry';
import { fixturePath, loanVariables, stackSuite } from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen } from './support/browser';
import { NO_DEVICE_OVERFLOW, shootDevices, untranslated } from './support/chinese-ui';

const FIXTURE = fixturePath('every-form.bpmn');

/**
 * Every form a model can name, drawn by the console from the schema the api returns: one loan
 * whose process opens one task per form at once (test/fixtures/every-form.bpmn), each task page
 * visited by chen.center (a center manager above the loan's sub-branch) in Chinese. Each must
 * draw its form with no page error and no error screen, show no untranslated key, and fit a phone.
 */
describe('every task form in the console', () => {
  const suite = stackSuite({ models: [FIXTURE], workers: [TasksWorkersModule], api: true });
  let browser: Browser;
  let loanId: string;
  let processInstanceKey: string | undefined;
  let page: import('playwright-core').Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const variables = loanVariables();
    loanId = variables.businessKey;
    await suite.stack.registerLoan(loanId, variables.loan.branchCode, variables.loan);
    const instance = await suite.stack.zeebe.createProcessInstance({
      bpmnProcessId: 'test-every-form',
      variables,
    });
    processInstanceKey = String(instance.processInstanceKey);
    browser = await Browser.open(await listen(suite.stack.api!));
    page = await browser.signIn('chen.center');
    page.on('pageerror', (error) => errors.push(error.message));
  });

  suite.beforeClose(async () => {
    await browser?.close();
    // Its 21 tasks leave every inbox (the engine cancels their jobs), not to weigh on other specs.
    if (processInstanceKey)
      await suite.stack.zeebe.cancelProcessInstance(processInstanceKey).catch(() => undefined);
  });

  it('has one task in the fixture for every form the inbox knows', () => {
    const inFixture = [...readFileSync(FIXTURE, 'utf8').matchAll(/formKey="([^"]+)"/g)].map(
      (match) => match[1],
    );
    expect(inFixture.sort()).toEqual([...FORMS.keys()].sort());
  });

  it.each([...FORMS.keys()])(
    'draws %s in Chinese, without a page error, on a phone too',
    async (key) => {
      const task = await suite.staff.waitForTask('chen.center', loanId, key);
      const page = await browser.signIn('chen.center');
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${browser.baseUrl}/tasks/${task.id}`);
      const form = page.locator('form.rjsf');
      await form.waitFor();
      await expect(page.getByTestId('error-screen').count()).resolves.toBe(0);
      // Every field has a label from the schema, none a key.
      const labels = await form.locator('label, legend').allInnerTexts();
      expect(labels.length).toBeGreaterThan(0);
      expect(await untranslated(page)).toEqual([]);
      await expect(
        page.getByRole('button', { name: zh.task.complete, exact: true }).count(),
      ).resolves.toBe(1);
      const name = `form-${key.replace('loanflow:', '')}`;
      expect(await shootDevices(page, name)).toEqual(NO_DEVICE_OVERFLOW);
      // On a phone the form takes the screen's width (it was squeezed to ~100 px beside the summary).
      await page.setViewportSize({ width: 390, height: 844 });
      const width = (await form.boundingBox())?.width ?? 0;
      expect(width).toBeGreaterThan(300);
      expect(errors).toEqual([]);
      await page.close();
    },
  );
});
