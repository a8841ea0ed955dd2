import type { AuditAct } from '@loanflow/audit';
import {
  DocumentTaskType,
  LoanDocumentRecord,
  LoanDocumentRecords,
  LoanDocumentTransaction,
  NewLoanDocument,
  UploadingTask,
} from './loan-document-records';

/** A task as the fake register knows it: what an upload checks of it, and its form key. */
export interface FakeDocumentTask extends UploadingTask {
  formKey: string;
}

/**
 * The documents' register in memory, for the unit specs of the documents service. Each method call
 * is logged by name. A transaction works on copies that replace the register's rows only when its
 * work returns: a failure inside it leaves the register as it was.
 */
export class FakeLoanDocumentRecords extends LoanDocumentRecords {
  readonly loans = new Set<string>();
  readonly tasks = new Map<string, FakeDocumentTask>();
  documents: LoanDocumentRecord[] = [];
  /** Audit entries written together with a document's row. */
  audited: AuditAct[] = [];
  readonly calls: string[] = [];
  /** Thrown by the next audit append inside a transaction. */
  auditFailure: Error | null = null;
  private lastId = 100;

  /** Puts a document on file as if uploaded earlier; the fields not given are a PDF's. */
  put(over: Partial<LoanDocumentRecord> & { loanId: string }): LoanDocumentRecord {
    this.lastId += 1;
    const row: LoanDocumentRecord = {
      id: String(this.lastId),
      taskId: null,
      kind: 'income-proof',
      fileName: '收入证明.pdf',
      contentType: 'application/pdf',
      sizeBytes: '1024',
      sha256: 'ab'.repeat(32),
      storageKey: `ab/${'ab'.repeat(32)}`,
      uploadedBy: 'li.cm',
      uploadedAt: new Date('2026-09-01T02:00:00.000Z'),
      ...over,
    };
    this.documents.push(row);
    return { ...row };
  }

  stored(id: string): LoanDocumentRecord | undefined {
    return this.documents.find((row) => row.id === id);
  }

  ofLoan(loanId: string): Promise<LoanDocumentRecord[]> {
    this.calls.push('ofLoan');
    return Promise.resolve(
      this.documents
        .filter((row) => row.loanId === loanId)
        .sort(
          (a, b) => a.uploadedAt.getTime() - b.uploadedAt.getTime() || Number(a.id) - Number(b.id),
        )
        .map((row) => ({ ...row })),
    );
  }

  loanExists(loanId: string): Promise<boolean> {
    this.calls.push('loanExists');
    return Promise.resolve(this.loans.has(loanId));
  }

  task(taskId: string): Promise<UploadingTask | null> {
    this.calls.push('task');
    const task = this.tasks.get(taskId);
    return Promise.resolve(task ? { ...task } : null);
  }

  oneOfLoan(loanId: string, documentId: string): Promise<LoanDocumentRecord | null> {
    this.calls.push('oneOfLoan');
    const row = this.documents.find((d) => d.id === documentId && d.loanId === loanId);
    return Promise.resolve(row ? { ...row } : null);
  }

  taskTypes(taskIds: readonly string[]): Promise<DocumentTaskType[]> {
    this.calls.push('taskTypes');
    return Promise.resolve(
      [...this.tasks]
        .filter(([id]) => taskIds.includes(id))
        .map(([id, task]) => ({ id, formKey: task.formKey })),
    );
  }

  async transaction<T>(work: (tx: LoanDocumentTransaction) => Promise<T>): Promise<T> {
    this.calls.push('transaction');
    const documents = this.documents.map((row) => ({ ...row }));
    const audited = [...this.audited];
    let lastId = this.lastId;
    const tx: LoanDocumentTransaction = {
      insert: (document: NewLoanDocument) => {
        this.calls.push('insert');
        lastId += 1;
        const row: LoanDocumentRecord = { ...document, id: String(lastId) };
        documents.push(row);
        return Promise.resolve({ ...row });
      },
      audit: (act: AuditAct) => {
        this.calls.push('audit');
        if (this.auditFailure) return Promise.reject(this.auditFailure);
        audited.push(act);
        return Promise.resolve();
      },
    };
    const result = await work(tx);
    this.documents = documents;
    this.audited = audited;
    this.lastId = lastId;
    return result;
  }
}
