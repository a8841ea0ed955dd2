import { Type } from 'class-transformer';
import { IsObject, IsString, ValidateNested } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditTrail, SYSTEM_ACTOR } from '@loanflow/audit';
import { LoanEntity } from '@loanflow/persistence';
import { JobHandler, JobWorker } from '@loanflow/workflow';
import { SERVICING_JOB } from '../servicing.contract';
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
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async handle({ loanId, archiveFile }: ArchiveInput): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(
        LoanEntity,
        { id: loanId, status: 'settled' },
        { status: 'archived' },
      );
      if (!result.affected) return; // archived by an earlier delivery
      await this.audit.append(manager, {
        actor: SYSTEM_ACTOR,
        action: 'loan.archive',
        outcome: 'ok',
        loanKey: loanId,
        reason: `archived as ${archiveFile.archiveReference} at ${archiveFile.location} by ${archiveFile.by}`,
      });
    });
  }
}
