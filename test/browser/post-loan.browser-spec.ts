import { ServicingWorkersModule } from '@loanflow/servicing';
import { disbursedLoan, originationSuite } from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen, NO_OVERFLOW, shoot } from './support/browser';

describe('post-loan work in the console', () => {
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

  it('lets the post-loan officer raise a warning from the dossier, then plan its remediation with the warning beside the form', async () => {
    const page = await browser.signIn('guo.postloan');
    await page.goto(`${browser.baseUrl}/loans/${loanId}`);
    const form = page.getByRole('form', { name: zh.warning.raise });
    // Too short a signal: the server's reason shows on the field, nothing is raised.
    await form.getByLabel(zh.warning.level).selectOption('orange');
    await form.getByLabel(zh.warning.description).fill('late');
    await form.getByRole('button', { name: zh.warning.raise }).click();
    await expect(form.locator('#warning-description-error').innerText()).resolves.toContain(
      zh.validation.lengthGeneric,
    );
    const signal = 'the borrower’s shop has been closed for three weeks';
    await form.getByLabel(zh.warning.description).fill(signal);
    await form.getByRole('button', { name: zh.warning.raise }).click();
    await page.getByText(signal).first().waitFor();
    // The post does not read the audit trail: told so, not shown an empty section.
    await expect(page.getByTestId('audit-not-for-you').innerText()).resolves.toBe(
      zh.loan.auditNotForYou,
    );

    const task = await suite.staff.waitForTask('guo.postloan', loanId, 'loanflow:remediation-plan');
    await page.goto(`${browser.baseUrl}/tasks/${task.id}`);
    const context = page.getByTestId('task-context');
    await expect(context.locator('[data-name="level"]').innerText()).resolves.toContain(
      zh.values.orange,
    );
    await expect(context.locator('[data-name="description"]').innerText()).resolves.toContain(
      signal,
    );
    expect(await shoot(page, 'task-with-context')).toEqual(NO_OVERFLOW);
    await page.close();
  });
});
