import { Inject } from '@nestjs/common';
import { BureauReport, CREDIT_BUREAU, CreditBureau } from '@loanflow/adapters';
import { JobHandler, JobWorker } from '@loanflow/workflow';
import { JOB } from '../origination.contract';
import { LoanRef } from './worker-inputs';
import { LoanRecords } from '@loanflow/loans';

/** 征信查询: asks the credit bureau about the applicant and keeps its answer as evidence. */
@JobWorker({
  type: JOB.queryBureau,
  control: 'credit bureau report (征信查询)',
  description: 'Query the credit bureau about the applicant (with their written authorisation).',
  input: LoanRef,
  outputs: ['bureau'],
  timeoutMs: 30_000,
})
export class QueryBureauWorker implements JobHandler<
  LoanRef,
  { bureau: Omit<BureauReport, 'monthlyDebtPayments'> }
> {
  constructor(
    private readonly records: LoanRecords,
    @Inject(CREDIT_BUREAU) private readonly bureau: CreditBureau,
  ) {}

  async handle(input: LoanRef) {
    const { applicant } = await this.records.withPartiesForJob(input.loanId);
    const report = await this.bureau.query({
      idNumber: applicant.idNumber,
      name: applicant.name,
      purpose: 'loan-approval',
    });
    // One report per loan: a repeated query (a retried job) replaces it with the same answer.
    await this.records.keepBureauReport({
      loanId: input.loanId,
      idNumber: applicant.idNumber,
      source: this.bureau.source,
      reportJson: JSON.stringify(report),
      queriedAt: new Date(),
    });
    // The engine gets what its gateways and the reviewer's summary need; the debts stay on file.
    const { monthlyDebtPayments: _onFile, ...bureau } = report;
    return { bureau };
  }
}
