import { MonitoringWorkersModule } from '@loanflow/monitoring';
import {
  DisbursementEntity,
  IncidentEntity,
  LoanDecisionEntity,
  LoanEntity,
} from '@loanflow/persistence';
import {
  applyAs,
  approvalOf,
  contractsFor,
  creditApplication,
  endEventOf,
  eventually,
  FORM,
  GOOD_INVESTIGATION,
  originationSuite,
  PASSING_REVIEW,
  RELEASE,
  withExtraRole,
} from '../support';

const OFFER = 'loanflow:counter-offer-acceptance';

/**
 * A credit decision stays within the application, the product and the pricing grid; a review
 * passes only what it attests; lending more than asked is a counter-offer the applicant must take;
 * the payout rests on the decisions on record, whatever a process variable says.
 */
describe('decision integrity on the real broker', () => {
  const suite = originationSuite(MonitoringWorkersModule);

  const fieldsOf = (body: unknown) =>
    ((body as { fieldErrors?: { field: string }[] }).fieldErrors ?? []).map((f) => f.field).sort();

  it('refuses 290,000.00 for 360 months at 0.00% on an 80,000.00 application, naming each field', async () => {
    const { desk, loanId } = await applyAs(suite.staff, creditApplication({ amount: '80000.00' }));
    await desk.throughReview();
    const refused = await desk.complete('zhao.approver', FORM.approval, {
      decision: 'approve',
      amount: '290000.00',
      termMonths: 360,
      annualRate: '0.00',
      reasons: 'the applicant is a good customer',
    });
    expect(refused.status).toBe(400);
    expect((refused.body as { code: string }).code).toBe('DECISION_OUT_OF_BOUNDS');
    expect(fieldsOf(refused.body)).toEqual([
      'answer.amount',
      'answer.annualRate',
      'answer.termMonths',
    ]);
    expect(JSON.stringify(refused.body)).toContain('above the 80000.00 applied for');
    expect(JSON.stringify(refused.body)).toContain('outside 1–60 months');
    // Nothing recorded; the task still waits and a proper decision goes through.
    expect(
      await suite.dataSource
        .getRepository(LoanDecisionEntity)
        .countBy({ loanId, kind: 'approval' }),
    ).toBe(0);
    await desk.completeOk('zhao.approver', FORM.approval, approvalOf('80000.00', 24));
    await suite.staff.waitForTask('li.cm', loanId, FORM.contracts);
    expect((await desk.dossier()).body).toMatchObject({
      approved: { amount: '80000.00', termMonths: 24 },
    });
  });

  it('bounds the reviewer’s recommendation and makes a pass attest what it checked', async () => {
    const { desk, loanId } = await applyAs(suite.staff, creditApplication({ amount: '80000.00' }));
    await desk.completeOk('li.cm', FORM.investigation, GOOD_INVESTIGATION);
    const unattested = await desk.complete('wang.reviewer', FORM.review, {
      ...PASSING_REVIEW,
      legalityChecked: false,
      complianceChecked: false,
      transactionAuthentic: false,
      relatedPartyAnomalies: true,
      recommendedAmount: '90000.00',
      recommendedAnnualRate: '0.50',
    });
    expect(unattested.status).toBe(400);
    expect(fieldsOf(unattested.body)).toEqual([
      'answer.complianceChecked',
      'answer.legalityChecked',
      'answer.recommendedAmount',
      'answer.recommendedAnnualRate',
      'answer.relatedPartyExplanation',
      'answer.transactionAuthentic',
    ]);
    expect((await suite.staff.waitForTask('wang.reviewer', loanId, FORM.review)).state).toBe(
      'open',
    );
  });

  it('passes explained related-party anomalies only a level up: the branch approver refers it to the center', async () => {
    const { desk, loanId } = await applyAs(suite.staff, creditApplication({ amount: '50000.00' }));
    await desk.completeOk('li.cm', FORM.investigation, GOOD_INVESTIGATION);
    await desk.completeOk('wang.reviewer', FORM.review, {
      ...PASSING_REVIEW,
      relatedPartyAnomalies: true,
      relatedPartyExplanation:
        'the seller is the applicant’s cousin; the price matches three quotes',
    });
    await desk.completeOk('zhao.approver', FORM.approval, approvalOf('50000.00', 24));
    // Within the branch's authority, yet the file goes on to the center head.
    const center = await suite.staff.waitForTask('chen.center', loanId, FORM.approval);
    expect(center.candidateGroups).toEqual(['center-manager:SB-HZ-XH']);
    await desk.completeOk('chen.center', FORM.approval, approvalOf('50000.00', 24));
    await suite.staff.waitForTask('li.cm', loanId, FORM.contracts);
  });

  it('pays a counter-offer only once the applicant has accepted it', async () => {
    const { desk, loanId, processInstanceKey } = await applyAs(
      suite.staff,
      creditApplication({ amount: '80000.00' }),
    );
    await desk.throughReview();
    const plain = await desk.complete('zhao.approver', FORM.approval, approvalOf('100000.00', 24));
    expect(plain.status).toBe(400);
    expect(fieldsOf(plain.body)).toEqual(['answer.amount']);
    await desk.completeOk('zhao.approver', FORM.approval, {
      ...approvalOf('100000.00', 24),
      counterOffer: true,
      reasons: 'income supports more; the renovation quote is 100,000.00',
    });
    // The customer manager records the applicant's answer before any contract.
    const offer = await suite.staff.waitForTask('li.cm', loanId, OFFER);
    const detail = await suite.staff.task('li.cm', offer.id);
    expect(detail.context).toMatchObject({
      approval: { amount: '100000.00', counterOffer: true },
    });
    await desk.completeOk('li.cm', OFFER, { answer: 'accepted', channel: 'in-person' });
    await desk.completeOk('li.cm', FORM.contracts, contractsFor(loanId));
    await desk.completeOk('hu.supervisor', FORM.disbursementCheck, RELEASE);
    expect(await endEventOf(suite.stack.records, processInstanceKey)).toBe('Disbursed');
    const paid = await suite.dataSource
      .getRepository(DisbursementEntity)
      .findOneByOrFail({ loanId });
    expect(paid.amountMinor).toBe('10000000');
  });

  it('ends the loan when the applicant declines the counter-offer: no contract, no payout', async () => {
    const { desk, loanId, processInstanceKey } = await applyAs(
      suite.staff,
      creditApplication({ amount: '80000.00' }),
    );
    await desk.throughReview();
    await desk.completeOk('zhao.approver', FORM.approval, {
      ...approvalOf('120000.00', 36),
      counterOffer: true,
      reasons: 'a larger loan over a longer term lowers the installment',
    });
    await desk.completeOk('li.cm', OFFER, {
      answer: 'declined',
      channel: 'recorded-call',
      remarks: 'the applicant wants only what was asked for',
    });
    expect(await endEventOf(suite.stack.records, processInstanceKey)).toBe('OfferDeclined');
    const loan = await suite.dataSource.getRepository(LoanEntity).findOneByOrFail({ id: loanId });
    expect(loan.status).toBe('offer-declined');
    expect(await suite.dataSource.getRepository(DisbursementEntity).countBy({ loanId })).toBe(0);
  });

  it('raises an incident instead of paying when the terms to pay differ from the approval on record', async () => {
    const { desk, loanId, processInstanceKey } = await applyAs(
      suite.staff,
      creditApplication({ amount: '80000.00' }),
    );
    await desk.throughReview();
    await desk.completeOk('zhao.approver', FORM.approval, approvalOf('80000.00', 24));
    await desk.completeOk('li.cm', FORM.contracts, contractsFor(loanId));
    // Someone (a model, a script) changes the loan's terms behind the decision's back.
    await suite.dataSource
      .getRepository(LoanEntity)
      .update({ id: loanId }, { amountMinor: '29000000', termMonths: 360, annualRate: '0.0000' });
    await desk.completeOk('hu.supervisor', FORM.disbursementCheck, RELEASE);
    const incident = await eventually(
      () =>
        suite.dataSource
          .getRepository(IncidentEntity)
          .findOneBy({ processInstanceKey, elementId: 'Disburse', state: 'open' }),
      (row) => row !== null,
    );
    expect(incident?.errorMessage).toContain('differ from the approval on record');
    expect(incident?.errorMessage).toContain('amount 290000.00 ≠ 80000.00');
    expect(await suite.dataSource.getRepository(DisbursementEntity).countBy({ loanId })).toBe(0);
  });

  it('keeps the disbursement check apart from the loan’s approver', async () => {
    // A branch staff member who holds both posts (allowed together) may do only one on a loan.
    await withExtraRole(suite.dataSource, 'zhao.approver', 'disbursement-supervisor', async () => {
      const { desk, loanId } = await applyAs(
        suite.staff,
        creditApplication({ amount: '60000.00' }),
      );
      await desk.throughReview();
      await desk.completeOk('zhao.approver', FORM.approval, approvalOf('60000.00', 24));
      await desk.completeOk('li.cm', FORM.contracts, contractsFor(loanId));
      const check = await suite.staff.waitForTask('hu.supervisor', loanId, FORM.disbursementCheck);
      const refused = await suite.staff.post('zhao.approver', `/api/tasks/${check.id}/claim`);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        code: 'SEPARATION_OF_DUTIES',
        details: { duty: 'disbursement-check', conflictingDuty: 'approval' },
      });
    });
  });
});
