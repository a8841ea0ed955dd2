import { SYSTEM_ACTOR } from '@loanflow/audit';
import type { LoanRecords, LoanWithParties } from '@loanflow/loans';
import { LoanPartyEntity } from '@loanflow/persistence';
import { NonRetryableJobError } from '@loanflow/workflow';
import { jobContext } from '@loanflow/test-support/job-context';
import { RecordedNotifier } from '@loanflow/test-support/recorded-notifier';
import { JOB } from '../origination.contract';
import { APPLICATION, FakeDecisionRecords } from './decision-records.fixture';
import { NotifyDecisionInput, NotifyDecisionWorker } from './notify-decision.worker';
import { RecordOfferDeclinedWorker } from './offer-declined.worker';

describe('a counter-offer declined or lapsed (origination.record-offer-declined)', () => {
  const record = (register: FakeDecisionRecords) =>
    new RecordOfferDeclinedWorker(register).handle({ loanId: APPLICATION });

  it('ends the loan as the applicant’s decline when they declined it', async () => {
    const register = new FakeDecisionRecords();
    register.loanIn('approved');
    register.approve('60000.00', 'declined');
    await record(register);
    expect(register.loan()).toMatchObject({
      status: 'offer-declined',
      decisionOutcome: 'offer-declined',
    });
    expect(register.decisions).toEqual([]);
    expect(register.audited).toEqual([
      {
        actor: SYSTEM_ACTOR,
        action: 'decision.offer-declined',
        outcome: 'ok',
        loanKey: APPLICATION,
        reason: 'the applicant declined the counter-offer',
      },
    ]);
  });

  it('records the lapse as an expired answer when the applicant said nothing for 15 days', async () => {
    const register = new FakeDecisionRecords();
    register.loanIn('approved');
    register.approve('60000.00');
    await record(register);
    expect(register.decisions).toEqual([
      {
        loanId: APPLICATION,
        kind: 'offer-acceptance',
        outcome: 'expired',
        decidedBy: 'system',
        reasons: 'no answer from the applicant within 15 days',
        decidedAt: expect.any(Date) as Date,
      },
    ]);
    expect(register.audited.map((act) => act.reason)).toEqual([
      'the counter-offer lapsed: no answer from the applicant within 15 days',
    ]);
  });

  it('records nothing again when the step is delivered twice', async () => {
    const register = new FakeDecisionRecords();
    register.loanIn('approved');
    register.approve('60000.00');
    await record(register);
    await record(register);
    expect(register.decisions).toHaveLength(1);
    expect(register.audited).toHaveLength(1);
  });

  it('fails without retry for a loan the register does not hold', async () => {
    await expect(record(new FakeDecisionRecords())).rejects.toThrow(
      new NonRetryableJobError(`loan ${APPLICATION} does not exist in the loan register`),
    );
  });
});

describe('the decision notice (origination.notify-decision, 通知客户)', () => {
  const applicant = Object.assign(new LoanPartyEntity(), {
    id: '21',
    loanId: APPLICATION,
    role: 'applicant',
    name: '王芳',
    phone: '13812345678',
  });
  const context = jobContext({ type: JOB.notifyDecision, businessKey: APPLICATION });

  function notifyStep(register: FakeDecisionRecords) {
    const records = {
      withPartiesForJob: (loanId: string) => {
        const loan = register.loan(loanId);
        if (!loan) throw new NonRetryableJobError(`loan ${loanId} does not exist`);
        const withParties: LoanWithParties = { loan, applicant, guarantors: [] };
        return Promise.resolve(withParties);
      },
    } as unknown as LoanRecords;
    const notifier = new RecordedNotifier();
    return { notifier, worker: new NotifyDecisionWorker(records, register, notifier) };
  }

  const input = (
    creditDecision: NotifyDecisionInput['creditDecision'],
    loan: NotifyDecisionInput['loan'] = { amount: '80000.00', termMonths: 36 },
  ) =>
    Object.assign(new NotifyDecisionInput(), {
      loanId: APPLICATION,
      creditDecision,
      loan,
      requiredApprovalLevel: 'center',
    });

  const approved = { outcome: 'approved' as const, stage: 'approval', level: 'center' };

  it('puts the approved terms as recorded on the loan, texts the applicant and audits it once', async () => {
    const register = new FakeDecisionRecords();
    register.loanIn('in-decision');
    register.approve('60000.00');
    const { notifier, worker } = notifyStep(register);
    const terms = '60000.00 yuan over 36 months at 0.0435 a year';
    const carried = { amount: '60000.00', termMonths: 36, annualRate: '0.0435' };
    await worker.handle(input(approved, carried), context);
    expect(notifier.sent).toEqual([
      expect.objectContaining({
        dedupeKey: `decision-notice:${APPLICATION}`,
        channel: 'sms',
        recipient: '13812345678',
        body: `Dear 王芳, your loan application ${APPLICATION} is approved: ${terms} (a counter-offer: please confirm it with your customer manager). Your customer manager will contact you to sign the contracts.`,
      }),
    ]);
    expect(register.loan()).toMatchObject({
      status: 'approved',
      decisionOutcome: 'approved',
      decisionStage: 'approval',
      requiredApprovalLevel: 'center',
      amountMinor: '6000000',
      termMonths: 36,
      annualRate: '0.0435',
      noticeSentAt: new Date(notifier.sentAt),
    });
    expect(register.audited).toEqual([
      {
        actor: SYSTEM_ACTOR,
        action: 'decision.notice',
        outcome: 'ok',
        loanKey: APPLICATION,
        reason: `approved at approval (center level): ${terms} (a counter-offer: please confirm it with your customer manager); notice sent to 138****5678`,
      },
    ]);
  });

  it('sends and records once however often the job is delivered', async () => {
    const register = new FakeDecisionRecords();
    register.loanIn('in-decision');
    const { notifier, worker } = notifyStep(register);
    const rejected = { outcome: 'rejected' as const, stage: 'review', reasons: '负债收入比过高' };
    await worker.handle(input(rejected), context);
    await worker.handle(input(rejected), context);
    expect(notifier.sent).toHaveLength(1);
    expect(register.audited).toHaveLength(1);
    expect(register.loan()).toMatchObject({
      status: 'rejected',
      decisionReasons: '负债收入比过高',
    });
  });

  it('stops as an incident, sending nothing, when the process carries other terms than the approval', async () => {
    const register = new FakeDecisionRecords();
    register.loanIn('in-decision');
    register.approve('60000.00');
    const { notifier, worker } = notifyStep(register);
    const edited = { amount: '288000.00', termMonths: 360, annualRate: '0.0000' };
    await expect(worker.handle(input(approved, edited), context)).rejects.toThrow(
      NonRetryableJobError,
    );
    expect(notifier.sent).toEqual([]);
    expect(register.loan()?.status).toBe('in-decision');
  });

  it('stops as an incident when the process says approved and no approval is on record', async () => {
    const register = new FakeDecisionRecords();
    register.loanIn('in-decision');
    const { notifier, worker } = notifyStep(register);
    await expect(worker.handle(input(approved), context)).rejects.toThrow(
      new NonRetryableJobError(
        `loan ${APPLICATION} is approved in its process but no approval is on record`,
      ),
    );
    expect(notifier.sent).toEqual([]);
  });
});
