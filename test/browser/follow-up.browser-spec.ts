import { ServicingWorkersModule } from '@loanflow/servicing';
import { disbursedLoan, eventually, originationSuite } from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen } from './support/browser';
import { untranslated } from './support/chinese-ui';

/**
 * 贷后回访 in the Chinese console: the customer manager sees the follow-up in the inbox with its
 * deadline, opens its form with what it is about beside it, and the dossier shows what it found
 * and the warning it raised, in words and without a key.
 */
describe('the follow-up after disbursement in the console', () => {
  const suite = originationSuite(ServicingWorkersModule);
  let browser: Browser;
  let loanId: string;

  beforeAll(async () => {
    loanId = await disbursedLoan(suite.stack);
    browser = await Browser.open(await listen(suite.stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the follow-up task and, once done, its findings and warning in the dossier', async () => {
    const task = await suite.staff.waitForTask('li.cm', loanId, 'loanflow:follow-up');
    const page = await browser.signIn('li.cm');
    await page.goto(`${browser.baseUrl}/tasks/${task.id}`);
    await page.getByRole('button', { name: zh.task.complete, exact: true }).waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain(zh.taskTypes['follow-up']);
    expect(text).toContain('资金用途核查');
    expect(text).toContain(zh.contextNames.followUp);
    expect(await untranslated(page)).toEqual([]);

    const done = await suite.staff.post('li.cm', `/api/tasks/${task.id}/complete`, {
      answer: {
        useOfFunds: 'inconsistent',
        fundsNotes: 'the decorator never received the money; it went to a securities account',
        contactConfirmed: true,
        findings: 'loan used to buy shares instead of the renovation stated on the application',
      },
    });
    expect(done.status).toBe(200);
    await eventually(
      async () => (await suite.staff.loan('li.cm', loanId)).warnings,
      (warnings: unknown[]) => warnings.length > 0,
    );
    await page.goto(`${browser.baseUrl}/loans/${loanId}`);
    const followUps = page.getByTestId('follow-ups');
    await followUps.waitFor();
    const row = await followUps.innerText();
    expect(row).toContain(zh.values.inconsistent);
    expect(row).toContain(zh.values.orange);
    await expect(page.getByRole('heading', { name: zh.loan.followUps }).count()).resolves.toBe(1);
    expect(await untranslated(page)).toEqual([]);
    await page.close();
  });
});
