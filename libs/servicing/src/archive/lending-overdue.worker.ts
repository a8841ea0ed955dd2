import { Inject } from '@nestjs/common';
import { Matches } from 'class-validator';
import { NOTIFIER, Notifier } from '@loanflow/adapters';
import { SYSTEM_ACTOR } from '@loanflow/audit';
import { JobHandler, JobWorker, NonRetryableJobError } from '@loanflow/workflow';
import { SERVICING_JOB } from '../servicing.contract';
import { ServicingStep } from '../workers/servicing-inputs';
import { engineMoment } from '../workers/servicing-time';
import { LendingRecords } from './lending-records';

export class LendingOverdueInput extends ServicingStep {
  @Matches(/^\d{1,18}$/, { message: 'lendingId must be the lending’s number' })
  lendingId!: string;
}

/**
 * 调阅逾期: a lent file not back by its due time. The register notes it once; the branch's archive
 * officers and the colleague who has the file are told (one notice each, however often the job is
 * delivered). A file returned in the meantime is left alone.
 */
@JobWorker({
  type: SERVICING_JOB.lendingOverdue,
  description:
    'Record a lent loan file as overdue and remind the archive officers and the colleague who has it.',
  input: LendingOverdueInput,
})
export class LendingOverdueWorker implements JobHandler<LendingOverdueInput, void> {
  constructor(
    private readonly register: LendingRecords,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  async handle({ loanId, lendingId, asOf }: LendingOverdueInput): Promise<void> {
    const { at } = engineMoment(asOf);
    const lending = await this.register.transaction(async (tx) => {
      const row = await tx.lockLending(lendingId, loanId);
      if (!row)
        throw new NonRetryableJobError(`lending ${lendingId} of loan ${loanId} does not exist`);
      if (row.returnedAt || row.overdueNotifiedAt) return row;
      const file = await tx.file(row.fileId);
      await tx.markOverdueNotified(row.id, at);
      await tx.addEntry({
        fileId: file.id,
        loanId,
        act: 'overdue',
        byUser: 'system',
        at,
        note: `调阅逾期: ${row.borrower}, due ${row.dueOn}`,
      });
      await tx.audit({
        actor: SYSTEM_ACTOR,
        action: 'archive.lending-overdue',
        outcome: 'ok',
        loanKey: loanId,
        reason: `file ${file.reference} lent to ${row.borrower} not back by ${row.dueOn}: reminders sent`,
      });
      row.overdueNotifiedAt = at;
      return row;
    });
    if (lending.returnedAt) return;
    const subject = `档案调阅逾期 Loan file overdue: ${loanId}`;
    const body = `The file of loan ${loanId}, lent to ${lending.borrower}, was due back on ${lending.dueOn}.`;
    await this.notifier.send({
      dedupeKey: `archive-lending-overdue:${lending.id}:officers`,
      loanId,
      channel: 'inbox',
      recipient: `role:archive-officer:${lending.unitCode}`,
      kind: 'archive-lending-overdue',
      subject,
      body,
    });
    await this.notifier.send({
      dedupeKey: `archive-lending-overdue:${lending.id}:borrower`,
      loanId,
      channel: 'inbox',
      recipient: `user:${lending.borrower}`,
      kind: 'archive-lending-overdue',
      subject,
      body: `${body} Please return it to the archive.`,
    });
  }
}
