import { staffActor, SYSTEM_ACTOR } from '@loanflow/audit';
import type { AppConfig } from '@loanflow/config';
import { followUpDueOn } from '@loanflow/domain';
import type { LoanRecords } from '@loanflow/loans';
import { NonRetryableJobError } from '@loanflow/workflow';
import { jobContext } from '@loanflow/test-support/job-context';
import { RecordedNotifier } from '@loanflow/test-support/recorded-notifier';
import { LOAN } from '../requests/loan-request-records.fixture';
import { SERVICING_JOB } from '../servicing.contract';
import { FakeAfterDisbursementRecords } from './after-disbursement-records.fixture';
import {
  EscalateFollowUpWorker,
  EscalateRevaluationWorker,
  PlanFollowUpWorker,
  PlanRevaluationWorker,
  RecordFollowUpInput,
  RecordFollowUpWorker,
  RecordRevaluationInput,
  RecordRevaluationWorker,
} from './after-disbursement.workers';
import type { RiskWarnings } from './risk-warnings.service';

/** 10:00 in Beijing on 7 April 2026. */
const AS_OF = '2026-04-07T02:00:00.000Z';
const config = {
  FOLLOW_UP_DAYS: 15,
  COLLATERAL_REVALUATION_MONTHS: '',
  COLLATERAL_LTV_LIMITS: '',
} as unknown as AppConfig;

function surroundings(register: FakeAfterDisbursementRecords) {
  const records = {
    fileForJob: () => Promise.resolve(register.file),
  } as unknown as LoanRecords;
  const raised: Parameters<RiskWarnings['raise']>[0][] = [];
  const warnings = {
    raise: (request: Parameters<RiskWarnings['raise']>[0]) =>
      Promise.resolve(void raised.push(request)),
  } as unknown as RiskWarnings;
  return { records, warnings, raised, notifier: new RecordedNotifier() };
}

describe('the follow-up after the payout (贷后回访)', () => {
  it('is planned FOLLOW_UP_DAYS after the payout, once per loan', async () => {
    const register = new FakeAfterDisbursementRecords();
    const { records } = surroundings(register);
    const worker = new PlanFollowUpWorker(register, records, config);
    const { followUp } = await worker.handle({ loanId: LOAN, asOf: AS_OF });
    expect(followUp).toEqual({
      id: register.followUps[0]?.id,
      dueOn: followUpDueOn('2026-03-15', 15),
      dueAt: '2026-03-30T16:00:00.000Z',
    });
    expect((await worker.handle({ loanId: LOAN, asOf: AS_OF })).followUp).toEqual(followUp);
    expect(register.followUps).toHaveLength(1);
  });

  it('is not planned for a loan not paid out', async () => {
    const register = new FakeAfterDisbursementRecords({ disbursedAt: null });
    const { records } = surroundings(register);
    await expect(
      new PlanFollowUpWorker(register, records, config).handle({ loanId: LOAN, asOf: AS_OF }),
    ).rejects.toThrow(
      new NonRetryableJobError(`loan ${LOAN} has not been disbursed: nothing to follow up`),
    );
  });

  const report = (useOfFunds: string, contactConfirmed = true) =>
    Object.assign(new RecordFollowUpInput(), {
      loanId: LOAN,
      asOf: AS_OF,
      followUpId: '',
      followUpReport: {
        useOfFunds,
        fundsNotes: '装修合同与发票相符',
        contactConfirmed,
        findings: '借款人经营正常',
        by: 'li.cm',
      },
    });

  async function planned() {
    const register = new FakeAfterDisbursementRecords();
    const step = surroundings(register);
    const { followUp } = await new PlanFollowUpWorker(register, step.records, config).handle({
      loanId: LOAN,
      asOf: AS_OF,
    });
    return { register, ...step, followUpId: followUp.id };
  }

  it('is recorded with what the customer manager found; funds used as stated raise nothing', async () => {
    const { register, warnings, raised, followUpId } = await planned();
    const worker = new RecordFollowUpWorker(register, warnings);
    const input = Object.assign(report('consistent'), { followUpId });
    expect(await worker.handle(input, jobContext({ type: SERVICING_JOB.recordFollowUp }))).toEqual({
      followUpWarning: null,
    });
    expect(register.followUps[0]).toMatchObject({
      completedAt: new Date(AS_OF),
      completedOn: '2026-04-07',
      completedBy: 'li.cm',
      useOfFunds: 'consistent',
      contactConfirmed: 1,
      warningLevel: null,
    });
    expect(raised).toEqual([]);
  });

  it.each([
    ['inconsistent', true, 'orange'],
    ['not-verifiable', true, 'yellow'],
    ['consistent', false, 'yellow'],
  ] as const)(
    'funds %s (contact confirmed: %s) raise a %s warning',
    async (use, contact, level) => {
      const { register, warnings, raised, followUpId } = await planned();
      const input = Object.assign(report(use, contact), { followUpId });
      await new RecordFollowUpWorker(register, warnings).handle(
        input,
        jobContext({ type: SERVICING_JOB.recordFollowUp }),
      );
      expect(raised).toEqual([
        expect.objectContaining({
          loanId: LOAN,
          level,
          signal: 'follow-up',
          actor: staffActor('li.cm', 'customer-manager'),
        }),
      ]);
    },
  );

  it('refuses, without retry, a follow-up the loan does not have', async () => {
    const { register, warnings } = await planned();
    await expect(
      new RecordFollowUpWorker(register, warnings).handle(
        Object.assign(report('consistent'), { followUpId: '999' }),
        jobContext({ type: SERVICING_JOB.recordFollowUp }),
      ),
    ).rejects.toThrow(new NonRetryableJobError(`follow-up 999 of loan ${LOAN} does not exist`));
  });

  it('late, is escalated to the branch’s center manager once, and not at all once done', async () => {
    const { register, records, notifier, followUpId } = await planned();
    const worker = new EscalateFollowUpWorker(register, records, notifier);
    await worker.handle({ loanId: LOAN, followUpId, asOf: AS_OF });
    await worker.handle({ loanId: LOAN, followUpId, asOf: AS_OF });
    expect(register.followUps[0]?.escalatedAt).toEqual(new Date(AS_OF));
    expect(register.audited).toEqual([
      {
        actor: SYSTEM_ACTOR,
        action: 'inspection.follow-up-late',
        outcome: 'ok',
        loanKey: LOAN,
        reason: `follow-up after disbursement due 2026-03-30 not done: escalated to the center manager of SB-HZ-XH`,
      },
    ]);
    expect(notifier.sent).toEqual([
      expect.objectContaining({
        dedupeKey: `follow-up-late:${followUpId}`,
        recipient: 'role:center-manager:SB-HZ-XH',
      }),
    ]);

    const done = await planned();
    done.register.followUps[0].completedAt = new Date('2026-03-28T02:00:00.000Z');
    await new EscalateFollowUpWorker(done.register, done.records, done.notifier).handle({
      loanId: LOAN,
      followUpId: done.followUpId,
      asOf: AS_OF,
    });
    expect(done.register.audited).toEqual([]);
    expect(done.notifier.sent).toEqual([]);
  });
});

describe('revaluing the collateral (押品价值重估)', () => {
  /** 10:00 in Beijing on 10 March 2027: the flat is due for its yearly revaluation. */
  const A_YEAR_ON = '2027-03-10T02:00:00.000Z';

  async function plannedRound() {
    const register = new FakeAfterDisbursementRecords();
    const step = surroundings(register);
    const { revaluation } = await new PlanRevaluationWorker(register, step.records, config).handle({
      loanId: LOAN,
      asOf: A_YEAR_ON,
    });
    return { register, ...step, revaluation: revaluation! };
  }

  it('plans a property’s yearly round, with its last value, once until it is recorded', async () => {
    const { register, records, revaluation } = await plannedRound();
    expect(revaluation).toEqual({
      id: register.rounds[0]?.id,
      number: 1,
      dueOn: '2027-03-17',
      opensAt: '2027-03-09T16:00:00.000Z',
      dueAt: '2027-03-17T16:00:00.000Z',
      items: [
        {
          collateralId: '61',
          kind: 'property',
          lastValue: '200000.00',
          lastValuedOn: '2026-03-15',
        },
      ],
    });
    const again = await new PlanRevaluationWorker(register, records, config).handle({
      loanId: LOAN,
      asOf: A_YEAR_ON,
    });
    expect(again.revaluation).toEqual(revaluation);
    expect(register.rounds).toHaveLength(1);
  });

  it('plans none for a loan with no collateral', async () => {
    const register = new FakeAfterDisbursementRecords({ guaranteeType: 'credit' }, false);
    const { records } = surroundings(register);
    expect(
      await new PlanRevaluationWorker(register, records, config).handle({
        loanId: LOAN,
        asOf: A_YEAR_ON,
      }),
    ).toEqual({ revaluation: null });
  });

  const revalue = (revaluationId: string, newValue: string) =>
    Object.assign(new RecordRevaluationInput(), {
      loanId: LOAN,
      asOf: A_YEAR_ON,
      revaluationId,
      collateralRevaluation: {
        items: [{ collateralId: '61', newValue, basis: 'appraisal-report' }],
        by: 'sun.mc',
      },
    });

  it('keeps the new value and, with the principal owed above the limit, warns with the shortfall', async () => {
    const { register, warnings, raised, revaluation } = await plannedRound();
    const worker = new RecordRevaluationWorker(register, warnings, config);
    const outcome = await worker.handle(
      revalue(revaluation.id, '150000.00'),
      jobContext({ type: SERVICING_JOB.recordRevaluation }),
    );
    expect(outcome).toEqual({ revaluationWithinLimit: false, revaluationWarning: 'orange' });
    expect(register.valuations).toEqual([
      expect.objectContaining({
        collateralId: '61',
        revaluationId: revaluation.id,
        previousValueMinor: '20000000',
        valueMinor: '15000000',
        valuedOn: '2027-03-10',
        valuedBy: 'sun.mc',
      }),
    ]);
    expect(register.rounds[0]).toMatchObject({
      completedOn: '2027-03-10',
      outstandingPrincipalMinor: '12000000',
      collateralValueMinor: '15000000',
      withinLimit: 0,
      warningLevel: 'orange',
    });
    expect(raised).toEqual([
      expect.objectContaining({
        level: 'orange',
        signal: 'revaluation',
        actor: staffActor('sun.mc', 'mortgage-clerk'),
        description: expect.stringContaining('more security or a repayment of') as string,
      }),
    ]);
    expect(register.audited).toHaveLength(1);
  });

  it('raises nothing while the collateral still covers the principal owed', async () => {
    const { register, warnings, raised, revaluation } = await plannedRound();
    const outcome = await new RecordRevaluationWorker(register, warnings, config).handle(
      revalue(revaluation.id, '210000.00'),
      jobContext({ type: SERVICING_JOB.recordRevaluation }),
    );
    expect(outcome).toEqual({ revaluationWithinLimit: true, revaluationWarning: null });
    expect(raised).toEqual([]);
  });

  it('refuses, writing nothing, an item that does not secure the loan', async () => {
    const { register, warnings, revaluation } = await plannedRound();
    const input = revalue(revaluation.id, '150000.00');
    input.collateralRevaluation.items[0].collateralId = '62';
    await expect(
      new RecordRevaluationWorker(register, warnings, config).handle(
        input,
        jobContext({ type: SERVICING_JOB.recordRevaluation }),
      ),
    ).rejects.toThrow(new NonRetryableJobError(`collateral item 62 does not secure loan ${LOAN}`));
    expect(register.valuations).toEqual([]);
    expect(register.rounds[0]?.completedAt).toBeNull();
  });

  it('late, is escalated once', async () => {
    const { register, records, notifier, revaluation } = await plannedRound();
    const worker = new EscalateRevaluationWorker(register, records, notifier);
    await worker.handle({
      loanId: LOAN,
      revaluationId: revaluation.id,
      asOf: '2027-03-18T02:00:00.000Z',
    });
    await worker.handle({
      loanId: LOAN,
      revaluationId: revaluation.id,
      asOf: '2027-03-18T02:00:00.000Z',
    });
    expect(register.audited.map((act) => act.action)).toEqual(['inspection.revaluation-late']);
    expect(notifier.sent.map((notice) => notice.dedupeKey)).toEqual([
      `revaluation-late:${revaluation.id}`,
    ]);
  });
});
