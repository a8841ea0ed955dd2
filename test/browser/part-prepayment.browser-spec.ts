import { LoanPrepaymentEntity } from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import {
  deploy,
  disbursedLoan,
  eventually,
  modelPath,
  originationSuite,
} from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen, NO_OVERFLOW, shoot } from './support/browser';
import { untranslated } from './support/chinese-ui';

describe('part prepayment (部分提前还款) in the console', () => {
  const suite = originationSuite(ServicingWorkersModule);
  let browser: Browser;
  let loanId: string;

  beforeAll(async () => {
    await deploy(suite.stack.zeebe, modelPath('part-prepayment.bpmn'));
    loanId = await disbursedLoan(suite.stack);
    // Paid out 10 days ago, so the quote carries accrued interest.
    await suite.dataSource.query(
      `UPDATE loan_installment SET due_date = DATE_FORMAT(DATE_SUB(STR_TO_DATE(due_date, '%Y-%m-%d'), INTERVAL 10 DAY), '%Y-%m-%d') WHERE loan_id = ?`,
      [loanId],
    );
    await suite.dataSource.query(
      'UPDATE loan SET disbursed_at = DATE_SUB(disbursed_at, INTERVAL 10 DAY) WHERE id = ?',
      [loanId],
    );
    browser = await Browser.open(await listen(suite.stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('quotes and compares the schedules on the loan page, requests with the borrower’s choice, and shows the reviewer the figures', async () => {
    const page = await browser.signIn('li.cm');
    await page.goto(`${browser.baseUrl}/loans/${loanId}`);
    const form = page.getByRole('form', { name: zh.prepayment.title });
    const amount = form.getByLabel(zh.prepayment.amount);
    // Below the minimum: the rule's words on the field, nothing quoted.
    await amount.fill('500.00');
    await form.getByRole('button', { name: zh.prepayment.quote }).click();
    await expect(form.locator('#prepayment-amount-error').innerText()).resolves.toContain(
      zh.validation.rules.PREPAYMENT_BELOW_MINIMUM,
    );
    await amount.fill('6000.00');
    await form.getByRole('button', { name: zh.prepayment.quote }).click();
    const compare = page.getByTestId('prepayment-compare');
    const cell = (column: string, row: string) =>
      compare.locator(`[data-column="${column}"][data-row="${row}"]`).innerText();
    await expect(cell('current', 'installmentCount')).resolves.toBe('12');
    await expect(cell('shorten-term', 'installmentCount')).resolves.toBe('6');
    await expect(cell('reduce-installment', 'installmentCount')).resolves.toBe('12');
    await expect(cell('reduce-installment', 'levelPayment')).resolves.toContain('533.09');
    await expect(untranslated(page)).resolves.toEqual([]);
    expect(await shoot(page, 'part-prepayment-quote')).toEqual(NO_OVERFLOW);

    await page.getByLabel(zh.prepayment['reduce-installment']).check();
    await page.getByRole('button', { name: zh.prepayment.request }).click();
    await expect(page.getByTestId('form-done').innerText()).resolves.toContain(
      zh.prepayment['reduce-installment'],
    );
    await expect(page.getByTestId('prepayment-history').innerText()).resolves.toContain(
      zh.prepayment.states.requested,
    );
    await page.close();

    const task = await suite.staff.waitForTask(
      'wang.reviewer',
      loanId,
      'loanflow:prepayment-review',
    );
    const reviewer = await browser.signIn('wang.reviewer');
    await reviewer.goto(`${browser.baseUrl}/tasks/${task.id}`);
    const context = reviewer.getByTestId('task-context');
    await expect(context.innerText()).resolves.toContain(zh.values['reduce-installment']);
    await expect(context.innerText()).resolves.toContain(zh.fields.paymentAfter);
    await reviewer.locator('form.rjsf').waitFor();
    await expect(untranslated(reviewer)).resolves.toEqual([]);
    expect(await shoot(reviewer, 'part-prepayment-review')).toEqual(NO_OVERFLOW);
    await reviewer.close();

    const done = await suite.staff.post('wang.reviewer', `/api/tasks/${task.id}/complete`, {
      answer: { outcome: 'pass', opinion: 'the borrower’s bonus is documented on file' },
    });
    expect(done.status).toBe(200);
    const row = await eventually(
      () => suite.dataSource.getRepository(LoanPrepaymentEntity).findOneByOrFail({ loanId }),
      (r) => r.state !== 'requested',
    );
    expect(row.state).toBe('posted');
  });
});
