import { IsIn, Matches } from 'class-validator';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import { AppConfig } from '@loanflow/config';
import { complaintDeadline, ComplaintLevel } from '@loanflow/domain';
import { JobHandler, JobWorker, NonRetryableJobError } from '@loanflow/workflow';
import { SERVICING_JOB } from '../servicing.contract';
import { ServicingStep } from '../workers/servicing-inputs';
import { engineMoment } from '../workers/servicing-time';
import { ComplaintRecords } from './complaint-records';

export class EscalateComplaintInput extends ServicingStep {
  @Matches(/^\d{1,18}$/, { message: 'complaintId must be the complaint’s number' })
  complaintId!: string;

  /** The level the model escalates to (mapped in on each escalation task). */
  @IsIn(['branch', 'head-office'], { message: 'escalateTo must be branch or head-office' })
  escalateTo!: Exclude<ComplaintLevel, 'handler'>;
}

// A type (not an interface) so that it is assignable to the job's variables.
type Escalated = { complaintLevel: ComplaintLevel; complaintDueAt: string };

/**
 * A complaint not answered by its level's deadline: recorded as escalated, with the next level's
 * deadline in working days from the engine's moment. A re-delivered job finds the level already
 * taken and returns the deadline it set.
 */
@JobWorker({
  type: SERVICING_JOB.escalateComplaint,
  description:
    'Escalate a complaint not answered in time (to the branch’s center managers, then head office) with a new deadline in working days.',
  input: EscalateComplaintInput,
  outputs: ['complaintLevel', 'complaintDueAt'],
})
export class EscalateComplaintWorker implements JobHandler<EscalateComplaintInput, Escalated> {
  private readonly escalationDays: number;

  constructor(
    private readonly register: ComplaintRecords,
    config: AppConfig,
  ) {
    this.escalationDays = config.COMPLAINT_ESCALATION_WORKING_DAYS;
  }

  async handle({ loanId, complaintId, escalateTo, asOf }: EscalateComplaintInput) {
    const { at } = engineMoment(asOf);
    return this.register.transaction(async (tx) => {
      const row = await tx.lockOfLoan(loanId, complaintId);
      if (!row)
        throw new NonRetryableJobError(`complaint ${complaintId} of loan ${loanId} does not exist`);
      if (row.level === escalateTo || row.status !== 'open')
        return {
          complaintLevel: row.level as ComplaintLevel,
          complaintDueAt: row.levelDueAt.toISOString(),
        };
      const deadline = complaintDeadline(at, this.escalationDays);
      await tx.escalate(row.id, {
        level: escalateTo,
        levelDueAt: deadline.dueAt,
        ...(escalateTo === 'branch'
          ? { escalatedToBranchAt: at }
          : { escalatedToHeadOfficeAt: at }),
      });
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: 'complaint.escalate',
        outcome: 'ok',
        loanKey: loanId,
        reason: `complaint ${row.id} not answered by ${row.levelDueAt.toISOString()} (${row.level}): escalated to ${escalateTo === 'branch' ? `the center managers of ${row.unitCode}` : 'head office'}, answer due ${deadline.dueDate}`,
      });
      return { complaintLevel: escalateTo, complaintDueAt: deadline.dueAt.toISOString() };
    });
  }
}
