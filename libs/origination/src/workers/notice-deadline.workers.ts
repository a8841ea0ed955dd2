import { Inject } from '@nestjs/common';
import { IsString } from 'class-validator';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import { NOTIFIER, Notifier } from '@loanflow/adapters';
import { addWorkingDays } from '@loanflow/domain';
import {
  BusinessClock,
  JobContext,
  JobHandler,
  JobWorker,
  NonRetryableJobError,
} from '@loanflow/workflow';
import { JOB } from '../origination.contract';
import { DecisionRecords } from './decision-records';
import { LoanRef } from './worker-inputs';
import { parseEngineDateTime, LoanRecords } from '@loanflow/loans';

/** The applicant hears of the decision within 3 working days of a complete application. */
export const NOTICE_WORKING_DAYS = 3;

export class ComputeNoticeDueInput extends LoanRef {
  /** When the application was complete, as the engine wrote it (FEEL string(now())). */
  @IsString() applicationCompleteAt!: string;
}

/**
 * The decision notice's deadline on China's working-day calendar: public holidays do not count,
 * make-up working days (调休) do. Beyond the years the published calendar covers, Monday to Friday
 * count as working days: an approximation, recorded on the loan (noticeCalendarCovered false) and
 * logged as a warning, until the package carries the State Council's next calendar.
 */
@JobWorker({
  type: JOB.computeNoticeDue,
  description: 'Compute the decision-notice deadline: 3 working days on the Chinese calendar.',
  input: ComputeNoticeDueInput,
  outputs: ['noticeDueAt', 'noticeCalendarCovered'],
})
export class ComputeNoticeDueWorker implements JobHandler<
  ComputeNoticeDueInput,
  { noticeDueAt: string; noticeCalendarCovered: boolean }
> {
  constructor(private readonly register: DecisionRecords) {}

  async handle(input: ComputeNoticeDueInput, context: JobContext) {
    const completeAt = parseEngineDateTime(input.applicationCompleteAt);
    if (!completeAt)
      throw new NonRetryableJobError(
        `applicationCompleteAt "${input.applicationCompleteAt}" is not a UTC date-time the worker can read`,
      );
    const deadline = addWorkingDays(completeAt, NOTICE_WORKING_DAYS);
    if (!deadline.calendarCovered)
      context.logger.warn(
        'the holiday calendar does not cover this period: Monday to Friday counted as working days',
        { workingDays: deadline.workingDays },
      );
    await this.register.once(JOB.computeNoticeDue, input.loanId, context.jobKey, async (tx) => {
      await tx.updateLoan(input.loanId, {
        applicationCompleteAt: completeAt,
        noticeDueAt: deadline.dueAt,
        noticeCalendarCovered: deadline.calendarCovered ? 1 : 0,
      });
      return true;
    });
    return {
      noticeDueAt: deadline.dueAt.toISOString(),
      noticeCalendarCovered: deadline.calendarCovered,
    };
  }
}

/** The 3-working-day limit passed without a decision: the branch's center manager is told. */
@JobWorker({
  type: JOB.escalateNoticeBreach,
  description: 'Escalate a decision notice past its 3-working-day limit to the center manager.',
  input: LoanRef,
})
export class EscalateNoticeBreachWorker implements JobHandler<LoanRef, void> {
  constructor(
    private readonly records: LoanRecords,
    private readonly register: DecisionRecords,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    private readonly clock: BusinessClock,
  ) {}

  async handle(input: LoanRef, context: JobContext): Promise<void> {
    const { loan, applicant } = await this.records.withPartiesForJob(input.loanId);
    const breachedAt = await this.clock.now();
    await this.register.once(JOB.escalateNoticeBreach, loan.id, context.jobKey, async (tx) => {
      await tx.updateLoan(loan.id, { noticeBreachedAt: breachedAt });
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: 'decision.notice-breach',
        outcome: 'ok',
        loanKey: loan.id,
        reason: `no decision notice by ${loan.noticeDueAt?.toISOString() ?? '?'}: escalated to the center manager of ${loan.branchCode}`,
      });
      return true;
    });
    await this.notifier.send({
      dedupeKey: `notice-breach:${loan.id}`,
      loanId: loan.id,
      channel: 'inbox',
      recipient: `role:center-manager:${loan.branchCode}`,
      kind: 'notice-breach',
      subject: `逾期未通知客户 Decision notice overdue: ${loan.id}`,
      body:
        `The application of ${applicant.name} (${loan.id}) was complete on ${loan.applicationCompleteAt?.toISOString()} ` +
        `and has had no decision notice by the 3-working-day limit ${loan.noticeDueAt?.toISOString()}. ` +
        `Customer manager: ${loan.customerManager}.`,
    });
  }
}
