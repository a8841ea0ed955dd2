import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { encrypted } from '../crypto/field-crypto';

/**
 * A comment on a loan file, on the loan itself or on one of its tasks. The text is free and may
 * carry what the customer said (an ID or phone number among it): encrypted like those columns.
 */
@Entity({ name: 'loan_comment' })
@Index('ix_loan_comment_loan', ['loanId', 'at'])
@Index('ix_loan_comment_task', ['taskId'])
export class LoanCommentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  /** The task it was written on, or null for a comment on the loan. */
  @Column({ type: 'varchar', length: 20, name: 'task_id', nullable: true })
  taskId!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'author' })
  author!: string;

  @Column({ type: 'datetime', precision: 3, name: 'at' })
  at!: Date;

  @Column({ type: 'text', name: 'body', transformer: encrypted('loan_comment.body') })
  body!: string;

  /** The colleagues it mentions, JSON array of user names. */
  @Column({ type: 'varchar', length: 1000, name: 'mentions' })
  mentions!: string;
}

/** A colleague mentioned in a comment: what their list of mentions reads. */
@Entity({ name: 'comment_mention' })
@Index('ix_comment_mention_user', ['username', 'at'])
export class CommentMentionEntity {
  @PrimaryColumn({ type: 'bigint', name: 'comment_id' })
  commentId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64, name: 'username' })
  username!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'datetime', precision: 3, name: 'at' })
  at!: Date;
}

/**
 * A task form saved half-filled by its assignee, never sent to the engine; one per task, dropped
 * when the task ends. The answer may carry identifiers (a guarantor's ID number): encrypted.
 */
@Entity({ name: 'task_draft' })
export class TaskDraftEntity {
  @PrimaryColumn({ type: 'varchar', length: 20, name: 'task_id' })
  taskId!: string;

  /** Who saved it: only they, while the task is theirs, read it back. */
  @Column({ type: 'varchar', length: 64, name: 'owner' })
  owner!: string;

  @Column({ type: 'varchar', length: 64, name: 'loan_id', nullable: true })
  loanId!: string | null;

  @Column({ type: 'mediumtext', name: 'answer', transformer: encrypted('task_draft.answer') })
  answer!: string;

  @Column({ type: 'datetime', precision: 3, name: 'saved_at' })
  savedAt!: Date;
}

/**
 * A file on a loan: what kind of paper, who brought it in when, from which task, its size, the type
 * its bytes say and their SHA-256; the bytes themselves are in the document store under `storageKey`.
 */
@Entity({ name: 'loan_document' })
@Index('ix_loan_document_loan', ['loanId', 'uploadedAt'])
export class LoanDocumentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'id' })
  id!: string;

  @Column({ type: 'varchar', length: 32, name: 'loan_id' })
  loanId!: string;

  @Column({ type: 'varchar', length: 20, name: 'task_id', nullable: true })
  taskId!: string | null;

  @Column({ type: 'varchar', length: 40, name: 'kind' })
  kind!: string;

  @Column({ type: 'varchar', length: 255, name: 'file_name' })
  fileName!: string;

  @Column({ type: 'varchar', length: 40, name: 'content_type' })
  contentType!: string;

  @Column({ type: 'bigint', name: 'size_bytes' })
  sizeBytes!: string;

  @Column({ type: 'char', length: 64, name: 'sha256' })
  sha256!: string;

  @Column({ type: 'varchar', length: 255, name: 'storage_key' })
  storageKey!: string;

  @Column({ type: 'varchar', length: 64, name: 'uploaded_by' })
  uploadedBy!: string;

  @Column({ type: 'datetime', precision: 3, name: 'uploaded_at' })
  uploadedAt!: Date;
}
