import type { AuditAct } from '@loanflow/audit';
import {
  ComplaintDeadline,
  ComplaintEscalation,
  ComplaintFilter,
  ComplaintLoan,
  ComplaintRecord,
  ComplaintRecords,
  ComplaintStaff,
  ComplaintTransaction,
  NewComplaint,
} from './complaint-records';

/**
 * The complaint register in memory, for the unit specs of the service and the escalation worker.
 * Each method call is logged by name. A transaction works on copies that replace the register's
 * rows only when its work returns: a failure inside it leaves the register as it was.
 */
export class FakeComplaintRecords extends ComplaintRecords {
  readonly loans = new Map<string, ComplaintLoan>();
  readonly activeUsernames = new Set<string>();
  complaints: ComplaintRecord[] = [];
  staff: ComplaintStaff[] = [];
  /** Audit entries written together with a change of the register. */
  audited: AuditAct[] = [];
  readonly calls: string[] = [];
  /** Thrown by the next audit append inside a transaction. */
  auditFailure: Error | null = null;
  private lastId = 100;

  /** Puts a complaint on file as if filed earlier; the fields not given are a fresh open one's. */
  put(over: Partial<ComplaintRecord> & { loanId: string }, staff: string[] = []): ComplaintRecord {
    this.lastId += 1;
    const row: ComplaintRecord = {
      id: String(this.lastId),
      unitCode: 'SB-HZ-XH',
      category: 'other',
      channel: 'phone',
      body: '客户反映还款提醒短信内容不清楚',
      filedBy: 'li.cm',
      filedAt: new Date('2026-09-01T02:00:00.000Z'),
      handler: 'li.cm',
      level: 'handler',
      dueAt: new Date('2026-09-08T16:00:00.000Z'),
      dueOn: '2026-09-08',
      levelDueAt: new Date('2026-09-08T16:00:00.000Z'),
      workingDays: 5,
      calendarCovered: 1,
      processInstanceKey: '2251799813690000',
      status: 'open',
      answer: null,
      resolution: null,
      answeredBy: null,
      answeredAt: null,
      escalatedToBranchAt: null,
      escalatedToHeadOfficeAt: null,
      ...over,
    };
    this.complaints.push(row);
    for (const username of staff) this.staff.push({ complaintId: row.id, username });
    return { ...row };
  }

  stored(id: string): ComplaintRecord | undefined {
    return this.complaints.find((row) => row.id === id);
  }

  loan(loanId: string): Promise<ComplaintLoan | null> {
    this.calls.push('loan');
    return Promise.resolve(this.loans.get(loanId) ?? null);
  }

  activeUsers(usernames: readonly string[]): Promise<string[]> {
    this.calls.push('activeUsers');
    return Promise.resolve(usernames.filter((username) => this.activeUsernames.has(username)));
  }

  file(complaint: NewComplaint, staffInvolved: readonly string[]): Promise<ComplaintRecord> {
    this.calls.push('file');
    this.lastId += 1;
    const row: ComplaintRecord = { ...complaint, id: String(this.lastId) };
    this.complaints.push(row);
    for (const username of staffInvolved) this.staff.push({ complaintId: row.id, username });
    return Promise.resolve({ ...row });
  }

  withdraw(complaintId: string): Promise<void> {
    this.calls.push('withdraw');
    this.staff = this.staff.filter((row) => row.complaintId !== complaintId);
    this.complaints = this.complaints.filter((row) => row.id !== complaintId);
    return Promise.resolve();
  }

  started(complaintId: string, processInstanceKey: string | null, act: AuditAct): Promise<void> {
    this.calls.push('started');
    const row = this.stored(complaintId);
    if (row) row.processInstanceKey = processInstanceKey;
    this.audited.push(act);
    return Promise.resolve();
  }

  ofLoan(loanId: string): Promise<ComplaintRecord[]> {
    this.calls.push('ofLoan');
    return Promise.resolve(
      this.complaints
        .filter((row) => row.loanId === loanId)
        .sort((a, b) => Number(a.id) - Number(b.id))
        .map((row) => ({ ...row })),
    );
  }

  oneOfLoan(loanId: string, complaintId: string): Promise<ComplaintRecord | null> {
    this.calls.push('oneOfLoan');
    const row = this.complaints.find((c) => c.id === complaintId && c.loanId === loanId);
    return Promise.resolve(row ? { ...row } : null);
  }

  about(username: string): Promise<string[]> {
    this.calls.push('about');
    return Promise.resolve(
      this.staff.filter((row) => row.username === username).map((row) => row.complaintId),
    );
  }

  list(filter: ComplaintFilter, limit: number): Promise<ComplaintRecord[]> {
    this.calls.push('list');
    return Promise.resolve(
      this.complaints
        .filter((row) => filter.unitCodes === null || filter.unitCodes.includes(row.unitCode))
        .filter((row) => !filter.status || row.status === filter.status)
        .filter((row) => filter.ids === null || filter.ids.includes(row.id))
        .sort((a, b) => Number(b.id) - Number(a.id))
        .slice(0, limit)
        .map((row) => ({ ...row })),
    );
  }

  deadlines(unitCodes: readonly string[] | null): Promise<ComplaintDeadline[]> {
    this.calls.push('deadlines');
    return Promise.resolve(
      this.complaints
        .filter((row) => unitCodes === null || unitCodes.includes(row.unitCode))
        .map(({ unitCode, category, dueAt, answeredAt }) => ({
          unitCode,
          category,
          dueAt,
          answeredAt,
        })),
    );
  }

  staffOf(complaintIds: readonly string[]): Promise<ComplaintStaff[]> {
    this.calls.push('staffOf');
    return Promise.resolve(this.staff.filter((row) => complaintIds.includes(row.complaintId)));
  }

  async transaction<T>(work: (tx: ComplaintTransaction) => Promise<T>): Promise<T> {
    this.calls.push('transaction');
    const complaints = this.complaints.map((row) => ({ ...row }));
    const audited = [...this.audited];
    const tx: ComplaintTransaction = {
      lockOfLoan: (loanId, complaintId) => {
        this.calls.push('lockOfLoan');
        const row = complaints.find((c) => c.id === complaintId && c.loanId === loanId);
        return Promise.resolve(row ? { ...row } : null);
      },
      escalate: (complaintId: string, change: ComplaintEscalation) => {
        this.calls.push('escalate');
        const row = complaints.find((c) => c.id === complaintId);
        if (row) Object.assign(row, change);
        return Promise.resolve();
      },
      audit: (act: AuditAct) => {
        this.calls.push('audit');
        if (this.auditFailure) return Promise.reject(this.auditFailure);
        audited.push(act);
        return Promise.resolve();
      },
    };
    const result = await work(tx);
    this.complaints = complaints;
    this.audited = audited;
    return result;
  }
}
