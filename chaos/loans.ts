/**
 * Drives credit loans from application to disbursement through the api, every task completed by
 * the demo bank's staff, and pays into disbursed loans. Retries ride out faults: a completion whose
 * answer was lost (its api killed) is sent again, and a task no longer open means it went through.
 */
import {
  approvalOf,
  contractsFor,
  creditApplication,
  FORM,
  GOOD_INVESTIGATION,
  papersOf,
  PASSING_REVIEW,
  RELEASE,
  samplePaper,
  SIGNED_CONTRACT_PAPER,
} from '@loanflow/origination';
import { FailoverApi } from './api';
import { messageOf } from '@loanflow/domain';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DriverEvents {
  /** Called just before a completion is sent: the api fault strikes here. */
  beforeCompletion?(form: string): Promise<void> | void;
  /** The disbursement check was released: the disbursement job comes next. */
  released?(loanId: string): void;
}

export class LoanDriver {
  readonly started: string[] = [];
  readonly disbursed: string[] = [];
  readonly failed = new Map<string, string>();

  constructor(
    private readonly api: FailoverApi,
    private readonly events: DriverEvents,
    private readonly stageTimeoutMs: number,
  ) {}

  async originate(): Promise<void> {
    const body = creditApplication();
    const reply = await this.api.call('li.cm', 'POST', '/api/applications', () => {
      const form = new FormData();
      form.append('application', JSON.stringify(body));
      for (const paper of papersOf(body))
        form.append(paper.kind, new Blob([new Uint8Array(paper.bytes)]), paper.fileName);
      return form;
    });
    if (reply.status !== 201 && reply.status !== 200)
      throw new Error(`application refused: ${reply.status} ${JSON.stringify(reply.body)}`);
    const loanId = String(reply.body.loanId);
    this.started.push(loanId);
    try {
      await this.work('li.cm', loanId, FORM.investigation, GOOD_INVESTIGATION);
      await this.work('wang.reviewer', loanId, FORM.review, PASSING_REVIEW);
      const amount = (body as { amount: string }).amount;
      const term = (body as { termMonths: number }).termMonths;
      await this.work('zhao.approver', loanId, FORM.approval, approvalOf(amount, term));
      await this.work('li.cm', loanId, FORM.contracts, contractsFor(loanId, [], false));
      await this.work('hu.supervisor', loanId, FORM.disbursementCheck, RELEASE);
      this.events.released?.(loanId);
      await this.until(`${loanId} disbursed`, async () => {
        const dossier = await this.api.call('li.cm', 'GET', `/api/loans/${loanId}`);
        return dossier.body.status === 'disbursed' && Boolean(dossier.body.schedule);
      });
      this.disbursed.push(loanId);
    } catch (error) {
      this.failed.set(loanId, messageOf(error));
    }
  }

  /** A counter payment into a disbursed loan, sent again with its key until it is taken. */
  async repay(loanId: string, n: number, paidAt: Date): Promise<boolean> {
    const reply = await this.api.call('lin.collection', 'POST', `/api/loans/${loanId}/repayments`, {
      amount: '500.00',
      paidAt: paidAt.toISOString(),
      channel: 'counter',
      idempotencyKey: `chaos-${loanId}-${n}`,
    });
    return reply.status === 201 || reply.status === 200;
  }

  private async work(username: string, loanId: string, form: string, answer: object) {
    let taskId = '';
    await this.until(`${loanId} ${form} in the inbox`, async () => {
      const page = await this.api.call(
        username,
        'GET',
        `/api/tasks?loan=${loanId}&type=${encodeURIComponent(form)}`,
      );
      taskId = String((page.body.items as { id: string }[] | undefined)?.[0]?.id ?? '');
      return taskId !== '';
    });
    if (form === FORM.contracts) {
      const paper = samplePaper(SIGNED_CONTRACT_PAPER);
      const uploaded = await this.api.call(
        'li.cm',
        'POST',
        `/api/loans/${loanId}/documents`,
        () => {
          const upload = new FormData();
          upload.append('kind', SIGNED_CONTRACT_PAPER);
          upload.append('file', new Blob([new Uint8Array(paper.bytes)]), paper.fileName);
          return upload;
        },
      );
      if (uploaded.status >= 300) throw new Error(`upload: ${uploaded.status}`);
    }
    await this.events.beforeCompletion?.(form);
    const done = await this.api.call(username, 'POST', `/api/tasks/${taskId}/complete`, {
      answer,
    });
    // 404/409 after a retry: the first attempt went through before its api died.
    if (done.status >= 300 && done.status !== 404 && done.status !== 409)
      throw new Error(`${form} completion: ${done.status} ${JSON.stringify(done.body)}`);
    if (done.status === 404 || done.status === 409) {
      // A completion still being settled (409 TASK_COMPLETION_PENDING after its api died): the
      // outbox's sweeper settles it from the engine's records or releases it within a pass; wait
      // for the task to leave the inbox, and complete it again if it was released.
      await this.until(`${loanId} ${form} settled`, async () => {
        const open = await this.api.call(
          username,
          'GET',
          `/api/tasks?loan=${loanId}&type=${encodeURIComponent(form)}`,
        );
        const stillOpen = (open.body.items as { id: string }[] | undefined)?.some(
          (t) => t.id === taskId,
        );
        if (!stillOpen) return true;
        const again = await this.api.call(username, 'POST', `/api/tasks/${taskId}/complete`, {
          answer,
        });
        return again.status === 200;
      });
    }
  }

  private async until(what: string, check: () => Promise<boolean>): Promise<void> {
    const until = Date.now() + this.stageTimeoutMs;
    while (Date.now() < until) {
      if (await check()) return;
      await sleep(300);
    }
    throw new Error(`${what}: not within ${this.stageTimeoutMs / 1000} s`);
  }
}
