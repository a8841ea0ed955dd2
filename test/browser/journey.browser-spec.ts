import { beijingDate } from '@loanflow/domain';
import { freshApplicant, samplePaper } from '@loanflow/origination';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { eventually, originationSuite } from '@loanflow/test-support';
import type { Page } from 'playwright-core';
import { zh } from '../../apps/console/src/locales/zh';
import {
  Browser,
  listen,
  NO_OVERFLOW_THREE_SIZES,
  reloadUntil,
  shootThreeSizes,
} from './support/browser';
import { untranslated } from './support/chinese-ui';

/**
 * The whole journey of a secured loan, every step in the console by the demo user whose post does
 * it: li.cm takes the application (a consumer loan on a mortgage) and investigates; wang.reviewer
 * reviews; zhao.approver approves within the branch's authority; li.cm signs the contracts;
 * ma.mortgage registers the mortgage; hu.supervisor reads the conditions the system evaluated and
 * releases; the loan is paid out. Then from the dossier li.cm records a repayment (held for a
 * second person: it is their own loan), chen.center confirms it, and li.cm asks for an extension.
 * Each page is checked for untranslated text and shot at 1280×800, 1920×1080 and 390×844.
 */
describe('a loan’s whole journey in the console', () => {
  const suite = originationSuite(ServicingWorkersModule);
  let browser: Browser;

  beforeAll(async () => {
    browser = await Browser.open(await listen(suite.stack.api!));
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Translated, and laid out at the three sizes. */
  const walked = async (page: Page, name: string) => {
    expect(await untranslated(page)).toEqual([]);
    expect(await shootThreeSizes(page, `journey-${name}`)).toEqual(NO_OVERFLOW_THREE_SIZES);
  };

  /** The user's inbox row for this loan's task of that type, opened and claimed. */
  const openTask = async (page: Page, loanId: string, type: string) => {
    await page.getByRole('navigation').getByRole('link', { name: zh.nav.inbox }).click();
    const row = `tr[data-loan="${loanId}"][data-task-type="${type}"]`;
    await reloadUntil(page, row, 90_000);
    await page.locator(`${row} a`).first().click();
    await page.getByTestId('task-state').waitFor();
    const claim = page.getByRole('button', { name: zh.task.claim });
    if (await claim.isVisible()) {
      await claim.click();
      await page.getByRole('button', { name: zh.task.unclaim }).waitFor();
    }
  };
  /** Uploads a sample paper of a kind from the open task's documents panel. */
  const uploadFromTask = async (page: Page, kind: 'contract' | 'collateral-certificate') => {
    const panel = page.getByTestId('documents');
    await panel.getByLabel(zh.files.kind).selectOption({ label: zh.documents[kind] });
    await panel.getByLabel(zh.files.file).setInputFiles({
      name: `${kind}.pdf`,
      mimeType: 'application/pdf',
      buffer: samplePaper(kind).bytes,
    });
    await panel.getByRole('button', { name: zh.files.upload }).click();
    await panel.locator(`[data-kind="${kind}"]`).waitFor();
  };
  const complete = async (page: Page) => {
    await page.getByRole('button', { name: zh.task.complete, exact: true }).click();
    await page.waitForURL(/\/inbox$/);
    await page.getByTestId('task-done').waitFor();
  };

  it('goes from application to disbursement, then takes a repayment and an extension request', async () => {
    const applicant = freshApplicant({ name: `全程${Date.now().toString().slice(-6)}` });
    const today = beijingDate(await suite.stack.clock.now());

    // 1. The customer manager takes the application: a consumer loan on the applicant's flat.
    const cm = await browser.signIn('li.cm');
    await cm.getByRole('navigation').getByRole('link', { name: zh.nav.apply }).click();
    const field = (label: string) => cm.getByLabel(label, { exact: true });
    await field(zh.apply.name).fill(applicant.name);
    await field(zh.apply.idNumber).fill(applicant.idNumber);
    await field(zh.apply.birthDate).fill(applicant.birthDate);
    await field(zh.apply.phone).fill(applicant.phone);
    await field(zh.apply.employer).fill(applicant.employer);
    await field(zh.apply.monthlyIncome).fill('60000.00');
    await field(zh.apply.monthlyDebtPayments).fill('1200.00');
    await field(zh.apply.amount).fill('300000.00');
    await field(zh.apply.termMonths).fill('36');
    await field(zh.apply.purpose).fill('home renovation: contract with 杭州某装饰公司');
    await field(zh.apply.guaranteeType).selectOption('mortgage');
    await field(zh.apply.collateralKind).selectOption('property');
    await field(zh.apply.collateralDescription).fill(
      '杭州市西湖区文三路 100 号 2 幢 501 室, 98 m²',
    );
    await field(zh.apply.collateralOwnerName).fill(applicant.name);
    await field(zh.apply.collateralOwnerIdNumber).fill(applicant.idNumber);
    await field(zh.apply.collateralValue).fill('3200000.00');
    await field(zh.apply.payeeName).fill('杭州某装饰工程有限公司');
    await field(zh.apply.payeeAccount).fill('6222020200112233445');
    // The papers go with the application: a scan of each kind the product and guarantee require.
    for (const kind of [
      'id-card',
      'income-proof',
      'credit-authorization',
      'purpose-evidence',
      'collateral-ownership-certificate',
      'collateral-valuation-report',
    ])
      await cm.getByTestId(`paper-${kind}`).setInputFiles({
        name: `${kind}.pdf`,
        mimeType: 'application/pdf',
        buffer: samplePaper(kind).bytes,
      });
    await walked(cm, '01-application');
    await cm.getByRole('button', { name: zh.apply.submit }).click();
    const accepted = cm.getByTestId('application-accepted');
    const loanId = (await accepted.getAttribute('data-loan-id'))!;
    expect(loanId).toMatch(/^LN\d{8}-/);
    // Filed with the loan as it was taken: the checks count them, and it goes to investigation.
    const papers = accepted.page().getByTestId('documents');
    await papers.locator('[data-kind="collateral-valuation-report"]').waitFor();
    await expect(papers.locator('[data-document]').count()).resolves.toBe(6);

    // 2. The same customer manager investigates.
    await openTask(cm, loanId, 'loanflow:investigation-report');
    await cm.getByLabel(zh.fields.monthlyIncome).fill('60000.00');
    await cm.getByLabel(zh.fields.monthlyDebtPayments).fill('1200.00');
    await cm.getByLabel(zh.fields.opinion).selectOption({ label: zh.enums.recommend });
    await cm.getByLabel(zh.fields.interviewDone).check();
    await cm.getByLabel(zh.fields.purposeVerified).check();
    await cm.getByLabel(zh.fields.incomeVerified).check();
    await cm.getByLabel(zh.fields.collateralAssessment).fill('flat visited, title deed checked');
    await cm
      .getByLabel(zh.fields.remarks)
      .fill('stable salaried income, renovation contract and title deed verified on site');
    await walked(cm, '02-investigation');
    await complete(cm);

    // 3. The reviewer passes it.
    const reviewer = await browser.signIn('wang.reviewer');
    await openTask(reviewer, loanId, 'loanflow:review-opinion');
    await reviewer.getByLabel(zh.fields.outcome).selectOption({ label: zh.enums.pass });
    await reviewer.getByLabel(zh.fields.legalityChecked).check();
    await reviewer.getByLabel(zh.fields.complianceChecked).check();
    await reviewer.getByLabel(zh.fields.transactionAuthentic).check();
    await reviewer.getByLabel(zh.fields.collateralStatusChecked).check();
    await walked(reviewer, '03-review');
    await complete(reviewer);

    // 4. The approver approves within the branch's authority, from the prefilled request.
    const approver = await browser.signIn('zhao.approver');
    await openTask(approver, loanId, 'loanflow:approval-decision');
    await expect(approver.locator('#root_amount').inputValue()).resolves.toBe('300000.00');
    await approver.locator('#root_annualRate').fill('0.0435');
    await approver.locator('#root_reasons').fill('stable income, low DTI, mortgage well covered');
    await walked(approver, '04-approval');
    await complete(approver);

    // 5. The customer manager signs the loan and mortgage contracts with the borrower.
    const suffix = loanId.slice(-6);
    await openTask(cm, loanId, 'loanflow:contract-signing');
    await cm.locator('#root_loanContractNo').fill(`HT-${suffix}-L`);
    await cm.locator('#root_borrowerSigned').check();
    await cm.locator('#root_signedOn').fill(today);
    await cm.locator('#root_collateralContractNo').fill(`HT-${suffix}-M`);
    // The signed contract is scanned into the file: no payout without it.
    await uploadFromTask(cm, 'contract');
    await walked(cm, '05-contracts');
    await complete(cm);

    // 6. The mortgage clerk registers the mortgage.
    const clerk = await browser.signIn('ma.mortgage');
    await openTask(clerk, loanId, 'loanflow:collateral-registration');
    await clerk.locator('#root_certificateNo').fill('浙(2026)杭州市不动产证明第0123456号');
    await clerk.locator('#root_registryOffice').fill('杭州市不动产登记中心');
    await clerk.locator('#root_registeredOn').fill(today);
    await clerk.locator('#root_certificateHandedOver').check();
    await uploadFromTask(clerk, 'collateral-certificate');
    await walked(clerk, '06-collateral');
    await complete(clerk);

    // 7. The supervisor sees each condition as the system read it, all met, and releases.
    const supervisor = await browser.signIn('hu.supervisor');
    await openTask(supervisor, loanId, 'loanflow:disbursement-check');
    const checklist = supervisor.getByTestId('disbursement-checklist');
    await checklist.waitFor();
    const met = await checklist
      .locator('li')
      .evaluateAll((items: { getAttribute(name: string): string | null }[]) =>
        items.map((item) => item.getAttribute('data-met')),
      );
    expect(met.length).toBeGreaterThanOrEqual(3);
    expect(met.every((value) => value === 'true')).toBe(true);
    await supervisor.locator('#root_decision').selectOption({ label: zh.enums.release });
    // Nothing to tick that the system knows: the conditions above are its reading.
    for (const tick of ['contractsInForce', 'collateralRegistered', 'paymentMethodAllowed'])
      await expect(supervisor.locator(`#root_${tick}`).count()).resolves.toBe(0);
    await walked(supervisor, '07-disbursement-check');
    await complete(supervisor);

    // 8. Paid out: the dossier shows the loan disbursed with its schedule (written by the job after
    // the payout's, so the status alone is not enough to wait for).
    await eventually(
      async () =>
        (await suite.staff.get('li.cm', `/api/loans/${loanId}`)).body as {
          status: string;
          schedule: unknown;
          position: unknown;
        },
      (loan) => loan.status === 'disbursed' && loan.schedule !== null && loan.position !== null,
      90_000,
    );
    await cm.goto(`${browser.baseUrl}/loans/${loanId}`);
    const headline = cm.getByTestId('loan-headline');
    await headline.waitFor();
    await expect(headline.locator('[data-name="balance"] dd').innerText()).resolves.toContain(
      '300,000.00',
    );
    await expect(cm.getByTestId('loan-stage').innerText()).resolves.toBe(zh.stages.disbursed);
    await walked(cm, '08-dossier-disbursed');

    // 9. A repayment, recorded by the loan's own manager: held for a second person.
    const repayment = cm.getByRole('form', { name: zh.servicing.repayment });
    await repayment.getByLabel(zh.servicing.amount).fill('1000.00');
    await repayment.getByRole('button', { name: zh.servicing.record }).click();
    await expect(repayment.getByTestId('form-done').innerText()).resolves.toContain(
      zh.servicing.repaymentPending,
    );
    const pendingByCm = cm.getByTestId('pending-repayments');
    await expect(pendingByCm.innerText()).resolves.toContain(zh.servicing.awaitingColleague);
    await expect(
      pendingByCm.getByRole('button', { name: zh.servicing.confirm }).count(),
    ).resolves.toBe(0);

    // 10. The center manager confirms it from the dossier: applied.
    const center = await browser.signIn('chen.center');
    await center.goto(`${browser.baseUrl}/loans/${loanId}`);
    const pending = center.getByTestId('pending-repayments');
    await pending.waitFor();
    await walked(center, '09-repayment-confirmation');
    await pending.getByRole('button', { name: zh.servicing.confirm }).click();
    await expect(pending.getByTestId('form-done').innerText()).resolves.toBe(
      zh.servicing.confirmed,
    );
    const repaid = await eventually(
      async () =>
        (await suite.staff.get('li.cm', `/api/loans/${loanId}`)).body as {
          repayments: { state: string; amount: string; confirmedBy: string | null }[];
        },
      (loan) => loan.repayments.some((r) => r.state === 'applied'),
    );
    expect(repaid.repayments).toEqual([
      expect.objectContaining({ state: 'applied', amount: '1000.00', confirmedBy: 'chen.center' }),
    ]);

    // 11. The customer manager asks for an extension from the dossier.
    await cm.reload();
    const extension = cm.getByRole('form', { name: zh.servicing.restructuring });
    await extension.waitFor();
    await extension.getByLabel(zh.servicing.kind).selectOption('extension');
    await extension.getByLabel(zh.servicing.extraMonths).fill('12');
    await extension
      .getByLabel(zh.servicing.reason)
      .fill(
        'the borrower’s employer moved salary day; a longer term keeps the installment affordable',
      );
    await extension.getByRole('button', { name: zh.servicing.request }).click();
    await expect(extension.getByTestId('form-done').innerText()).resolves.toBe(
      zh.servicing.requested,
    );
    const requested = await suite.dataSource.query<{ kind: string }[]>(
      'SELECT kind FROM loan_restructuring WHERE loan_id = ?',
      [loanId],
    );
    expect(requested).toEqual([{ kind: 'extension' }]);
    await walked(cm, '10-extension-request');

    // Every act on the file by its person, in the dossier's trail.
    const timeline = cm.getByTestId('audit-timeline');
    for (const actor of [
      'li.cm',
      'wang.reviewer',
      'zhao.approver',
      'ma.mortgage',
      'hu.supervisor',
      'chen.center',
    ])
      await expect(timeline.locator(`[data-username="${actor}"]`).count()).resolves.toBeGreaterThan(
        0,
      );
  }, 300_000); // ten steps, each shot at three sizes, and now the papers uploaded on the way
});
