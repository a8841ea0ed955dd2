import { SYSTEM_ACTOR } from '@loanflow/audit';
import { AppConfig } from '@loanflow/config';
import { NonRetryableJobError } from '@loanflow/workflow';
import { FakeComplaintRecords } from './complaint-records.fixture';
import { EscalateComplaintInput, EscalateComplaintWorker } from './complaint.workers';

const LOAN = 'LN20260901-7KQ2M9';
/** The engine's moment of the escalation: Sunday 11 October 2026, 09:00 in Beijing. */
const AS_OF = '2026-10-11T01:00:00.000Z';
const FIRST_DUE = new Date('2026-10-10T16:00:00.000Z');

function workerOver(records: FakeComplaintRecords, escalationDays = 3) {
  const config = Object.assign(new AppConfig(), {
    COMPLAINT_ESCALATION_WORKING_DAYS: escalationDays,
  });
  return new EscalateComplaintWorker(records, config);
}

const input = (
  over: Partial<EscalateComplaintInput> & Pick<EscalateComplaintInput, 'complaintId'>,
) =>
  Object.assign(new EscalateComplaintInput(), {
    loanId: LOAN,
    escalateTo: 'branch',
    asOf: AS_OF,
    ...over,
  });

/** A complaint filed on 28 September, due at the end of 10 October, held by its handler. */
function onFile(records: FakeComplaintRecords, over: Parameters<FakeComplaintRecords['put']>[0]) {
  return records.put({
    filedAt: new Date('2026-09-28T02:00:00.000Z'),
    dueAt: FIRST_DUE,
    dueOn: '2026-10-10',
    levelDueAt: FIRST_DUE,
    ...over,
  });
}

describe('escalating a complaint not answered in time', () => {
  it('hands it to the branch with a deadline in working days from the engine’s moment, and audits it', async () => {
    const records = new FakeComplaintRecords();
    const row = onFile(records, { loanId: LOAN });
    const result = await workerOver(records).handle(input({ complaintId: row.id }));
    // Monday 12 to Wednesday 14 October: due at the end of the Wednesday in Beijing.
    expect(result).toEqual({
      complaintLevel: 'branch',
      complaintDueAt: '2026-10-14T16:00:00.000Z',
    });
    expect(records.stored(row.id)).toEqual({
      ...row,
      level: 'branch',
      levelDueAt: new Date('2026-10-14T16:00:00.000Z'),
      escalatedToBranchAt: new Date(AS_OF),
    });
    expect(records.audited).toEqual([
      {
        actor: SYSTEM_ACTOR,
        action: 'complaint.escalate',
        outcome: 'ok',
        loanKey: LOAN,
        reason: `complaint ${row.id} not answered by 2026-10-10T16:00:00.000Z (handler): escalated to the center managers of SB-HZ-XH, answer due 2026-10-14`,
      },
    ]);
  });

  it('hands it on to head office, keeping the customer’s deadline and the branch’s escalation', async () => {
    const records = new FakeComplaintRecords();
    const branchDue = new Date('2026-10-14T16:00:00.000Z');
    const escalatedToBranchAt = new Date(AS_OF);
    const row = onFile(records, {
      loanId: LOAN,
      level: 'branch',
      levelDueAt: branchDue,
      escalatedToBranchAt,
    });
    const result = await workerOver(records).handle(
      input({ complaintId: row.id, escalateTo: 'head-office', asOf: '2026-10-15T01:00:00.000Z' }),
    );
    // Friday 16, Monday 19 and Tuesday 20 October.
    expect(result).toEqual({
      complaintLevel: 'head-office',
      complaintDueAt: '2026-10-20T16:00:00.000Z',
    });
    expect(records.stored(row.id)).toMatchObject({
      level: 'head-office',
      dueAt: FIRST_DUE,
      levelDueAt: new Date('2026-10-20T16:00:00.000Z'),
      escalatedToBranchAt,
      escalatedToHeadOfficeAt: new Date('2026-10-15T01:00:00.000Z'),
    });
    expect(records.audited.map((act) => act.reason)).toEqual([
      `complaint ${row.id} not answered by 2026-10-14T16:00:00.000Z (branch): escalated to head office, answer due 2026-10-20`,
    ]);
  });

  it('gives each escalated level the working days the configuration sets', async () => {
    const records = new FakeComplaintRecords();
    const row = onFile(records, { loanId: LOAN });
    const result = await workerOver(records, 5).handle(input({ complaintId: row.id }));
    expect(result.complaintDueAt).toBe('2026-10-16T16:00:00.000Z');
  });

  it('replays what it set when the job is delivered again, writing nothing more', async () => {
    const records = new FakeComplaintRecords();
    const row = onFile(records, { loanId: LOAN });
    const worker = workerOver(records);
    const first = await worker.handle(input({ complaintId: row.id }));
    const escalated = { ...records.stored(row.id) };
    records.calls.length = 0;
    const again = await worker.handle(input({ complaintId: row.id, asOf: '2026-10-12T03:00:00Z' }));
    expect(again).toEqual(first);
    expect(records.stored(row.id)).toEqual(escalated);
    expect(records.audited).toHaveLength(1);
    expect(records.calls).not.toContain('escalate');
  });

  it('leaves an answered complaint where it is, returning its level and deadline', async () => {
    const records = new FakeComplaintRecords();
    const row = onFile(records, {
      loanId: LOAN,
      status: 'answered',
      answeredAt: new Date('2026-10-10T08:00:00.000Z'),
    });
    const result = await workerOver(records).handle(input({ complaintId: row.id }));
    expect(result).toEqual({
      complaintLevel: 'handler',
      complaintDueAt: FIRST_DUE.toISOString(),
    });
    expect(records.stored(row.id)).toEqual(row);
    expect(records.audited).toEqual([]);
  });

  it('fails without retries when the loan has no such complaint', async () => {
    const records = new FakeComplaintRecords();
    const theirs = onFile(records, { loanId: 'LN20260902-3HX8PA', unitCode: 'BR-NB' });
    const worker = workerOver(records);
    const failure = worker.handle(input({ complaintId: theirs.id }));
    await expect(failure).rejects.toThrow(NonRetryableJobError);
    await expect(failure).rejects.toThrow(`complaint ${theirs.id} of loan ${LOAN} does not exist`);
    expect(records.stored(theirs.id)).toEqual(theirs);
    expect(records.audited).toEqual([]);
  });

  it('fails without retries on an engine moment it cannot read, before reading the register', async () => {
    const records = new FakeComplaintRecords();
    const row = onFile(records, { loanId: LOAN });
    await expect(
      workerOver(records).handle(input({ complaintId: row.id, asOf: 'yesterday' })),
    ).rejects.toThrow(NonRetryableJobError);
    expect(records.calls).toEqual([]);
  });

  it('escalates and audits in one transaction: when the audit fails, the complaint stays as it was', async () => {
    const records = new FakeComplaintRecords();
    const row = onFile(records, { loanId: LOAN });
    records.auditFailure = new Error('lock wait timeout');
    await expect(workerOver(records).handle(input({ complaintId: row.id }))).rejects.toThrow(
      'lock wait timeout',
    );
    expect(records.calls).toEqual(['transaction', 'lockOfLoan', 'escalate', 'audit']);
    expect(records.stored(row.id)).toEqual(row);
    expect(records.audited).toEqual([]);
  });
});
