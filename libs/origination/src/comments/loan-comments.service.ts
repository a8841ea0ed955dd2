import { Inject, Injectable, Logger } from '@nestjs/common';
import { NOTIFIER, Notifier } from '@loanflow/adapters';
import { DomainError, itemAt, MAX_MENTIONS, mentionedUsers, messageOf } from '@loanflow/domain';
import { auditActorOf, Directory, Principal, scopeAllows, UnitScope } from '@loanflow/identity';
import { CommentRequest, CommentView, MentionView } from './comment.views';
import { CommentedLoan, LoanCommentRecord, LoanCommentRecords } from './loan-comment-records';

const MENTIONS_SHOWN = 50;

/**
 * Comments on a loan file and its tasks: who wrote what when, and the colleagues it mentions. A
 * mention reaches only a colleague who may see the loan (their unit's subtree holds its branch):
 * a comment never carries a loan to someone outside its scope. Each comment is an audit row
 * (the text hashed, not repeated); each mention a notice in the colleague's inbox.
 */
@Injectable()
export class LoanCommentsService {
  private readonly logger = new Logger(LoanCommentsService.name);

  constructor(
    private readonly records: LoanCommentRecords,
    private readonly directory: Directory,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  async onLoan(loanId: string): Promise<CommentView[]> {
    return this.views(await this.records.ofLoan(loanId));
  }

  async onTask(taskId: string): Promise<CommentView[]> {
    return this.views(await this.records.ofTask(taskId));
  }

  async addToLoan(principal: Principal, loanId: string, request: CommentRequest) {
    return this.add(principal, loanId, null, request);
  }

  async addToTask(principal: Principal, taskId: string, request: CommentRequest) {
    const task = await this.records.task(taskId);
    if (!task?.businessKey) throw new DomainError('TASK_NOT_FOUND', `There is no task ${taskId}.`);
    return this.add(principal, task.businessKey, taskId, request);
  }

  /** The comments that mention the caller, newest first, on loans the caller may still see. */
  async mentionsOf(principal: Principal, scope: UnitScope): Promise<MentionView[]> {
    if (!scope.all && scope.unitCodes.length === 0) return [];
    const mentions = await this.records.mentionsOf(
      principal.username,
      scope.all ? null : scope.unitCodes,
      MENTIONS_SHOWN,
    );
    if (mentions.length === 0) return [];
    return this.views(await this.records.withIds(mentions.map((m) => m.commentId)));
  }

  private async add(
    principal: Principal,
    loanId: string,
    taskId: string | null,
    request: CommentRequest,
  ): Promise<CommentView> {
    const loan = await this.records.loan(loanId);
    if (!loan) throw new DomainError('LOAN_NOT_FOUND', `There is no loan ${loanId}.`);
    const text = request.text.trim();
    const mentions = await this.colleaguesToTell(principal, loan, text, request.mentions ?? []);
    const comment = await this.records.transaction(async (tx) => {
      const saved = await tx.insertComment({
        loanId,
        taskId,
        author: principal.username,
        at: new Date(),
        body: text,
        mentions: JSON.stringify(mentions),
      });
      if (mentions.length)
        await tx.insertMentions(
          mentions.map((username) => ({ commentId: saved.id, username, loanId, at: saved.at })),
        );
      await tx.audit({
        actor: auditActorOf(principal),
        action: taskId ? 'task.comment' : 'loan.comment',
        outcome: 'ok',
        loanKey: loanId,
        taskId,
        inputs: { text, mentions },
        reason: `comment ${saved.id}${mentions.length ? `, mentioning ${mentions.join(', ')}` : ''}`,
      });
      return saved;
    });
    for (const username of mentions) await this.tell(username, comment);
    return itemAt(await this.views([comment]), 0, "the comment's view");
  }

  /**
   * The colleagues to tell: every name listed must be an active user who may see the loan (400
   * naming `mentions` otherwise); an `@name` in the text that is nobody, or somebody who may not
   * see the loan, stays text.
   */
  private async colleaguesToTell(
    principal: Principal,
    loan: CommentedLoan,
    text: string,
    listed: string[],
  ): Promise<string[]> {
    const named = mentionedUsers(principal.username, text, listed);
    const problems: string[] = [];
    const tell: string[] = [];
    for (const username of [...named.listed, ...named.inText]) {
      const colleague = await this.directory.principalByUsername(username);
      const mayRead =
        colleague && scopeAllows(await this.directory.scopeOf(colleague), loan.branchCode);
      if (mayRead) tell.push(colleague.username);
      else if (named.listed.includes(username))
        problems.push(
          colleague ? `${username} may not see loan ${loan.id}` : `there is no user ${username}`,
        );
    }
    if (problems.length)
      throw new DomainError('VALIDATION_FAILED', `mentions: ${problems.join('; ')}.`, {
        fieldErrors: [
          { field: 'mentions', reasons: problems, rules: problems.map(() => 'isColleagueInScope') },
        ],
      });
    return tell.slice(0, MAX_MENTIONS);
  }

  /** The notice in the colleague's inbox; the comment stands whether or not it goes out now. */
  private async tell(username: string, comment: LoanCommentRecord): Promise<void> {
    try {
      await this.notifier.send({
        dedupeKey: `comment-mention:${comment.id}:${username}`,
        loanId: comment.loanId,
        channel: 'inbox',
        recipient: `user:${username}`,
        kind: 'comment-mention',
        subject: `${comment.author} 在 ${comment.loanId} 提到了你 mentioned you`,
        body:
          `${comment.author} mentioned you in a comment on loan ${comment.loanId}` +
          `${comment.taskId ? ` (task ${comment.taskId})` : ''}: see the loan's comments.`,
      });
    } catch (error) {
      this.logger.warn(`mention notice to ${username} not sent: ${messageOf(error)}`);
    }
  }

  private async views(comments: LoanCommentRecord[]): Promise<CommentView[]> {
    const taskIds = [...new Set(comments.map((c) => c.taskId).filter((t) => t !== null))];
    const tasks = taskIds.length ? await this.records.taskTypes(taskIds) : [];
    const typeOf = new Map(tasks.map((task) => [task.id, task.formKey]));
    return comments.map((comment) => ({
      id: comment.id,
      loanId: comment.loanId,
      taskId: comment.taskId,
      taskType: comment.taskId ? (typeOf.get(comment.taskId) ?? null) : null,
      author: comment.author,
      at: comment.at.toISOString(),
      text: comment.body,
      mentions: JSON.parse(comment.mentions) as string[],
    }));
  }
}
