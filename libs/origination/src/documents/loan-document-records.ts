import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import { LoanDocumentEntity, LoanEntity, UserTaskEntity } from '@loanflow/persistence';

/** A document's register row: what the file is and where its bytes are in the document store. */
export interface LoanDocumentRecord {
  id: string;
  loanId: string;
  /** The task it was uploaded from, or null for an upload to the loan. */
  taskId: string | null;
  kind: string;
  fileName: string;
  contentType: string;
  /** A BIGINT: decimal text. */
  sizeBytes: string;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
  uploadedAt: Date;
}

/** A document to register: everything but the id the register gives it. */
export type NewLoanDocument = Omit<LoanDocumentRecord, 'id'>;

/** What an upload from a task needs of the task. */
export interface UploadingTask {
  /** The loan it belongs to. */
  businessKey: string | null;
  state: string;
  endReason: string | null;
  assignee: string | null;
}

/** A task's type: its form key. */
export interface DocumentTaskType {
  id: string;
  formKey: string;
}

/** The register inside one transaction: a document's row and its audit entry commit together. */
export interface LoanDocumentTransaction {
  /** The row as stored, with its id. */
  insert(document: NewLoanDocument): Promise<LoanDocumentRecord>;
  /** Appends to the audit trail in the transaction. */
  audit(act: AuditAct): Promise<void>;
}

/**
 * What the loan file's documents read and write in the register (their bytes are the document
 * store's). An abstract class so that it is both the injection token and the shape a unit spec's
 * fake implements.
 */
export abstract class LoanDocumentRecords {
  /** The loan's documents, oldest first. */
  abstract ofLoan(loanId: string): Promise<LoanDocumentRecord[]>;
  abstract loanExists(loanId: string): Promise<boolean>;
  abstract task(taskId: string): Promise<UploadingTask | null>;
  /** The document of this id if it is the loan's. */
  abstract oneOfLoan(loanId: string, documentId: string): Promise<LoanDocumentRecord | null>;
  /** The form keys of those of the tasks that exist. */
  abstract taskTypes(taskIds: readonly string[]): Promise<DocumentTaskType[]>;
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: LoanDocumentTransaction) => Promise<T>): Promise<T>;
}

/** The register's SQL for the loan file's documents (MySQL/MariaDB). */
@Injectable()
export class SqlLoanDocumentRecords extends LoanDocumentRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {
    super();
  }

  ofLoan(loanId: string): Promise<LoanDocumentRecord[]> {
    return this.dataSource
      .getRepository(LoanDocumentEntity)
      .find({ where: { loanId }, order: { uploadedAt: 'ASC', id: 'ASC' } });
  }

  loanExists(loanId: string): Promise<boolean> {
    return this.dataSource.getRepository(LoanEntity).existsBy({ id: loanId });
  }

  task(taskId: string): Promise<UploadingTask | null> {
    return this.dataSource.getRepository(UserTaskEntity).findOneBy({ id: taskId });
  }

  oneOfLoan(loanId: string, documentId: string): Promise<LoanDocumentRecord | null> {
    return this.dataSource.getRepository(LoanDocumentEntity).findOneBy({ id: documentId, loanId });
  }

  taskTypes(taskIds: readonly string[]): Promise<DocumentTaskType[]> {
    return this.dataSource
      .getRepository(UserTaskEntity)
      .find({ select: { id: true, formKey: true }, where: taskIds.map((id) => ({ id })) });
  }

  transaction<T>(work: (tx: LoanDocumentTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) =>
      work(new SqlLoanDocumentTransaction(manager, this.audit)),
    );
  }
}

/**
 * A document's writes on a transaction's manager: the register's own transactions, and the one in
 * which an application registers its papers with the loan it writes.
 */
export class SqlLoanDocumentTransaction implements LoanDocumentTransaction {
  constructor(
    private readonly manager: EntityManager,
    private readonly trail: AuditTrail,
  ) {}

  insert(document: NewLoanDocument): Promise<LoanDocumentRecord> {
    return this.manager.save(this.manager.create(LoanDocumentEntity, document));
  }

  async audit(act: AuditAct): Promise<void> {
    await this.trail.append(this.manager, act);
  }
}
