import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditAct, AuditTrail } from '@loanflow/audit';
import {
  CommentMentionEntity,
  LoanCommentEntity,
  LoanEntity,
  UserTaskEntity,
} from '@loanflow/persistence';

/** A comment as the register holds it (the text decrypted). */
export interface LoanCommentRecord {
  id: string;
  loanId: string;
  /** The task it was written on, or null for a comment on the loan. */
  taskId: string | null;
  author: string;
  at: Date;
  body: string;
  /** The colleagues it mentions, JSON array of user names. */
  mentions: string;
}

/** A comment to record: everything but the id the register gives it. */
export type NewLoanComment = Omit<LoanCommentRecord, 'id'>;

/** A colleague mentioned in a comment, as their list of mentions reads it. */
export interface CommentMention {
  commentId: string;
  username: string;
  loanId: string;
  at: Date;
}

/** A loan with the branch whose subtree may see it. */
export interface CommentedLoan {
  id: string;
  branchCode: string;
}

/** What a comment needs of the task it is written on: the loan it belongs to. */
export interface CommentedTask {
  businessKey: string | null;
}

/** A task's type: its form key. */
export interface CommentTaskType {
  id: string;
  formKey: string;
}

/** The register inside one transaction: the comment, its mentions and its audit entry commit together. */
export interface LoanCommentTransaction {
  /** The comment as stored, with its id. */
  insertComment(comment: NewLoanComment): Promise<LoanCommentRecord>;
  insertMentions(mentions: CommentMention[]): Promise<void>;
  /** Appends to the audit trail in the transaction. */
  audit(act: AuditAct): Promise<void>;
}

/**
 * What the comments on a loan file read and write in the register. An abstract class so that it
 * is both the injection token and the shape a unit spec's fake implements.
 */
export abstract class LoanCommentRecords {
  /** The comments on the loan and on its tasks, oldest first. */
  abstract ofLoan(loanId: string): Promise<LoanCommentRecord[]>;
  /** The comments written on the task, oldest first. */
  abstract ofTask(taskId: string): Promise<LoanCommentRecord[]>;
  abstract loan(loanId: string): Promise<CommentedLoan | null>;
  abstract task(taskId: string): Promise<CommentedTask | null>;
  /**
   * The latest `limit` mentions of the user on loans still on file whose branch is among
   * `unitCodes` (null: any branch), newest first.
   */
  abstract mentionsOf(
    username: string,
    unitCodes: readonly string[] | null,
    limit: number,
  ): Promise<CommentMention[]>;
  /** The comments of these ids, newest first. */
  abstract withIds(commentIds: readonly string[]): Promise<LoanCommentRecord[]>;
  /** The form keys of those of the tasks that exist. */
  abstract taskTypes(taskIds: readonly string[]): Promise<CommentTaskType[]>;
  /** Runs `work` in one transaction: all it writes commits, or none of it. */
  abstract transaction<T>(work: (tx: LoanCommentTransaction) => Promise<T>): Promise<T>;
}

/** The register's SQL for the comments on a loan file (MySQL/MariaDB). */
@Injectable()
export class SqlLoanCommentRecords extends LoanCommentRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {
    super();
  }

  ofLoan(loanId: string): Promise<LoanCommentRecord[]> {
    return this.dataSource
      .getRepository(LoanCommentEntity)
      .find({ where: { loanId }, order: { at: 'ASC', id: 'ASC' } });
  }

  ofTask(taskId: string): Promise<LoanCommentRecord[]> {
    return this.dataSource
      .getRepository(LoanCommentEntity)
      .find({ where: { taskId }, order: { at: 'ASC', id: 'ASC' } });
  }

  loan(loanId: string): Promise<CommentedLoan | null> {
    return this.dataSource
      .getRepository(LoanEntity)
      .findOne({ select: { id: true, branchCode: true }, where: { id: loanId } });
  }

  task(taskId: string): Promise<CommentedTask | null> {
    return this.dataSource.getRepository(UserTaskEntity).findOneBy({ id: taskId });
  }

  mentionsOf(
    username: string,
    unitCodes: readonly string[] | null,
    limit: number,
  ): Promise<CommentMention[]> {
    // Scoped in the query, not after it: mentions on loans the user may no longer see (moved to
    // another branch) must not crowd out the ones they may.
    const query = this.dataSource
      .getRepository(CommentMentionEntity)
      .createQueryBuilder('mention')
      .innerJoin(LoanEntity, 'loan', 'loan.id = mention.loanId')
      .where('mention.username = :username', { username })
      .orderBy('mention.at', 'DESC')
      .addOrderBy('mention.commentId', 'DESC')
      .limit(limit);
    if (unitCodes) query.andWhere('loan.branchCode IN (:...unitCodes)', { unitCodes });
    return query.getMany();
  }

  withIds(commentIds: readonly string[]): Promise<LoanCommentRecord[]> {
    return this.dataSource
      .getRepository(LoanCommentEntity)
      .find({ where: { id: In([...commentIds]) }, order: { at: 'DESC', id: 'DESC' } });
  }

  taskTypes(taskIds: readonly string[]): Promise<CommentTaskType[]> {
    return this.dataSource
      .getRepository(UserTaskEntity)
      .find({ select: { id: true, formKey: true }, where: { id: In([...taskIds]) } });
  }

  transaction<T>(work: (tx: LoanCommentTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(this.inTransaction(manager)));
  }

  private inTransaction(manager: EntityManager): LoanCommentTransaction {
    return {
      insertComment: (comment) => manager.save(manager.create(LoanCommentEntity, comment)),
      insertMentions: async (mentions) => {
        await manager.insert(CommentMentionEntity, mentions);
      },
      audit: async (act) => {
        await this.audit.append(manager, act);
      },
    };
  }
}
