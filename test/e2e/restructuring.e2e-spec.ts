import type { components } from '@loanflow/api-client';
import { LoanEntity, LoanInstallmentEntity, LoanRestructuringEntity } from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { disbursedLoan, eventually, originationSuite, withExtraRole } from '../support';

const REVIEW = 'loanflow:restructuring-review';
const APPROVAL = 'loanflow:restructuring-approval';

describe('extension (展期) and restructuring (重组): rules first, then review and approval within authority', () => {
  const suite = originationSuite(ServicingWorkersModule);
  let loanId: string;

  beforeAll(async () => {
    loanId = await disbursedLoan(suite.stack); // 12 months, 12,000.00, nothing due yet
  });

  // Sent raw, so that the refusals of bad input are the server's: the answer is the request (201)
  // or the one error body, and each case reads the part its status says.
  type ErrorAnswer = components['schemas']['ErrorAnswer'];
  const request = async (body: object, username = 'li.cm') => {
    const sent = await suite.staff.post(username, `/api/loans/${loanId}/restructurings`, body);
    return { status: sent.status, body: sent.body as { id: string } & ErrorAnswer };
  };
  const requestRow = (id: string) =>
    eventually(
      () => suite.dataSource.getRepository(LoanRestructuringEntity).findOneByOrFail({ id }),
      (row) => row.state !== 'requested',
    );

  it('refuses what the rules do not allow before anyone reviews it, with the field or the rule', async () => {
    const bad = await request({ kind: 'refinance', extraMonths: 0, reason: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors?.map((f) => f.field).sort()).toEqual([
      'extraMonths',
      'kind',
      'reason',
    ]);
    const tooLong = await request({
      kind: 'extension',
      extraMonths: 13,
      reason: 'the borrower asks for two more years to repay',
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body).toMatchObject({
      code: 'EXTENSION_BEYOND_LIMIT',
      details: { limitMonths: 12, extendedSoFar: 0, extraMonths: 13 },
    });
    expect(await suite.dataSource.getRepository(LoanRestructuringEntity).countBy({ loanId })).toBe(
      0,
    );
  });

  it('closes a request the reviewer rejects, and takes one request at a time', async () => {
    const asked = await request({
      kind: 'restructuring',
      extraMonths: 24,
      reason: 'the borrower lost a major customer and asks for smaller installments',
    });
    expect(asked.status).toBe(201);
    const twice = await request({
      kind: 'extension',
      extraMonths: 3,
      reason: 'a second request while the first is being decided',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('RESTRUCTURING_ALREADY_OPEN');
    const review = await suite.staff.waitForTask('wang.reviewer', loanId, REVIEW);
    expect(
      (
        await suite.staff.post('wang.reviewer', `/api/tasks/${review.id}/complete`, {
          answer: {
            outcome: 'reject',
            opinion: 'the loan is current; no sign of difficulty on file',
          },
        })
      ).status,
    ).toBe(200);
    expect(await requestRow(asked.body.id)).toMatchObject({
      state: 'refused',
      decidedBy: 'wang.reviewer',
      openKey: null,
    });
  });

  it('extends an up-to-date loan: the installments not yet due are spread over 6 more months and servicing follows the new schedule', async () => {
    const asked = await request({
      kind: 'extension',
      extraMonths: 6,
      reason: 'seasonal income: the borrower’s tea harvest comes two months late this year',
    });
    expect(asked.status).toBe(201);
    const review = await suite.staff.waitForTask('wang.reviewer', loanId, REVIEW);
    await suite.staff.post('wang.reviewer', `/api/tasks/${review.id}/complete`, {
      answer: { outcome: 'pass', opinion: 'income documented; extension within the legal limit' },
    });
    const approval = await suite.staff.waitForTask('zhao.approver', loanId, APPROVAL);
    const approved = await suite.staff.post('zhao.approver', `/api/tasks/${approval.id}/complete`, {
      answer: { approved: true, reasons: 'within authority; borrower has paid on time' },
    });
    expect(approved.body).toMatchObject({ state: 'completed' });
    expect(await requestRow(asked.body.id)).toMatchObject({
      state: 'applied',
      decidedBy: 'zhao.approver',
    });

    const installments = await suite.dataSource
      .getRepository(LoanInstallmentEntity)
      .find({ where: { loanId }, order: { number: 'ASC' } });
    expect(installments).toHaveLength(18);
    expect(installments[0].number).toBe(13);
    expect(installments.reduce((sum, i) => sum + Number(i.principalMinor), 0)).toBe(1_200_000);
    // An extension is a restructuring under the 2023 rules: a normal loan is at least special
    // mention, and its observation starts on the first due date under the new terms.
    expect(
      (await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId }))
        .classification,
    ).toBe('special-mention');
    expect(await requestRow(asked.body.id)).toMatchObject({
      levelBefore: 'normal',
      firstNewInstallment: 13,
      whileInObservation: false,
    });
    // Servicing looks for its next installment again and now waits for number 13.
    const next = await suite.stack.records.waitFor(
      'VARIABLE',
      (r) =>
        r.value.bpmnProcessId === 'loan-servicing' &&
        r.value.name === 'nextInstallment' &&
        String(r.value.value).includes('"number":13'),
      30_000,
    );
    expect(next).toBeDefined();
    const listed = await suite.staff.as('li.cm', (api) =>
      api.GET('/api/loans/{id}/restructurings', { params: { path: { id: loanId } } }),
    );
    expect(listed.data?.map((r) => r.state)).toEqual(['refused', 'applied']);
  });

  it('keeps the request, the review and the approval of one restructuring with three people', async () => {
    // zhou.cm holds customer manager and reviewer; wang.reviewer is given the approver's post.
    await withExtraRole(suite.dataSource, 'wang.reviewer', 'approver', async () => {
      const asked = await request(
        {
          kind: 'restructuring',
          extraMonths: 6,
          reason: 'the borrower’s shop was closed for a month for repairs',
        },
        'zhou.cm',
      );
      expect(asked.status).toBe(201);
      const review = await suite.staff.waitForTask('wang.reviewer', loanId, REVIEW);
      const ownReview = await suite.staff.post('zhou.cm', `/api/tasks/${review.id}/claim`);
      expect(ownReview.status).toBe(403);
      expect(ownReview.body).toMatchObject({
        code: 'SEPARATION_OF_DUTIES',
        details: { duty: 'restructuring-review', conflictingDuty: 'restructuring-request' },
      });
      await suite.staff.post('wang.reviewer', `/api/tasks/${review.id}/complete`, {
        answer: { outcome: 'pass', opinion: 'repairs documented; income resumes next month' },
      });
      const approval = await suite.staff.waitForTask('zhao.approver', loanId, APPROVAL);
      const ownApproval = await suite.staff.post(
        'wang.reviewer',
        `/api/tasks/${approval.id}/claim`,
      );
      expect(ownApproval.status).toBe(403);
      expect(ownApproval.body).toMatchObject({
        code: 'SEPARATION_OF_DUTIES',
        details: { duty: 'restructuring-approval', conflictingDuty: 'restructuring-review' },
      });
      // Another restructuring of the same loan is another request: the same people may take part.
      expect(
        (
          await suite.staff.post('zhao.approver', `/api/tasks/${approval.id}/complete`, {
            answer: { approved: false, reasons: 'the shop reopened; no restructuring needed' },
          })
        ).status,
      ).toBe(200);
    });
  });
});
