import type { components } from '@loanflow/api-client';
import { LoanDocumentEntity, LoanEntity } from '@loanflow/persistence';
import {
  applyAs,
  approvalOf,
  contractsFor,
  creditApplication,
  endEventOf,
  eventually,
  FORM,
  LoanDesk,
  mortgageApplication,
  originationSuite,
  REGISTRATION,
  RELEASE,
  submitApplication,
} from '../support';

type ErrorAnswer = Required<components['schemas']['ErrorAnswer']>;
type LoanDossier = components['schemas']['LoanDossier'];
/** A task as the API answers it; the schema leaves its loan open: the part these specs read. */
type TaskDetail = components['schemas']['TaskDetail'] & {
  loan: { disbursementConditions: { unmet: unknown; checks: unknown } };
};

const PAPERS = 'loanflow:papers-supplement';

describe('the papers a loan rests on are the uploaded ones, not the declared ones', () => {
  const suite = originationSuite();

  /** Completes the loan's open task of this form without bringing any paper. */
  async function completeBare(username: string, loanId: string, form: string, answer: object) {
    const task = await suite.staff.waitForTask(username, loanId, form);
    return suite.staff.post(username, `/api/tasks/${task.id}/complete`, { answer });
  }

  const kindsOf = async (loanId: string) =>
    (await suite.dataSource.getRepository(LoanDocumentEntity).findBy({ loanId })).map(
      (d) => d.kind,
    );

  it('accepts an application whose papers came with it, and files them with the loan', async () => {
    const { desk, loanId } = await applyAs(suite.staff, creditApplication());
    await suite.staff.waitForTask('li.cm', loanId, FORM.investigation);
    expect((await kindsOf(loanId)).sort()).toEqual(
      ['credit-authorization', 'id-card', 'income-proof', 'purpose-evidence'].sort(),
    );
    const dossier = (await desk.dossier()).body as LoanDossier;
    expect(dossier.status).toBe('in-decision');
    expect(
      await suite.staff.get('li.cm', `/api/tasks?loan=${loanId}&type=${PAPERS}`),
    ).toMatchObject({
      body: { items: [] },
    });
  });

  it('waits for papers declared but not uploaded; the form refuses while any is missing', async () => {
    // Declared in JSON, no file: nothing is on record.
    const declared = await suite.staff.post('li.cm', '/api/applications', creditApplication());
    expect(declared.status).toBe(201);
    const { loanId } = declared.body as { loanId: string };
    const desk = new LoanDesk(suite.staff, loanId);
    const task = await suite.staff.waitForTask('li.cm', loanId, PAPERS);
    const detail = (await suite.staff.get('li.cm', `/api/tasks/${task.id}`)).body as TaskDetail;
    expect(detail.context!.eligibility).toMatchObject({
      eligible: false,
      onlyPapersMissing: true,
      missingDocuments: ['id-card', 'income-proof', 'credit-authorization', 'purpose-evidence'],
    });
    // Not yet accepted (受理): the loan is still submitted, and no investigation waits.
    expect(
      (await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId })).status,
    ).toBe('submitted');

    const refused = await desk.complete('li.cm', PAPERS, {});
    expect(refused.status).toBe(400);
    expect((refused.body as ErrorAnswer).code).toBe('DOCUMENTS_MISSING');
    expect((refused.body as ErrorAnswer).message).toContain('credit-authorization');
    expect((refused.body as ErrorAnswer).fieldErrors[0].field).toBe('documents');

    await desk.upload('li.cm', 'id-card');
    await desk.upload('li.cm', 'income-proof');
    await desk.upload('li.cm', 'credit-authorization');
    const stillShort = await desk.complete('li.cm', PAPERS, {});
    expect(stillShort.status).toBe(400);
    expect((stillShort.body as ErrorAnswer).message).toContain('purpose-evidence');
    expect((stillShort.body as ErrorAnswer).message).not.toContain('id-card');

    await desk.upload('li.cm', 'purpose-evidence');
    await desk.completeOk('li.cm', PAPERS, { remarks: 'renovation contract scanned and uploaded' });
    await suite.staff.waitForTask('li.cm', loanId, FORM.investigation);
    expect(((await desk.dossier()).body as LoanDossier).status).toBe('in-decision');
  });

  it('refuses at once, naming every reason, when more than papers is wrong', async () => {
    const response = await suite.staff.post(
      'li.cm',
      '/api/applications',
      creditApplication({ termMonths: 72, documents: ['id-card'] }),
    );
    const { processInstanceKey } = response.body as { processInstanceKey: string };
    expect(await endEventOf(suite.stack.records, processInstanceKey)).toBe('NotGranted');
    const dossier = (
      await new LoanDesk(suite.staff, (response.body as { loanId: string }).loanId).dossier()
    ).body as LoanDossier;
    expect(dossier.decision!.reasons).toMatch(/60 months/);
    expect(dossier.decision!.reasons).toMatch(/income-proof/);
  });

  it('takes no application whose file is not a PDF or image by its bytes (400, nothing written)', async () => {
    const purpose = `papers probe ${Date.now()}`;
    const response = await suite.staff.postMultipart(
      'li.cm',
      '/api/applications',
      { application: JSON.stringify(creditApplication({ purpose })) },
      [
        { field: 'id-card', fileName: 'id.pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') },
        { field: 'income-proof', fileName: 'salary.pdf', bytes: Buffer.from('not a pdf') },
        { field: 'visit-photo', fileName: 'x.pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') },
      ],
    );
    expect(response.status).toBe(400);
    expect((response.body as ErrorAnswer).code).toBe('VALIDATION_FAILED');
    expect(
      (response.body as ErrorAnswer).fieldErrors.map((e: { field: string }) => e.field),
    ).toEqual(['documents[1]', 'documents[2]']);
    expect(await suite.dataSource.getRepository(LoanEntity).countBy({ purpose })).toBe(0);
  });

  it('pays out only once the signed contract is uploaded', async () => {
    const { desk, loanId, processInstanceKey } = await applyAs(
      suite.staff,
      creditApplication({ amount: '30000.00', termMonths: 12 }),
    );
    await desk.throughReview();
    await desk.completeOk('zhao.approver', FORM.approval, approvalOf('30000.00', 12));
    // Signed, numbers typed in, but the signed contract never scanned.
    expect((await completeBare('li.cm', loanId, FORM.contracts, contractsFor(loanId))).status).toBe(
      200,
    );
    const check = await suite.staff.waitForTask('hu.supervisor', loanId, FORM.disbursementCheck);
    const detail = (await suite.staff.get('hu.supervisor', `/api/tasks/${check.id}`))
      .body as TaskDetail;
    expect(detail.loan.disbursementConditions.unmet).toEqual([
      expect.objectContaining({ code: 'SIGNED_CONTRACT_NOT_ON_FILE' }),
    ]);
    expect(detail.loan.disbursementConditions.checks).toContainEqual({
      check: 'signed-contract-on-file',
      met: false,
    });
    const release = await desk.complete('hu.supervisor', FORM.disbursementCheck, RELEASE);
    expect((release.body as ErrorAnswer).code).toBe('DISBURSEMENT_CONDITIONS_NOT_MET');
    expect((release.body as ErrorAnswer).message).toContain('signed loan contract');
    await desk.completeOk('hu.supervisor', FORM.disbursementCheck, {
      decision: 'return',
      remarks: 'scan and upload the signed loan contract',
    });
    // Signed again, this time with the contract uploaded (LoanDesk brings it).
    await desk.completeOk('li.cm', FORM.contracts, contractsFor(loanId));
    await desk.completeOk('hu.supervisor', FORM.disbursementCheck, RELEASE);
    expect(await endEventOf(suite.stack.records, processInstanceKey)).toBe('Disbursed');
  });

  it('pays out a mortgage loan only once the registration certificate (他项权证) is uploaded', async () => {
    const { desk, loanId, processInstanceKey } = await applyAs(suite.staff, mortgageApplication());
    await desk.throughReview();
    await desk.completeOk('zhao.approver', FORM.approval, approvalOf('1500000.00', 240, '0.0350'));
    await desk.completeOk('li.cm', FORM.contracts, contractsFor(loanId, [], true));
    expect((await completeBare('ma.mortgage', loanId, FORM.collateral, REGISTRATION)).status).toBe(
      200,
    );
    const check = await suite.staff.waitForTask('hu.supervisor', loanId, FORM.disbursementCheck);
    const detail = (await suite.staff.get('hu.supervisor', `/api/tasks/${check.id}`))
      .body as TaskDetail;
    expect(detail.loan.disbursementConditions.unmet).toEqual([
      expect.objectContaining({ code: 'COLLATERAL_CERTIFICATE_NOT_ON_FILE' }),
    ]);
    expect((await desk.complete('hu.supervisor', FORM.disbursementCheck, RELEASE)).status).toBe(
      422,
    );
    await desk.completeOk('hu.supervisor', FORM.disbursementCheck, {
      decision: 'return',
      remarks: 'upload the registration certificate (他项权证)',
    });
    await desk.completeOk('li.cm', FORM.contracts, contractsFor(loanId, [], true));
    await desk.completeOk('ma.mortgage', FORM.collateral, REGISTRATION);
    await desk.completeOk('hu.supervisor', FORM.disbursementCheck, RELEASE);
    expect(await endEventOf(suite.stack.records, processInstanceKey)).toBe('Disbursed');
    const kinds = await eventually(
      () => kindsOf(loanId),
      (k) => k.includes('collateral-certificate'),
    );
    expect(kinds).toEqual(expect.arrayContaining(['contract', 'collateral-certificate']));
  });

  it('validates a multipart application’s fields as a JSON one (400 by field)', async () => {
    const response = await submitApplication(suite.staff, creditApplication({ amount: 'abc' }));
    expect(response.status).toBe(400);
    expect(
      (response.body as ErrorAnswer).fieldErrors.map((e: { field: string }) => e.field),
    ).toContain('amount');
  });
});
