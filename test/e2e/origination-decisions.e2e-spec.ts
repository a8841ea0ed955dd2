import type { components } from '@loanflow/api-client';
import {
  APPROVAL_LEVELS,
  AuthorityLimit,
  LoanProduct,
  Money,
  requiredLevel,
  RISK_GRADES,
} from '@loanflow/domain';
import { DEMO_AUTHORITY_SCHEDULE } from '@loanflow/identity';
import { LoanPartyEntity } from '@loanflow/persistence';
import {
  applyAs,
  approvalOf,
  COMMITTEE,
  contractsFor,
  creditApplication,
  endEventOf,
  FORM,
  GOOD_INVESTIGATION,
  originationSuite,
  PASSING_REVIEW,
  RELEASE,
  toCommittee,
} from '../support';
import { textContaining } from '../support/expected-text';

type ErrorAnswer = Required<components['schemas']['ErrorAnswer']>;

type Dossier = components['schemas']['LoanDossier'];
type TaskDetail = components['schemas']['TaskDetail'];

describe('origination decisions: refusals, loops, authority levels, separation of duties', () => {
  const suite = originationSuite();

  it('refuses bad input with 400 naming each field, and creates nothing', async () => {
    const marker = `无名 ${Date.now()}`;
    const response = await suite.staff.post(
      'li.cm',
      '/api/applications',
      creditApplication({
        applicant: {
          ...creditApplication().applicant,
          name: marker,
          idNumber: '330106199001011230',
        },
        purpose: undefined,
        amount: 200000.5,
      }),
    );
    expect(response.status).toBe(400);
    expect((response.body as ErrorAnswer).code).toBe('VALIDATION_FAILED');
    const fields = (response.body as ErrorAnswer).fieldErrors.map(
      (e: { field: string }) => e.field,
    );
    expect(fields).toEqual(expect.arrayContaining(['applicant.idNumber', 'purpose', 'amount']));
    const idError = (response.body as ErrorAnswer).fieldErrors.find(
      (e: { field: string }) => e.field === 'applicant.idNumber',
    );
    expect(idError?.reasons.join()).toContain('check character');
    const purposeError = (response.body as ErrorAnswer).fieldErrors.find(
      (e: { field: string }) => e.field === 'purpose',
    );
    expect(purposeError?.reasons.join()).toContain('loans without a purpose are refused');
    // Nothing written: no party, hence no loan, carries this applicant's name.
    expect(await suite.dataSource.getRepository(LoanPartyEntity).countBy({ name: marker })).toBe(0);
  });

  it('lets only customer managers take applications (403, audited)', async () => {
    const response = await suite.staff.post(
      'wang.reviewer',
      '/api/applications',
      creditApplication(),
    );
    expect(response.status).toBe(403);
    expect((response.body as ErrorAnswer).code).toBe('ROLE_REQUIRED');
  });

  it('refuses at the automatic checks with every reason, and notifies the applicant', async () => {
    const { desk, processInstanceKey, loanId } = await applyAs(
      suite.staff,
      creditApplication({
        applicant: {
          ...creditApplication().applicant,
          name: '黄某 Huang',
          idNumber: '330106198505050019',
          birthDate: '1985-05-05',
        },
        termMonths: 72,
        documents: ['id-card', 'income-proof'],
      }),
    );
    expect(await endEventOf(suite.stack.records, processInstanceKey)).toBe('NotGranted');
    const dossier = (await desk.dossier()).body as Dossier;
    expect(dossier.status).toBe('refused');
    expect(dossier.decision!.stage).toBe('automatic-checks');
    expect(dossier.decision!.reasons).toMatch(/warning list/);
    expect(dossier.decision!.reasons).toMatch(/60 months/);
    expect(dossier.decision!.reasons).toMatch(/credit-authorization|征信授权书/);
    expect(dossier.notifications).toEqual([
      expect.objectContaining({ kind: 'decision-refused', channel: 'sms' }),
    ]);
    // What is left is the archive officers' filing of the refused application's file.
    await suite.staff.waitForTask('song.archive', loanId, 'loanflow:archive-file');
    const after = (await desk.dossier()).body as Dossier;
    expect(after.openTasks).toEqual([
      expect.objectContaining({
        type: 'loanflow:archive-file',
        candidateGroups: ['archive-officer:SB-HZ-XH'],
      }),
    ]);
  });

  it('loops back to investigation when the review returns the file, then a review rejects it', async () => {
    const { desk, loanId, processInstanceKey } = await applyAs(suite.staff, creditApplication());
    await desk.completeOk('li.cm', FORM.investigation, GOOD_INVESTIGATION);
    await desk.completeOk('wang.reviewer', FORM.review, {
      ...PASSING_REVIEW,
      outcome: 'return',
      questions: ['Provide the renovation contract signed by both parties'],
    });

    const again = await suite.staff.waitForTask('li.cm', loanId, FORM.investigation);
    const detail = (await suite.staff.get('li.cm', `/api/tasks/${again.id}`)).body as TaskDetail;
    expect(detail.loan!.openQuestions).toEqual([
      'Provide the renovation contract signed by both parties',
    ]);
    expect(((await desk.dossier()).body as Dossier).stage).toBe('investigation');

    await desk.completeOk('li.cm', FORM.investigation, GOOD_INVESTIGATION);
    await desk.completeOk('wang.reviewer', FORM.review, {
      ...PASSING_REVIEW,
      outcome: 'reject',
      reasons: 'the renovation contract does not match the amount applied for',
    });
    expect(await endEventOf(suite.stack.records, processInstanceKey)).toBe('NotGranted');
    const dossier = (await desk.dossier()).body as Dossier;
    expect(dossier.decision).toMatchObject({ outcome: 'rejected', stage: 'review' });
    const reviews = dossier.decisions.filter((d) => d.actor === 'wang.reviewer');
    expect(reviews).toHaveLength(2);
  });

  it('ends with a rejection at approval, with the approver’s reasons', async () => {
    const { desk, processInstanceKey } = await applyAs(suite.staff, creditApplication());
    await desk.throughReview();
    await desk.completeOk('zhao.approver', FORM.approval, {
      decision: 'reject',
      reasons: 'income too volatile for a 36-month commitment',
    });
    expect(await endEventOf(suite.stack.records, processInstanceKey)).toBe('NotGranted');
    const dossier = (await desk.dossier()).body as Dossier;
    expect(dossier.decision).toMatchObject({
      outcome: 'rejected',
      stage: 'approval',
      reasons: 'income too volatile for a 36-month commitment',
    });
    expect(dossier.notifications[0].kind).toBe('decision-rejected');
  });

  it('refers a loan above branch authority to the center head (second level)', async () => {
    const { desk, loanId } = await applyAs(suite.staff, creditApplication({ amount: '500000.00' }));
    await desk.throughReview();
    // The branch approver agrees and refers it up: no authority refusal below the required level.
    await desk.completeOk('zhao.approver', FORM.approval, approvalOf('500000.00', 36));
    const centerTask = await suite.staff.waitForTask('chen.center', loanId, FORM.approval);
    expect(centerTask.candidateGroups).toEqual(['center-manager:SB-HZ-XH']);
    const detail = (await suite.staff.get('chen.center', `/api/tasks/${centerTask.id}`))
      .body as TaskDetail;
    expect(detail.loan!.approval).toEqual({ level: 'center', requiredLevel: 'center' });
    await desk.completeOk('chen.center', FORM.approval, approvalOf('500000.00', 36));
    await suite.staff.waitForTask('li.cm', loanId, FORM.contracts);

    const dossier = (await desk.dossier()).body as Dossier;
    expect(dossier).toMatchObject({
      requiredApprovalLevel: 'center',
      status: 'approved',
      stage: 'contract-signing',
    });
    const approvals = dossier.decisions
      .filter((d) => d.action === 'task.complete')
      .map((d) => `${d.actor}: ${d.summary!.split(' ').slice(0, 5).join(' ')}`);
    expect(approvals).toEqual(
      expect.arrayContaining([
        'zhao.approver: approved at branch level, referred',
        'chen.center: approved at center level 500000.00',
      ]),
    );
  });

  it('refers a loan above center authority up to the head-office committee (third level), which decides by vote', async () => {
    // A business loan of 2,500,000: above the center's 2,000,000 for business loans.
    const { loanId } = await toCommittee(suite.staff);
    for (const member of COMMITTEE) {
      const ballot = await suite.staff.waitForTask(
        member,
        loanId,
        'loanflow:committee-vote',
        45_000,
      );
      expect(ballot.assignee).toBe(member);
      const cast = await suite.staff.post(member, `/api/tasks/${ballot.id}/complete`, {
        answer: { ballot: 'approve', reasons: 'the chain’s cash flow covers the installments' },
      });
      expect(cast.status).toBe(200);
    }
    await suite.staff.waitForTask('li.cm', loanId, FORM.contracts);
    expect((await suite.staff.get('li.cm', `/api/loans/${loanId}`)).body).toMatchObject({
      requiredApprovalLevel: 'committee',
      approved: { amount: '2500000.00', termMonths: 60 },
    });
  });

  it('refuses an approver who raises the amount above their authority at the final level', async () => {
    const { desk, loanId } = await applyAs(suite.staff, creditApplication());
    await desk.throughReview();
    // Above the application only as a counter-offer; within the bounds, the authority still stops it.
    const refused = await desk.complete('zhao.approver', FORM.approval, {
      ...approvalOf('320000.00', 36),
      counterOffer: true,
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'ABOVE_AUTHORITY',
      details: { requiredLevel: 'center' },
    });
    expect((await suite.staff.waitForTask('zhao.approver', loanId, FORM.approval)).state).toBe(
      'open',
    );
  });

  it('lets an approver above their authority refer the loan up (报上级审批) instead of approving it', async () => {
    const { desk, loanId } = await applyAs(suite.staff, creditApplication());
    await desk.throughReview();
    const proposal = { ...approvalOf('320000.00', 36), counterOffer: true };
    const refused = await desk.complete('zhao.approver', FORM.approval, proposal);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'ABOVE_AUTHORITY',
      details: { requiredLevel: 'center' },
    });
    // A refer-up carries the terms it proposes, as an approval does: 400 naming each missing field.
    const bare = await desk.complete('zhao.approver', FORM.approval, {
      decision: 'refer-up',
      reasons: 'above my authority as a counter-offer',
    });
    expect(bare.status).toBe(400);
    expect(
      (bare.body as ErrorAnswer).fieldErrors.map((e: { field: string }) => e.field).sort(),
    ).toEqual(['answer.amount', 'answer.annualRate', 'answer.termMonths']);
    // Referred up with the proposal: no authority check, since nothing is approved at this level.
    const reasons = '超出本人审批权限，报中心负责人审批 (counter-offer above the request)';
    await desk.completeOk('zhao.approver', FORM.approval, {
      ...proposal,
      decision: 'refer-up',
      reasons,
    });
    const center = await suite.staff.waitForTask('chen.center', loanId, FORM.approval);
    expect(center.candidateGroups).toEqual(['center-manager:SB-HZ-XH']);
    const detail = (await suite.staff.get('chen.center', `/api/tasks/${center.id}`))
      .body as TaskDetail;
    expect(detail.context).toMatchObject({
      approval: { decision: 'refer-up', amount: '320000.00', by: 'zhao.approver', reasons },
    });
    // On record as a refer-up at branch level (never as an approval), with its audit entry.
    const dossier = (await suite.staff.get('chen.center', `/api/loans/${loanId}`)).body as {
      decisions: { actor: string; outcome: string; summary: string | null }[];
    };
    expect(dossier.decisions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: 'zhao.approver',
          summary: textContaining('referred up at branch level to the next level'),
        }),
      ]),
    );
    const recorded = await suite.dataSource.query<
      { outcome: string; level: string; amount: string }[]
    >(
      `SELECT outcome, level, amount_minor AS amount FROM loan_decision WHERE loan_id = ? AND kind = 'approval'`,
      [loanId],
    );
    expect(recorded).toEqual([{ outcome: 'refer-up', level: 'branch', amount: '32000000' }]);
    // The center head decides within the request: the loan goes on to its contracts.
    await desk.completeOk('chen.center', FORM.approval, approvalOf('200000.00', 36));
    await suite.staff.waitForTask('li.cm', loanId, FORM.contracts);
    expect((await desk.dossier()).body).toMatchObject({
      approved: { amount: '200000.00', termMonths: 36 },
    });
  });

  it('refuses the investigator as reviewer of the same loan (separation of duties, 403)', async () => {
    // zhou.cm holds two posts at the Hangzhou branch: customer manager and reviewer.
    const { desk, loanId } = await applyAs(suite.staff, creditApplication(), 'zhou.cm');
    await desk.completeOk('zhou.cm', FORM.investigation, GOOD_INVESTIGATION);
    const review = await suite.staff.waitForTask('zhou.cm', loanId, FORM.review);
    const claim = await suite.staff.post('zhou.cm', `/api/tasks/${review.id}/claim`);
    expect(claim.status).toBe(403);
    expect((claim.body as ErrorAnswer).code).toBe('SEPARATION_OF_DUTIES');
    expect((claim.body as ErrorAnswer).message).toContain(
      'did the investigation (贷前调查) of this loan',
    );
    // The trail is scoped like the dossier: Ningbo staff do not read a Hangzhou loan's.
    const elsewhere = await suite.staff.get('he.reviewer', `/api/loans/${loanId}/audit`);
    expect(elsewhere.status).toBe(404);
    expect((elsewhere.body as ErrorAnswer).code).toBe('LOAN_NOT_FOUND');
    const trail = (await suite.staff.get('jiang.audit', `/api/loans/${loanId}/audit`))
      .body as unknown[];
    expect(trail.at(-1)).toMatchObject({
      actor: 'he.reviewer',
      action: 'access.refused',
      outcome: 'refused',
    });
    expect(trail.at(-2)).toMatchObject({
      actor: 'zhou.cm',
      action: 'task.claim',
      outcome: 'refused',
    });
  });

  it('will not let the supervisor release a loan whose conditions are unmet; the file goes back', async () => {
    // Self-payment of 350,000 exceeds the consumer ceiling of 300,000 (受托支付 is required above it).
    const { desk, loanId } = await applyAs(
      suite.staff,
      creditApplication({
        amount: '350000.00',
        payment: { method: 'self', payeeAccount: '6222020200998877665' },
      }),
    );
    await desk.throughReview();
    await desk.completeOk('zhao.approver', FORM.approval, approvalOf('350000.00', 36));
    await desk.completeOk('chen.center', FORM.approval, approvalOf('350000.00', 36));
    await desk.completeOk('li.cm', FORM.contracts, contractsFor(loanId));
    const release = await desk.complete('hu.supervisor', FORM.disbursementCheck, RELEASE);
    expect(release.status).toBe(422);
    expect((release.body as ErrorAnswer).code).toBe('DISBURSEMENT_CONDITIONS_NOT_MET');
    expect((release.body as ErrorAnswer).message).toMatch(/300000\.00|300,000/);

    await desk.completeOk('hu.supervisor', FORM.disbursementCheck, {
      ...RELEASE,
      decision: 'return',
      paymentMethodAllowed: false,
      remarks: 'self-payment above the ceiling: switch to entrusted payment',
    });
    const back = await suite.staff.waitForTask('li.cm', loanId, FORM.contracts);
    const detail = (await suite.staff.get('li.cm', `/api/tasks/${back.id}`)).body as TaskDetail;
    expect(detail.loan!.openQuestions).toEqual([
      'self-payment above the ceiling: switch to entrusted payment',
    ]);
    const { ledgerOf } = await import('../support');
    expect((await ledgerOf(suite.dataSource, loanId)).disbursements).toEqual([]);
  });

  it('decides the approval level on the broker exactly as the delegation schedule does', async () => {
    const schedule: AuthorityLimit[] = DEMO_AUTHORITY_SCHEDULE.map(
      ([level, product, maxGrade, minor]) => ({
        level: level as AuthorityLimit['level'],
        product: product as LoanProduct,
        maxRiskGrade: maxGrade as AuthorityLimit['maxRiskGrade'],
        maxAmount: Money.ofMinor(minor),
      }),
    );
    const amounts = [
      '1000.00',
      '300000.00',
      '300000.01',
      '500000.00',
      '1000000.00',
      '2000000.00',
      '2000000.01',
      '5000000.00',
      '9000000.00',
    ];
    for (const product of ['consumer', 'housing', 'business'] as LoanProduct[])
      for (const riskGrade of RISK_GRADES)
        for (const amount of amounts) {
          const evaluated = await suite.stack.zeebe.evaluateDecision({
            decisionId: 'approval-authority',
            variables: { loan: { product, amount, riskGrade } },
          });
          const expected = requiredLevel(schedule, {
            product,
            riskGrade,
            amount: Money.parse(amount),
          });
          expect({
            product,
            riskGrade,
            amount,
            level: JSON.parse(evaluated.decisionOutput) as unknown,
          }).toEqual({
            product,
            riskGrade,
            amount,
            level: expected,
          });
        }
    expect(APPROVAL_LEVELS).toEqual(['branch', 'center', 'committee']);
  });
});
