import { Type } from 'class-transformer';
import { IsObject, IsString, ValidateNested } from 'class-validator';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import { JobHandler, JobWorker } from '@loanflow/workflow';
import { SERVICING_JOB } from '../servicing.contract';
import { LoanClosingRecords } from './loan-closing-records';
import { ServicingRef } from './servicing-inputs';

class ArchiveFileVariable {
  @IsString() archiveReference!: string;
  @IsString() location!: string;
  @IsString() by!: string;
}

export class ArchiveInput extends ServicingRef {
  @IsObject() @ValidateNested() @Type(() => ArchiveFileVariable) archiveFile!: ArchiveFileVariable;
}

/** 归档: the settled loan leaves the active book; its file reference is recorded. */
@JobWorker({
  type: SERVICING_JOB.archive,
  description: 'Record the settled loan as archived, with its archive reference.',
  input: ArchiveInput,
})
export class ArchiveLoanWorker implements JobHandler<ArchiveInput, void> {
  constructor(private readonly register: LoanClosingRecords) {}

  async handle({ loanId, archiveFile }: ArchiveInput): Promise<void> {
    await this.register.transaction(async (tx) => {
      if (!(await tx.archiveSettled(loanId))) return; // archived by an earlier delivery
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: 'loan.archive',
        outcome: 'ok',
        loanKey: loanId,
        reason: `archived as ${archiveFile.archiveReference} at ${archiveFile.location} by ${archiveFile.by}`,
      });
    });
  }
}
