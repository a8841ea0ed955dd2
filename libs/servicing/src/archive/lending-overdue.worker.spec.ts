import { SYSTEM_ACTOR } from '@loanflow/audit';
import type { AuditAct } from '@loanflow/audit';
import { ArchiveFileEntity, ArchiveLendingEntity } from '@loanflow/persistence';
import { NonRetryableJobError } from '@loanflow/workflow';
import { RecordedNotifier } from '@loanflow/test-support/recorded-notifier';
import { AS_OF, AT } from '../requests/request-decision-records.fixture';
import { LOAN } from '../requests/loan-request-records.fixture';
import { LendingOverdueInput, LendingOverdueWorker } from './lending-overdue.worker';
import { LendingRecords, LendingTransaction, NewArchiveEntry } from './lending-records';

/** The archive register in memory: one file of the loan, lent as lending 5. */
class FakeLendingRecords extends LendingRecords {
  readonly file = Object.assign(new ArchiveFileEntity(), {
    id: '3',
    loanId: LOAN,
    unitCode: 'SB-HZ-XH',
    reference: 'DA-2026-0042',
  });
  lending = Object.assign(new ArchiveLendingEntity(), {
    id: '5',
    fileId: '3',
    loanId: LOAN,
    unitCode: 'SB-HZ-XH',
    borrower: 'li.cm',
    dueOn: '2026-04-03',
    returnedAt: null as Date | null,
    overdueNotifiedAt: null as Date | null,
  });
  readonly entries: NewArchiveEntry[] = [];
  readonly audited: AuditAct[] = [];

  async transaction<T>(work: (tx: LendingTransaction) => Promise<T>): Promise<T> {
    const lending = { ...this.lending };
    const entries: NewArchiveEntry[] = [];
    const audited: AuditAct[] = [];
    const now = <R>(run: () => R): Promise<R> => Promise.resolve(run());
    const result = await work({
      lockLending: (id, loanId) =>
        now(() => (id === lending.id && loanId === lending.loanId ? { ...lending } : null)),
      file: (fileId) =>
        fileId === this.file.id
          ? Promise.resolve(this.file)
          : Promise.reject(new Error(`no file ${fileId}`)),
      markOverdueNotified: (id, at) =>
        now(() => void (id === lending.id && (lending.overdueNotifiedAt = at))),
      addEntry: (entry) => now(() => void entries.push(entry)),
      audit: (act) => now(() => void audited.push(act)),
    });
    this.lending = lending;
    this.entries.push(...entries);
    this.audited.push(...audited);
    return result;
  }
}

const input = (lendingId = '5') =>
  Object.assign(new LendingOverdueInput(), { loanId: LOAN, lendingId, asOf: AS_OF });

function overdueStep() {
  const register = new FakeLendingRecords();
  const notifier = new RecordedNotifier();
  return { register, notifier, worker: new LendingOverdueWorker(register, notifier) };
}

describe('a lent file not back by its due time (archive.lending-overdue, 调阅逾期)', () => {
  it('notes it on the file’s history once and reminds the officers and the colleague who has it', async () => {
    const { register, notifier, worker } = overdueStep();
    await worker.handle(input());
    expect(register.lending.overdueNotifiedAt).toEqual(AT);
    expect(register.entries).toEqual([
      {
        fileId: '3',
        loanId: LOAN,
        act: 'overdue',
        byUser: 'system',
        at: AT,
        note: '调阅逾期: li.cm, due 2026-04-03',
      },
    ]);
    expect(register.audited).toEqual([
      {
        actor: SYSTEM_ACTOR,
        action: 'archive.lending-overdue',
        outcome: 'ok',
        loanKey: LOAN,
        reason: 'file DA-2026-0042 lent to li.cm not back by 2026-04-03: reminders sent',
      },
    ]);
    expect(notifier.sent.map(({ recipient, dedupeKey }) => ({ recipient, dedupeKey }))).toEqual([
      {
        recipient: 'role:archive-officer:SB-HZ-XH',
        dedupeKey: 'archive-lending-overdue:5:officers',
      },
      { recipient: 'user:li.cm', dedupeKey: 'archive-lending-overdue:5:borrower' },
    ]);
  });

  it('writes and sends nothing more when the job is delivered again', async () => {
    const { register, notifier, worker } = overdueStep();
    await worker.handle(input());
    await worker.handle(input());
    expect(register.entries).toHaveLength(1);
    expect(register.audited).toHaveLength(1);
    expect(notifier.sent).toHaveLength(2);
  });

  it('leaves a file returned in the meantime alone', async () => {
    const { register, notifier, worker } = overdueStep();
    register.lending.returnedAt = new Date('2026-04-06T08:00:00.000Z');
    await worker.handle(input());
    expect(register.lending.overdueNotifiedAt).toBeNull();
    expect(register.entries).toEqual([]);
    expect(notifier.sent).toEqual([]);
  });

  it('fails without retry for a lending the loan does not have, sending nothing', async () => {
    const { register, notifier, worker } = overdueStep();
    await expect(worker.handle(input('6'))).rejects.toThrow(
      new NonRetryableJobError(`lending 6 of loan ${LOAN} does not exist`),
    );
    expect(register.audited).toEqual([]);
    expect(notifier.sent).toEqual([]);
  });

  it('sends no reminder when the register could not note it (the job is retried)', async () => {
    const { register, notifier, worker } = overdueStep();
    register.file.id = '4';
    await expect(worker.handle(input())).rejects.toThrow('no file 3');
    expect(register.lending.overdueNotifiedAt).toBeNull();
    expect(notifier.sent).toEqual([]);
  });
});
