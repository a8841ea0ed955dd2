import { Inject } from '@nestjs/common';
import { AuditTrail, SYSTEM_ACTOR } from '@loanflow/audit';
import { JobHandler, JobWorker, publishOnce, ZEEBE_CLIENT, ZeebeClient } from '@loanflow/workflow';
import { JOB, LOAN_REFUSED_MESSAGE } from '../origination.contract';
import { LoanRef } from '../workers/worker-inputs';
import { servicedLoanSummaryOf, LoanRecords } from '@loanflow/loans';

/**
 * 拒贷档案移交: a refused application's file goes to the archive like any other (档案管理岗
 * "统一接收…个人贷款资料"). Publishes loan-refused, which starts the loan file archive process
 * (the archive officer's filing task); once per loan, however often the job is delivered.
 */
@JobWorker({
  type: JOB.handRefusedFileToArchive,
  description: 'Hand a refused application’s file to the archive: starts the filing task.',
  input: LoanRef,
})
export class HandRefusedFileToArchiveWorker implements JobHandler<LoanRef, void> {
  constructor(
    private readonly records: LoanRecords,
    private readonly audit: AuditTrail,
    @Inject(ZEEBE_CLIENT) private readonly zeebe: ZeebeClient,
  ) {}

  async handle({ loanId }: LoanRef): Promise<void> {
    const { loan, applicant, guarantors } = await this.records.withPartiesForJob(loanId);
    const sent = await publishOnce(this.zeebe, {
      name: LOAN_REFUSED_MESSAGE,
      correlationKey: loanId,
      messageId: `${LOAN_REFUSED_MESSAGE}:${loanId}`,
      timeToLive: 3_600_000,
      variables: {
        loanId,
        businessKey: loanId,
        branchCode: loan.branchCode,
        loan: servicedLoanSummaryOf(loan, applicant, guarantors),
      },
    });
    if (sent === 'published')
      await this.audit.record({
        actor: SYSTEM_ACTOR,
        action: 'archive.hand-over-refused',
        outcome: 'ok',
        loanKey: loanId,
        reason: `the refused application's file goes to the archive officers of ${loan.branchCode}`,
      });
  }
}
