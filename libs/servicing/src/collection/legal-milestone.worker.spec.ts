import type { AuditAct } from '@loanflow/audit';
import { staffActor } from '@loanflow/audit';
import { LegalMilestoneEntity } from '@loanflow/persistence';
import { jobContext } from '@loanflow/test-support/job-context';
import { SERVICING_JOB } from '../servicing.contract';
import { LOAN } from '../requests/loan-request-records.fixture';
import { LegalRecords, NewLegalMilestone } from './legal-records';
import { RecordLegalMilestoneInput, RecordLegalMilestoneWorker } from './legal-milestone.worker';

/** The legal record in memory: the job's key is unique, as on the table. */
class FakeLegalRecords extends LegalRecords {
  readonly kept: NewLegalMilestone[] = [];
  readonly audited: AuditAct[] = [];

  keepOnce(milestone: NewLegalMilestone, act: AuditAct): Promise<boolean> {
    if (this.kept.some((row) => row.taskKey === milestone.taskKey)) return Promise.resolve(false);
    this.kept.push(milestone);
    this.audited.push(act);
    return Promise.resolve(true);
  }

  milestones(loanId: string): Promise<LegalMilestoneEntity[]> {
    return Promise.resolve(
      this.kept
        .filter((row) => row.loanId === loanId)
        .map((row, index) =>
          Object.assign(new LegalMilestoneEntity(), row, { id: String(index + 1) }),
        ),
    );
  }
}

const context = jobContext({
  type: SERVICING_JOB.recordLegalMilestone,
  jobKey: '2251799813711111',
});

const judgment = {
  milestone: 'judgment' as const,
  on: '2027-03-15',
  court: '杭州市西湖区人民法院',
  caseNumber: '(2027)浙0106民初123号',
  reference: '(2027)浙0106民初123号判决书',
  amountAwarded: '98765.43',
  documents: [{ kind: 'judgment', reference: 'JD-0001' }],
  notes: '法院判决借款人偿还本息',
  by: 'sun.lg',
};

const input = (legalMilestone: object, episodeId?: string) =>
  Object.assign(new RecordLegalMilestoneInput(), { loanId: LOAN, episodeId, legalMilestone });

describe('keeping a lawsuit milestone (collection.record-legal-milestone, 诉讼进展)', () => {
  it('keeps the step on the loan’s legal record in minor units, with the officer on the trail', async () => {
    const register = new FakeLegalRecords();
    expect(
      await new RecordLegalMilestoneWorker(register).handle(input(judgment, '7'), context),
    ).toEqual({ legalCaseEnded: false });
    expect(register.kept).toEqual([
      {
        loanId: LOAN,
        episodeId: '7',
        milestone: 'judgment',
        onDate: '2027-03-15',
        court: '杭州市西湖区人民法院',
        caseNumber: '(2027)浙0106民初123号',
        reference: '(2027)浙0106民初123号判决书',
        amountAwardedMinor: '9876543',
        amountRecoveredMinor: null,
        documentsJson: '[{"kind":"judgment","reference":"JD-0001"}]',
        notes: '法院判决借款人偿还本息',
        recordedBy: 'sun.lg',
        taskKey: '2251799813711111',
        recordedAt: expect.any(Date) as Date,
      },
    ]);
    expect(register.audited).toEqual([
      {
        actor: staffActor('sun.lg', 'legal-officer'),
        action: 'collection.legal-milestone',
        outcome: 'ok',
        loanKey: LOAN,
        reason:
          'judgment on 2027-03-15 in case (2027)浙0106民初123号 ((2027)浙0106民初123号判决书); documents: judgment JD-0001',
      },
    ]);
  });

  it('keeps the step once however often the job is delivered, and still answers', async () => {
    const register = new FakeLegalRecords();
    const worker = new RecordLegalMilestoneWorker(register);
    await worker.handle(input(judgment), context);
    expect(await worker.handle(input(judgment), context)).toEqual({ legalCaseEnded: false });
    expect(register.kept).toHaveLength(1);
    expect(register.audited).toHaveLength(1);
  });

  it.each([
    ['filed', false],
    ['judgment', false],
    ['enforcement', false],
    ['terminated', true],
    ['settled', true],
    ['no-recoverable-assets', true],
  ])('after a %s step the case has ended: %s', async (milestone, ended) => {
    const register = new FakeLegalRecords();
    const step = {
      milestone,
      on: '2027-05-01',
      documents: [],
      notes: '案件进展记录',
      by: 'sun.lg',
    };
    expect(await new RecordLegalMilestoneWorker(register).handle(input(step), context)).toEqual({
      legalCaseEnded: ended,
    });
    expect(register.audited[0]?.reason).toBe(`${milestone} on 2027-05-01; documents: none`);
  });
});
