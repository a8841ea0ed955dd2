import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, ValidateNested } from 'class-validator';
import { staffActor } from '@loanflow/audit';
import { Money } from '@loanflow/domain';
import { LegalMilestone } from '@loanflow/tasks';
import { JobContext, JobHandler, JobWorker } from '@loanflow/workflow';
import { SERVICING_JOB } from '../servicing.contract';
import { ServicingRef } from '../workers/servicing-inputs';
import { LegalRecords } from './legal-records';

class LegalMilestoneVariable extends LegalMilestone {
  @IsString() by!: string;
}

export class RecordLegalMilestoneInput extends ServicingRef {
  @IsOptional() @IsString() episodeId?: string;
  @IsObject()
  @ValidateNested()
  @Type(() => LegalMilestoneVariable)
  legalMilestone!: LegalMilestoneVariable;
}

/** The steps that end a lawsuit's course: the write-off criteria are then judged. */
const ENDING = new Set(['terminated', 'settled', 'no-recoverable-assets']);

/**
 * Keeps the legal officer's milestone on the loan's legal record (诉讼进展), with its dates,
 * numbers and documents, once per task however often the job is delivered; says whether the case
 * has ended.
 */
@JobWorker({
  type: SERVICING_JOB.recordLegalMilestone,
  description: 'Keep a lawsuit milestone on the loan’s legal record; say whether the case ended.',
  input: RecordLegalMilestoneInput,
  outputs: ['legalCaseEnded'],
})
export class RecordLegalMilestoneWorker implements JobHandler<
  RecordLegalMilestoneInput,
  { legalCaseEnded: boolean }
> {
  constructor(private readonly register: LegalRecords) {}

  async handle(
    { loanId, episodeId, legalMilestone: m }: RecordLegalMilestoneInput,
    context: JobContext,
  ) {
    const minor = (amount?: string) => (amount ? Money.parse(amount).minorUnits.toString() : null);
    // A second delivery of the same job finds the step kept and writes nothing again.
    await this.register.keepOnce(
      {
        loanId,
        episodeId: episodeId ?? null,
        milestone: m.milestone,
        onDate: m.on,
        court: m.court ?? null,
        caseNumber: m.caseNumber ?? null,
        reference: m.reference ?? null,
        amountAwardedMinor: minor(m.amountAwarded),
        amountRecoveredMinor: minor(m.amountRecovered),
        documentsJson: JSON.stringify(m.documents),
        notes: m.notes,
        recordedBy: m.by,
        taskKey: context.jobKey,
        recordedAt: new Date(),
      },
      {
        actor: staffActor(m.by, 'legal-officer'),
        action: 'collection.legal-milestone',
        outcome: 'ok',
        loanKey: loanId,
        reason: `${m.milestone} on ${m.on}${m.caseNumber ? ` in case ${m.caseNumber}` : ''}${m.reference ? ` (${m.reference})` : ''}; documents: ${m.documents.map((d) => `${d.kind} ${d.reference}`).join(', ') || 'none'}`,
      },
    );
    return { legalCaseEnded: ENDING.has(m.milestone) };
  }
}
