import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuditTrail } from '@loanflow/audit';
import {
  contentTypeOf,
  DomainError,
  itemAt,
  uploadFieldErrors,
  uploadProblems,
} from '@loanflow/domain';
import { auditActorOf, Principal } from '@loanflow/identity';
import { DOCUMENT_STORE, DocumentStore, storageKeyOf } from './document-store';
import type { UploadedPart } from './document-upload.interceptor';
import { DocumentView } from './document.view';
import {
  LoanDocumentRecord,
  LoanDocumentRecords,
  LoanDocumentTransaction,
} from './loan-document-records';

/** An upload whose bytes are in the store, not yet registered against a loan. */
export interface StoredUpload {
  kind: string;
  fileName: string;
  bytes: Buffer;
  sha256: string;
  storageKey: string;
}

/**
 * The loan file's documents: checked (kind, a file of an accepted type by its bytes), stored by
 * checksum in the document store, registered with who brought them in, when and from which task,
 * audited; read back only through the loan, so the dossier's scope is the download's.
 */
@Injectable()
export class LoanDocumentsService {
  constructor(
    private readonly records: LoanDocumentRecords,
    private readonly audit: AuditTrail,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
  ) {}

  async list(loanId: string): Promise<DocumentView[]> {
    const rows = await this.records.ofLoan(loanId);
    return this.views(rows);
  }

  async uploadToLoan(principal: Principal, loanId: string, kind: unknown, file?: UploadedPart) {
    const loan = await this.records.loanExists(loanId);
    if (!loan) throw new DomainError('LOAN_NOT_FOUND', `There is no loan ${loanId}.`);
    return this.upload(principal, loanId, null, kind, file);
  }

  /** From a task: its assignee, while it is open (claim first). */
  async uploadFromTask(principal: Principal, taskId: string, kind: unknown, file?: UploadedPart) {
    this.check(kind, file);
    const task = await this.records.task(taskId);
    if (!task?.businessKey) throw new DomainError('TASK_NOT_FOUND', `There is no task ${taskId}.`);
    const refusal =
      task.state !== 'open'
        ? new DomainError('TASK_ENDED', `This task has ended: ${task.endReason ?? task.state}.`)
        : task.assignee !== principal.username
          ? new DomainError('NOT_ASSIGNEE', 'Claim the task before adding documents from it.')
          : null;
    if (refusal) {
      await this.audit.record({
        actor: auditActorOf(principal),
        action: 'loan.document-upload',
        outcome: 'refused',
        loanKey: task.businessKey,
        taskId,
        reason: `${refusal.code}: ${refusal.message}`,
      });
      throw refusal;
    }
    return this.upload(principal, task.businessKey, taskId, kind, file);
  }

  /** The bytes of one of the loan's documents (another loan's id answers as a missing one). */
  async content(principal: Principal, loanId: string, documentId: string) {
    const row = /^\d{1,18}$/.test(documentId)
      ? await this.records.oneOfLoan(loanId, documentId)
      : null;
    if (!row)
      throw new DomainError('DOCUMENT_NOT_FOUND', `Loan ${loanId} has no document ${documentId}.`);
    const bytes = await this.store.get(row.storageKey);
    await this.audit.record({
      actor: auditActorOf(principal),
      action: 'loan.document-read',
      outcome: 'ok',
      loanKey: loanId,
      taskId: row.taskId,
      reason: `document ${row.id} (${row.kind}, sha256 ${row.sha256}) read`,
    });
    return { row, bytes };
  }

  private check(kind: unknown, file?: UploadedPart): void {
    const problems = uploadProblems({
      kind,
      bytes: file?.buffer ?? null,
      fileName: file?.originalname ?? null,
    });
    if (problems.length)
      throw new DomainError(
        'VALIDATION_FAILED',
        problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
        { fieldErrors: uploadFieldErrors(problems) },
      );
  }

  private async upload(
    principal: Principal,
    loanId: string,
    taskId: string | null,
    kind: unknown,
    file?: UploadedPart,
  ): Promise<DocumentView> {
    this.check(kind, file);
    const stored = await this.storeBytes(kind as string, file!);
    const saved = await this.records.transaction((tx) =>
      this.register(tx, principal, loanId, taskId, stored),
    );
    return itemAt(await this.views([saved]), 0, "the document's view");
  }

  /**
   * The bytes of a checked upload into the store, ready to register. The bytes go first: a
   * register row never points at nothing (a stored file without a row is harmless, and is the
   * same file the next upload of those bytes would store).
   */
  async storeBytes(kind: string, file: UploadedPart): Promise<StoredUpload> {
    const bytes = file.buffer;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const storageKey = storageKeyOf(sha256);
    await this.store.put(storageKey, bytes);
    return { kind, fileName: file.originalname, bytes, sha256, storageKey };
  }

  /** Registers stored bytes against the loan, audited, in the caller's transaction. */
  async register(
    tx: LoanDocumentTransaction,
    principal: Principal,
    loanId: string,
    taskId: string | null,
    { kind, fileName, bytes, sha256, storageKey }: StoredUpload,
  ): Promise<LoanDocumentRecord> {
    const row = await tx.insert({
      loanId,
      taskId,
      kind,
      fileName: cleanName(fileName),
      contentType: contentTypeOf(bytes)!,
      sizeBytes: String(bytes.length),
      sha256,
      storageKey,
      uploadedBy: principal.username,
      uploadedAt: new Date(),
    });
    await tx.audit({
      actor: auditActorOf(principal),
      action: 'loan.document-upload',
      outcome: 'ok',
      loanKey: loanId,
      taskId,
      reason: `document ${row.id}: ${row.kind}, ${row.contentType}, ${bytes.length} bytes, sha256 ${sha256}`,
    });
    return row;
  }

  private async views(rows: LoanDocumentRecord[]): Promise<DocumentView[]> {
    const taskIds = [...new Set(rows.map((r) => r.taskId).filter((t) => t !== null))];
    const tasks = taskIds.length ? await this.records.taskTypes(taskIds) : [];
    const typeOf = new Map(tasks.map((task) => [task.id, task.formKey]));
    return rows.map((row) => ({
      id: row.id,
      loanId: row.loanId,
      taskId: row.taskId,
      taskType: row.taskId ? (typeOf.get(row.taskId) ?? null) : null,
      kind: row.kind,
      fileName: row.fileName,
      contentType: row.contentType,
      sizeBytes: Number(row.sizeBytes),
      sha256: row.sha256,
      uploadedBy: row.uploadedBy,
      uploadedAt: row.uploadedAt.toISOString(),
    }));
  }
}

/** The name as the uploader's computer had it, without a path or control characters. */
/**
 * A character a name does not keep: the C0 and C1 controls and DEL, and the marks that reorder
 * text (U+200E/F, U+202A to U+202E, U+2066 to U+2069), with which "invoice\u202Efdp.exe" reads as
 * "invoiceexe.pdf" on screen.
 */
function hidden(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

function cleanName(name: string): string {
  // The upload readers read the name as UTF-8 (multer's defParamCharset), as browsers send it.
  const base = name.split(/[\\/]/).pop() ?? '';
  return (
    [...base]
      .filter((ch) => !hidden(ch))
      .join('')
      .slice(0, 200) || 'document'
  );
}
