import type { BureauQuery, BureauReport, CreditBureau } from '@loanflow/adapters';
import type { LoanRecords } from '@loanflow/loans';
import type { BureauReportEntity } from '@loanflow/persistence';
import { QueryBureauWorker } from './query-bureau.worker';

describe('the credit bureau report (origination.query-bureau, 征信查询)', () => {
  const report: BureauReport = {
    score: 712,
    overdueAccounts: 0,
    maxDaysOverdue: 12,
    inquiriesLast6Months: 2,
    monthlyDebtPayments: '3250.00',
  };

  function bureauStep() {
    const kept: BureauReportEntity[] = [];
    const queries: BureauQuery[] = [];
    const records = {
      fileForJob: () =>
        Promise.resolve({ applicant: { name: '王芳', idNumber: '330106199203034321' } }),
      withPartiesForJob: () =>
        Promise.resolve({ applicant: { name: '王芳', idNumber: '330106199203034321' } }),
      keepBureauReport: (row: BureauReportEntity) => Promise.resolve(void kept.push(row)),
    } as unknown as LoanRecords;
    const bureau: CreditBureau = {
      source: 'pboc-test',
      query: (query) => Promise.resolve(void queries.push(query)).then(() => ({ ...report })),
    };
    return { kept, queries, worker: new QueryBureauWorker(records, bureau) };
  }

  it('asks about the applicant for loan approval and keeps the whole answer as evidence', async () => {
    const { kept, queries, worker } = bureauStep();
    await worker.handle({ loanId: 'LN20260402-4TQ8W1' });
    expect(queries).toEqual([
      { idNumber: '330106199203034321', name: '王芳', purpose: 'loan-approval' },
    ]);
    expect(kept).toEqual([
      {
        loanId: 'LN20260402-4TQ8W1',
        idNumber: '330106199203034321',
        source: 'pboc-test',
        reportJson: JSON.stringify(report),
        queriedAt: expect.any(Date) as Date,
      },
    ]);
  });

  it('gives the engine the report without the debts, which stay on file', async () => {
    const { worker } = bureauStep();
    expect(await worker.handle({ loanId: 'LN20260402-4TQ8W1' })).toEqual({
      bureau: { score: 712, overdueAccounts: 0, maxDaysOverdue: 12, inquiriesLast6Months: 2 },
    });
  });
});
