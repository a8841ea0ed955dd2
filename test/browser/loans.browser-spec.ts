import { randomInt } from 'node:crypto';
import { freshApplicant } from '@loanflow/origination';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { disbursedLoan, originationSuite } from '@loanflow/test-support';
import { zh } from '../../apps/console/src/locales/zh';
import { Browser, listen } from './support/browser';
import { NO_DEVICE_OVERFLOW, shootDevices, untranslated } from './support/chinese-ui';

/**
 * Finding a loan without its number, and servicing it from its dossier: the list with its search
 * and filters, the dossier's header, and the forms for a repayment, a payoff quote, an extension or
 * restructuring request and a risk warning, each with its field errors in Chinese.
 */
describe('loans in the console', () => {
  const suite = originationSuite(ServicingWorkersModule);
  let browser: Browser;
  const name = `查询${randomInt(100_000, 999_999)}`;
  let loanId: string;
  let applicant: ReturnType<typeof freshApplicant>;

  beforeAll(async () => {
    applicant = freshApplicant({ name });
    loanId = await disbursedLoan(suite.stack, { applicant });
    // Aged as if paid out 100 days ago: three installments have fallen due unpaid.
    await suite.dataSource.query(
      `UPDATE loan_installment SET due_date = DATE_FORMAT(DATE_SUB(STR_TO_DATE(due_date, '%Y-%m-%d'), INTERVAL 100 DAY), '%Y-%m-%d') WHERE loan_id = ?`,
      [loanId],
    );
    await suite.dataSource.query(
      `UPDATE loan SET disbursed_at = DATE_SUB(disbursed_at, INTERVAL 100 DAY) WHERE id = ?`,
      [loanId],
    );
    browser = await Browser.open(await listen(suite.stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('finds the loan by the borrower’s name, filters by days past due and stage, and opens its dossier', async () => {
    const page = await browser.signIn('li.cm');
    await page.getByRole('link', { name: zh.nav.loans }).click();
    const form = page.getByRole('search', { name: zh.loans.filters });
    await form.getByLabel(zh.loans.search).fill(name);
    await form.getByRole('button', { name: zh.loans.find }).click();
    const row = page.locator(`tr[data-loan="${loanId}"]`);
    // The unfiltered list (newest first) may show the loan too: wait for the search's answer.
    await page
      .getByTestId('loans-total')
      .getByText(zh.loans.total_one.replace('{{formatted}}', '1'))
      .waitFor();
    await row.waitFor();
    await expect(page.locator('tr[data-loan]').count()).resolves.toBe(1);
    await expect(row.locator('[data-name="stage"]').innerText()).resolves.toBe(zh.stages.disbursed);
    await expect(row.locator('[data-name="outcome"]').innerText()).resolves.toBe(
      zh.loans.outcomes.approved,
    );
    await expect(row.locator('[data-name="balance"]').innerText()).resolves.toContain('12,000.00');
    const dpd = Number(await row.locator('[data-name="dpd"]').innerText());
    expect(dpd).toBeGreaterThan(60);
    expect(await untranslated(page)).toEqual([]);

    // Beyond its days past due: nothing; at them, and at its stage, the loan again.
    await form.getByLabel(zh.loans.dpdFrom).fill(String(dpd + 1));
    await form.getByRole('button', { name: zh.loans.find }).click();
    await page.getByText(zh.loans.empty).waitFor();
    await form.getByLabel(zh.loans.dpdFrom).fill(String(dpd));
    await form.getByLabel(zh.loans.dpdTo).fill(String(dpd));
    await form.getByLabel(zh.loans.stage).selectOption('disbursed');
    await form.getByLabel(zh.loans.mine).check();
    await form.getByRole('button', { name: zh.loans.find }).click();
    await row.waitFor();
    // A range upside down: the reason on its field, in Chinese.
    await form.getByLabel(zh.loans.dpdTo).fill(String(dpd - 1));
    await form.getByRole('button', { name: zh.loans.find }).click();
    await expect(page.locator('#loans-dpd-to-error').innerText()).resolves.toBe(
      zh.validation.rules.dpdRange,
    );
    await form.getByLabel(zh.loans.dpdTo).fill(String(dpd));
    await form.getByRole('button', { name: zh.loans.find }).click();
    await row.waitFor();
    expect(await shootDevices(page, 'loans')).toEqual(NO_DEVICE_OVERFLOW);

    await row.getByRole('link', { name: loanId }).click();
    await page.waitForURL(`**/loans/${loanId}`);
    await page.getByTestId('loan-facts').waitFor();
    await page.close();
  });

  it('finds the loan by the borrower’s ID number, and shows another branch’s reader nothing', async () => {
    const page = await browser.signIn('li.cm');
    await page.goto(`${browser.baseUrl}/loans?q=${applicant.idNumber}&mine=true`);
    await page.locator(`tr[data-loan="${loanId}"]`).waitFor();
    await page.close();

    const ningbo = await browser.signIn('sun.cm');
    await ningbo.goto(`${browser.baseUrl}/loans?q=${encodeURIComponent(name)}`);
    await ningbo.getByText(zh.loans.empty).waitFor();
    await ningbo.close();
  });

  it('heads the dossier with its standing and records a repayment, a payoff quote, a restructuring request and a warning, each with its field errors in Chinese', async () => {
    const page = await browser.signIn('li.cm');
    await page.goto(`${browser.baseUrl}/loans/${loanId}`);
    const headline = page.getByTestId('loan-headline');
    await headline.waitFor();
    const fact = (name: string) => headline.locator(`[data-name="${name}"] dd`).innerText();
    await expect(fact('outcome')).resolves.toBe(zh.loans.outcomes.approved);
    await expect(fact('balance')).resolves.toContain('12,000.00');
    await expect(fact('nextDue')).resolves.toMatch(/\d{4}年/);
    expect(Number(await fact('dpd'))).toBeGreaterThan(60);
    await expect(fact('classification')).resolves.toBeTruthy();
    // The schedule shows each installment's standing as the server reads it on the business date:
    // the three fallen due unpaid are overdue, the rest not yet due.
    const rows = await page.getByTestId('schedule').locator('tbody tr').all();
    const standings = await Promise.all(rows.map((row) => row.getAttribute('class')));
    expect(standings.slice(0, 3)).toEqual(['overdue', 'overdue', 'overdue']);
    expect(standings[standings.length - 1]).toBe('due');
    await expect(
      page.getByTestId('schedule').locator('tbody tr').first().locator('.badge').innerText(),
    ).resolves.toBe(zh.loan.installment.overdue);

    // A repayment without an amount: the reason on the field; with one, held for a colleague
    // (the loan's own customer manager records it).
    const repayment = page.getByRole('form', { name: zh.servicing.repayment });
    await repayment.getByRole('button', { name: zh.servicing.record }).click();
    await expect(repayment.locator('#repayment-amount-error').innerText()).resolves.toMatch(
      /[\u4e00-\u9fff]/,
    );
    await repayment.getByLabel(zh.servicing.amount).fill('100.00');
    await repayment.getByRole('button', { name: zh.servicing.record }).click();
    await expect(repayment.getByTestId('form-done').innerText()).resolves.toContain(
      zh.servicing.repaymentPending,
    );

    const payoff = page.getByRole('form', { name: zh.servicing.payoff });
    await payoff.getByRole('button', { name: zh.servicing.quote }).click();
    const quote = page.getByTestId('payoff-quote');
    await expect(
      quote.locator('[data-name="outstandingPrincipal"] dd').innerText(),
    ).resolves.toContain('12,000.00');
    await expect(quote.locator('[data-name="toPay"] dd').innerText()).resolves.toMatch(/¥/);

    const restructuring = page.getByRole('form', { name: zh.servicing.restructuring });
    await restructuring.getByLabel(zh.servicing.reason).fill('too short');
    await restructuring.getByRole('button', { name: zh.servicing.request }).click();
    await expect(restructuring.locator('#restructuring-months-error').innerText()).resolves.toMatch(
      /[\u4e00-\u9fff]/,
    );
    await expect(restructuring.locator('#restructuring-reason-error').innerText()).resolves.toMatch(
      /[\u4e00-\u9fff]/,
    );
    await restructuring.getByLabel(zh.servicing.kind).selectOption('restructuring');
    await restructuring.getByLabel(zh.servicing.extraMonths).fill('6');
    await restructuring
      .getByLabel(zh.servicing.reason)
      .fill('the borrower’s shop was closed for three months after a flood; income resumes in May');
    await restructuring.getByRole('button', { name: zh.servicing.request }).click();
    await expect(restructuring.getByTestId('form-done').innerText()).resolves.toBe(
      zh.servicing.requested,
    );

    const warning = page.getByRole('form', { name: zh.warning.raise });
    await warning.getByLabel(zh.warning.description).fill('late');
    await warning.getByRole('button', { name: zh.warning.raise }).click();
    await expect(warning.locator('#warning-description-error').innerText()).resolves.toMatch(
      /[\u4e00-\u9fff]/,
    );
    expect(await untranslated(page)).toEqual([]);
    expect(await shootDevices(page, 'dossier-servicing')).toEqual(NO_DEVICE_OVERFLOW);
    await page.close();
  });
});
