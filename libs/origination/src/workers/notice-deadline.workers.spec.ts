import { SYSTEM_ACTOR } from '@loanflow/audit';
import type { LoanFile, LoanRecords } from '@loanflow/loans';
import { LoanPartyEntity } from '@loanflow/persistence';
import { BusinessClock, NonRetryableJobError } from '@loanflow/workflow';
import { jobContext } from '@loanflow/test-support/job-context';
import { RecordedNotifier } from '@loanflow/test-support/recorded-notifier';
import { JOB } from '../origination.contract';
import { APPLICATION, FakeDecisionRecords } from './decision-records.fixture';
import {
  ComputeNoticeDueInput,
  ComputeNoticeDueWorker,
  EscalateNoticeBreachWorker,
} from './notice-deadline.workers';
import { LoanRef } from './worker-inputs';

/** 16:00 in Beijing on 14 October 2026, when the limit ran out without a notice. */
const BREACHED_AT = new Date('2026-10-14T08:00:00.000Z');

function noticeDue(completeAt: string, jobKey = '2251799813700001') {
  const register = new FakeDecisionRecords();
  register.loanIn('in-decision');
  const worker = new ComputeNoticeDueWorker(register);
  const run = (at = completeAt, key = jobKey) =>
    worker.handle(
      Object.assign(new ComputeNoticeDueInput(), {
        loanId: APPLICATION,
        applicationCompleteAt: at,
      }),
      jobContext({ type: JOB.computeNoticeDue, jobKey: key }),
    );
  return { register, run };
}

describe('the decision notice’s deadline (origination.compute-notice-due, 3 working days)', () => {
  it('counts working days on the Chinese calendar: National Day is skipped, the make-up Saturday counts', async () => {
    // Complete at 10:00 on 30 September: 8, 9 and (the make-up Saturday) 10 October.
    const { register, run } = noticeDue('2026-09-30T02:00:00.000Z');
    const due = await run();
    expect(due).toEqual({
      noticeDueAt: '2026-10-10T16:00:00.000Z',
      noticeCalendarCovered: true,
    });
    expect(register.loan()).toMatchObject({
      applicationCompleteAt: new Date('2026-09-30T02:00:00.000Z'),
      noticeDueAt: new Date('2026-10-10T16:00:00.000Z'),
      noticeCalendarCovered: 1,
    });
  });

  it('counts Monday to Friday beyond the published calendar, and says so on the loan', async () => {
    const { register, run } = noticeDue('2031-03-07T02:00:00.000Z');
    const due = await run();
    // Friday 7 March 2031: Monday 10, Tuesday 11 and Wednesday 12 March.
    expect(due).toEqual({
      noticeDueAt: '2031-03-12T16:00:00.000Z',
      noticeCalendarCovered: false,
    });
    expect(register.loan()?.noticeCalendarCovered).toBe(0);
  });

  it('refuses a date the worker cannot read without retrying, writing nothing', async () => {
    const { register, run } = noticeDue('30/09/2026');
    await expect(run()).rejects.toBeInstanceOf(NonRetryableJobError);
    await expect(run()).rejects.toThrow(/"30\/09\/2026" is not a UTC date-time/);
    expect(register.loan()?.noticeDueAt).toBeUndefined();
  });

  it('keeps the first delivery’s deadline when the job is delivered again', async () => {
    const { register, run } = noticeDue('2026-09-30T02:00:00.000Z');
    await run();
    await run('2026-10-12T02:00:00.000Z', '2251799813700002');
    expect(register.loan()?.noticeDueAt).toEqual(new Date('2026-10-10T16:00:00.000Z'));
  });
});

describe('a notice past its limit (origination.escalate-notice-breach)', () => {
  function breach() {
    const register = new FakeDecisionRecords();
    const loan = register.loanIn('in-decision', {
      applicationCompleteAt: new Date('2026-09-30T02:00:00.000Z'),
      noticeDueAt: new Date('2026-10-10T16:00:00.000Z'),
    });
    const file: LoanFile = {
      loan,
      applicant: Object.assign(new LoanPartyEntity(), { role: 'applicant', name: '王芳' }),
      guarantors: [],
      collateral: [],
      contracts: [],
      documentKinds: [],
    };
    const records = {
      withPartiesForJob: () => Promise.resolve(file),
    } as unknown as LoanRecords;
    const notifier = new RecordedNotifier();
    const clock = { now: () => Promise.resolve(BREACHED_AT) } as unknown as BusinessClock;
    const worker = new EscalateNoticeBreachWorker(records, register, notifier, clock);
    const run = (jobKey = '2251799813700001') =>
      worker.handle(
        Object.assign(new LoanRef(), { loanId: APPLICATION }),
        jobContext({ type: JOB.escalateNoticeBreach, jobKey }),
      );
    return { register, notifier, run };
  }

  it('marks the breach, audits it and tells the branch’s center manager, once', async () => {
    const { register, notifier, run } = breach();
    await run();
    await run('2251799813700002');
    expect(register.loan()?.noticeBreachedAt).toEqual(BREACHED_AT);
    expect(register.audited).toEqual([
      {
        actor: SYSTEM_ACTOR,
        action: 'decision.notice-breach',
        outcome: 'ok',
        loanKey: APPLICATION,
        reason:
          'no decision notice by 2026-10-10T16:00:00.000Z: escalated to the center manager of SB-HZ-XH',
      },
    ]);
    expect(notifier.sent).toEqual([
      expect.objectContaining({
        dedupeKey: `notice-breach:${APPLICATION}`,
        recipient: 'role:center-manager:SB-HZ-XH',
        kind: 'notice-breach',
      }),
    ]);
    expect(notifier.sent[0]?.body).toContain('王芳');
  });
});
