import type { AuditAct } from '@loanflow/audit';
import {
  CommentedLoan,
  CommentedTask,
  CommentMention,
  CommentTaskType,
  LoanCommentRecord,
  LoanCommentRecords,
  LoanCommentTransaction,
  NewLoanComment,
} from './loan-comment-records';

/** A task as the fake register knows it: the loan it belongs to and its form key. */
export interface FakeCommentTask extends CommentedTask {
  formKey: string;
}

const byAtThenId = (a: LoanCommentRecord, b: LoanCommentRecord): number =>
  a.at.getTime() - b.at.getTime() || Number(a.id) - Number(b.id);

/**
 * The comments' register in memory, for the unit specs of the comments service. Each method call
 * is logged by name. A transaction works on copies that replace the register's rows only when its
 * work returns: a failure inside it leaves the register as it was.
 */
export class FakeLoanCommentRecords extends LoanCommentRecords {
  readonly loanBranches = new Map<string, string>();
  readonly tasks = new Map<string, FakeCommentTask>();
  comments: LoanCommentRecord[] = [];
  mentions: CommentMention[] = [];
  /** Audit entries written together with a comment. */
  audited: AuditAct[] = [];
  readonly calls: string[] = [];
  /** What mentionsOf was asked for, by limit. */
  readonly mentionLimits: number[] = [];
  /** Thrown by the next audit append inside a transaction. */
  auditFailure: Error | null = null;
  private lastId = 100;

  /** Puts a comment on file as if written earlier, with its mention rows. */
  put(over: Partial<LoanCommentRecord> & { loanId: string; at: Date }): LoanCommentRecord {
    this.lastId += 1;
    const row: LoanCommentRecord = {
      id: String(this.lastId),
      taskId: null,
      author: 'li.cm',
      body: '客户补充了收入证明',
      mentions: '[]',
      ...over,
    };
    this.comments.push(row);
    for (const username of JSON.parse(row.mentions) as string[])
      this.mentions.push({ commentId: row.id, username, loanId: row.loanId, at: row.at });
    return { ...row };
  }

  stored(id: string): LoanCommentRecord | undefined {
    return this.comments.find((row) => row.id === id);
  }

  ofLoan(loanId: string): Promise<LoanCommentRecord[]> {
    this.calls.push('ofLoan');
    return Promise.resolve(
      this.comments
        .filter((row) => row.loanId === loanId)
        .sort(byAtThenId)
        .map((row) => ({ ...row })),
    );
  }

  ofTask(taskId: string): Promise<LoanCommentRecord[]> {
    this.calls.push('ofTask');
    return Promise.resolve(
      this.comments
        .filter((row) => row.taskId === taskId)
        .sort(byAtThenId)
        .map((row) => ({ ...row })),
    );
  }

  loan(loanId: string): Promise<CommentedLoan | null> {
    this.calls.push('loan');
    const branchCode = this.loanBranches.get(loanId);
    return Promise.resolve(branchCode === undefined ? null : { id: loanId, branchCode });
  }

  task(taskId: string): Promise<CommentedTask | null> {
    this.calls.push('task');
    const task = this.tasks.get(taskId);
    return Promise.resolve(task ? { ...task } : null);
  }

  mentionsOf(
    username: string,
    unitCodes: readonly string[] | null,
    limit: number,
  ): Promise<CommentMention[]> {
    this.calls.push('mentionsOf');
    this.mentionLimits.push(limit);
    const branchOf = (loanId: string) => this.loanBranches.get(loanId);
    return Promise.resolve(
      this.mentions
        .filter((row) => row.username === username && branchOf(row.loanId) !== undefined)
        .filter((row) => unitCodes === null || unitCodes.includes(branchOf(row.loanId)!))
        .sort((a, b) => b.at.getTime() - a.at.getTime())
        .slice(0, limit)
        .map((row) => ({ ...row })),
    );
  }

  withIds(commentIds: readonly string[]): Promise<LoanCommentRecord[]> {
    this.calls.push('withIds');
    return Promise.resolve(
      this.comments
        .filter((row) => commentIds.includes(row.id))
        .sort((a, b) => byAtThenId(b, a))
        .map((row) => ({ ...row })),
    );
  }

  taskTypes(taskIds: readonly string[]): Promise<CommentTaskType[]> {
    this.calls.push('taskTypes');
    return Promise.resolve(
      [...this.tasks]
        .filter(([id]) => taskIds.includes(id))
        .map(([id, task]) => ({ id, formKey: task.formKey })),
    );
  }

  async transaction<T>(work: (tx: LoanCommentTransaction) => Promise<T>): Promise<T> {
    this.calls.push('transaction');
    const comments = this.comments.map((row) => ({ ...row }));
    const mentions = this.mentions.map((row) => ({ ...row }));
    const audited = [...this.audited];
    let lastId = this.lastId;
    const tx: LoanCommentTransaction = {
      insertComment: (comment: NewLoanComment) => {
        this.calls.push('insertComment');
        lastId += 1;
        const row: LoanCommentRecord = { ...comment, id: String(lastId) };
        comments.push(row);
        return Promise.resolve({ ...row });
      },
      insertMentions: (rows: CommentMention[]) => {
        this.calls.push('insertMentions');
        mentions.push(...rows.map((row) => ({ ...row })));
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
    this.comments = comments;
    this.mentions = mentions;
    this.audited = audited;
    this.lastId = lastId;
    return result;
  }
}
