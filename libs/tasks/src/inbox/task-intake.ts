import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@loanflow/config';
import { HealthIndicatorService } from '@nestjs/terminus';
import { HealthCheckRegistry, MetricsService } from '@loanflow/observability';
import { isDuplicateKeyError, UserTaskEntity } from '@loanflow/persistence';
import {
  checkJobInput,
  giveBackJobsWhileClosing,
  pollWithoutPause,
  JobTypeFilter,
  ZEEBE_CLIENT,
  ZeebeClient,
} from '@loanflow/workflow';
import { AuditTrail, SYSTEM_ACTOR } from '@loanflow/audit';
import { messageOf, parseCandidateGroup } from '@loanflow/domain';
import { FORMS, formFor } from '../forms/form-registry';
import { TaskRouting } from '../staffing/task-routing';
import { LoanSummaryHolder } from '../loan-summary';
import { dropDraft } from '../drafts/drop-draft';
import { engineAnswerOf } from '../completion/engine-answer';
import { offerToCandidates, withdrawFromCandidates } from './candidate-rows';
import { INBOX_ACTIVATION_HOLD_MS, INBOX_VARIABLES, INBOX_WORKER_TYPE } from './inbox.constants';
import { parseUserTaskHeaders, USER_TASK_JOB_TYPE, UserTaskHeaderError } from './user-task-headers';
import { TaskArrivals } from './task-arrivals';

interface UserTaskJob {
  key: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  elementId: string;
  elementInstanceKey: string;
  deadline: string;
  customHeaders: Record<string, unknown>;
  variables: Record<string, unknown>;
  forward(): unknown;
}

/** Every form's context variables: fetched with each job, kept per task for its own form. */
const CONTEXT_VARIABLES = [...new Set([...FORMS.values()].flatMap((form) => form.context ?? []))];

/** Longer context is cut: it is for reading beside the form, the engine keeps the whole. */
const CONTEXT_CAP = 8000;

function contextOf(
  names: readonly string[] | undefined,
  variables: Record<string, unknown>,
): string | null {
  const present = (names ?? []).filter((name) => variables[name] !== undefined);
  if (present.length === 0) return null;
  const json = JSON.stringify(Object.fromEntries(present.map((name) => [name, variables[name]])));
  return json.length <= CONTEXT_CAP
    ? json
    : JSON.stringify({ truncated: json.slice(0, CONTEXT_CAP) });
}

/** A user task the inbox cannot hand to anyone: the model must be fixed. */
class UnworkableTask extends Error {}

/**
 * Takes every io.camunda.zeebe:userTask job and keeps it, by job key, in the inbox until a person
 * completes it. It is activated with a short hold, extended to the long one once its inbox row is
 * committed (then renewed), so no other worker touches it and a crash in between returns it to the
 * broker within a minute; a re-activated job updates its row instead of adding one.
 */
@Injectable()
export class TaskIntake implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker?: { close(timeout?: number): Promise<unknown> };
  private connected = false;

  constructor(
    @Inject(ZEEBE_CLIENT) private readonly client: ZeebeClient,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly logger: PinoLogger,
    private readonly metrics: MetricsService,
    private readonly health: HealthCheckRegistry,
    private readonly indicators: HealthIndicatorService,
    private readonly routing: TaskRouting,
    private readonly audit: AuditTrail,
    private readonly arrivals: TaskArrivals,
  ) {
    this.logger.setContext('TaskIntake');
  }

  onApplicationBootstrap(): void {
    if (!JobTypeFilter.parse(this.config.WORKER_TYPES).matches(INBOX_WORKER_TYPE)) return;
    this.worker = this.client.createWorker({
      taskType: USER_TASK_JOB_TYPE,
      timeout: INBOX_ACTIVATION_HOLD_MS,
      maxJobsToActivate: 200,
      fetchVariable: [...INBOX_VARIABLES, ...CONTEXT_VARIABLES] as never,
      loglevel: 'NONE',
      onReady: () => (this.connected = true),
      onConnectionError: () => (this.connected = false),
      taskHandler: async (job) => {
        await this.take(job);
        return job.forward();
      },
    });
    // A rolling restart or a closing process hands back the user tasks its last poll brings.
    giveBackJobsWhileClosing(this.worker, this.client);
    pollWithoutPause(this.worker);
    this.connected = true;
    // Operators see on /health whether human tasks still reach the inbox.
    this.health.register('inbox', () => {
      const indicator = this.indicators.check('inbox');
      return this.connected
        ? indicator.up()
        : indicator.down({ message: 'not connected to the broker' });
    });
    this.logger.info('taking user tasks into the inbox');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close(10_000);
  }

  private async take(job: UserTaskJob): Promise<void> {
    const started = process.hrtime.bigint();
    let outcome = 'taken';
    try {
      await this.store(job);
    } catch (error) {
      outcome = 'refused';
      const message =
        error instanceof UnworkableTask || error instanceof UserTaskHeaderError
          ? `User task ${job.elementId} of ${job.bpmnProcessId} cannot be worked: ${error.message}`
          : `Inbox could not store user task ${job.elementId}: ${messageOf(error)}`;
      this.logger.warn({ jobKey: job.key, processInstanceKey: job.processInstanceKey }, message);
      // A task no one can work goes to an incident. Anything else (the database away, a deadlock)
      // is left to the short activation hold: the job comes back within 30 s and is filed then.
      // Failing it instead would put the job in FAILED for its back-off, and a person completing
      // the task (already filed by an earlier activation) in that window would be refused.
      if (error instanceof UnworkableTask || error instanceof UserTaskHeaderError)
        await this.client
          .failJob({ jobKey: job.key, errorMessage: message, retries: 0, retryBackOff: 0 })
          .catch(() => undefined);
    } finally {
      this.metrics.jobsHandled.inc({ type: USER_TASK_JOB_TYPE, outcome });
      this.metrics.jobDuration.observe(
        { type: USER_TASK_JOB_TYPE },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    }
  }

  private async store(job: UserTaskJob): Promise<void> {
    const assignment = parseUserTaskHeaders(job.customHeaders);
    const form = assignment.formKey ? formFor(assignment.formKey) : undefined;
    if (!form) {
      throw new UnworkableTask(
        `its form key ${assignment.formKey ?? '(none)'} is not one the inbox knows (${[...FORMS.keys()].join(', ')})`,
      );
    }
    if (
      assignment.candidateGroups.length + assignment.candidateUsers.length === 0 &&
      !assignment.assignee
    ) {
      throw new UnworkableTask('it names no assignee, candidate group or candidate user');
    }
    let loanSummary: string | null = null;
    if (job.variables.loan !== undefined || form.duty) {
      const check = checkJobInput(LoanSummaryHolder, { loan: job.variables.loan });
      if (!check.ok)
        throw new UnworkableTask(
          `its loan variable is not a valid loan summary: ${check.problems.join('; ')}`,
        );
      loanSummary = JSON.stringify(check.value.loan);
    }
    const businessKey =
      typeof job.variables.businessKey === 'string' ? job.variables.businessKey : null;
    // The deadline the long hold gives, in the broker's time as the activation's was (a test broker's
    // clock may run ahead): written with the row, so that extending the hold writes nothing more.
    const jobDeadline = new Date(
      Number(job.deadline) - INBOX_ACTIVATION_HOLD_MS + this.config.INBOX_HOLD_MS,
    );
    // The branch comes from the loan register, never from a process variable a model could set.
    const [loanRow] = businessKey
      ? await this.dataSource.query<
          { branchCode: string; customerManager: string; applicantName: string | null }[]
        >(
          `SELECT l.branch_code AS branchCode, l.customer_manager AS customerManager,
                  p.name AS applicantName
             FROM loan l LEFT JOIN loan_party p ON p.loan_id = l.id AND p.role = 'applicant'
            WHERE l.id = ?`,
          [businessKey],
        )
      : [];
    // The applicant's name comes from the register too: the engine carries no names.
    if (loanSummary && loanRow?.applicantName)
      loanSummary = JSON.stringify({
        ...(JSON.parse(loanSummary) as object),
        applicantName: loanRow.applicantName,
      });

    const task = this.dataSource.getRepository(UserTaskEntity).create({
      id: job.key,
      processInstanceKey: job.processInstanceKey,
      bpmnProcessId: job.bpmnProcessId,
      processVersion: job.processDefinitionVersion,
      elementId: job.elementId,
      elementInstanceKey: job.elementInstanceKey,
      formKey: form.key,
      businessKey,
      branchCode:
        loanRow?.branchCode ??
        (businessKey ? null : await this.unitOfGroups(assignment.candidateGroups)),
      candidateGroups: JSON.stringify(assignment.candidateGroups),
      candidateUsers: JSON.stringify(assignment.candidateUsers),
      assignee: assignment.assignee,
      dueAt: assignment.dueAt,
      followUpAt: assignment.followUpAt,
      jobDeadline,
      state: 'open',
      loanSummary,
      contextJson: contextOf(form.context, job.variables),
      createdAt: new Date(),
    });
    const routed = await this.routing.route(task, loanRow?.customerManager ?? null);
    task.assignee = routed.assignee;
    // Where the task went other than the model said, in the trail with the row that says so.
    const recordRoute = async (manager: EntityManager) => {
      if (!routed.reason) return;
      await this.audit.append(manager, {
        actor: SYSTEM_ACTOR,
        action: 'task.route',
        outcome: 'ok',
        loanKey: task.businessKey,
        taskId: task.id,
        reason: `${assignment.assignee} → ${task.assignee ?? 'the group pool'}: ${routed.reason}`,
      });
    };
    try {
      // Insert first, no locking read: a read of a row that does not exist yet takes gap locks,
      // which deadlock under many concurrent intakes.
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(UserTaskEntity, task);
        if (!task.assignee) await offerToCandidates(manager, task);
        await recordRoute(manager);
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      if (!(await this.takeAgain(task, recordRoute))) return;
    }
    this.arrivals.announce(task.businessKey);
    await routed.unrouted?.();
    await this.holdLong(task);
  }

  /**
   * The unit of a task that belongs to no loan (a unit's own task, such as a warning-level
   * crossing): the one org unit all its candidate groups name, when it is in the register; else
   * none (only head office sees it). The groups decide who gets the task anyway, so the unit read
   * from them gives no one more than the model's offer does.
   */
  private async unitOfGroups(groups: readonly string[]): Promise<string | null> {
    const codes = new Set(groups.map((group) => parseCandidateGroup(group).orgCode));
    const [code] = [...codes];
    if (codes.size !== 1 || !code) return null;
    const [unit] = await this.dataSource.query<{ code: string }[]>(
      'SELECT code FROM org_unit WHERE code = ?',
      [code],
    );
    return unit?.code ?? null;
  }

  /**
   * The row is committed: hold the job for the long run. If this fails (the broker away, this process
   * stopping) the short hold runs out and the job comes back, to be taken again and held then; if a
   * person completed the task meanwhile the job is gone and nothing needs holding.
   */
  private async holdLong(task: UserTaskEntity): Promise<void> {
    try {
      await this.client.updateJobTimeout({ jobKey: task.id, timeout: this.config.INBOX_HOLD_MS });
    } catch (error) {
      // A task completed within moments of its filing (a bot, a quick person): its job is gone,
      // which is no fault and needs no hold.
      if (engineAnswerOf(error).kind === 'gone') {
        this.logger.debug(
          { taskId: task.id },
          `task ${task.id} ended before its hold was extended`,
        );
        return;
      }
      this.logger.warn(
        { taskId: task.id, err: messageOf(error) },
        `task ${task.id}: its hold was not extended; the broker hands it out again within a minute`,
      );
    }
  }

  /**
   * A job key the inbox already holds. If it is the same task (same element instance and loan),
   * the job's hold ran out and it was re-activated: an open task keeps its row with the new
   * deadline, and an ended one stays ended (the engine's cancellation, or the completion, may have
   * been read before this late activation). Otherwise the row is left from a broker whose data was
   * wiped, where keys start again from the same numbers: replace it.
   */
  private async takeAgain(
    task: UserTaskEntity,
    recordRoute: (manager: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOne(UserTaskEntity, {
        where: { id: task.id },
        lock: { mode: 'pessimistic_write' },
      });
      const sameTask =
        existing?.elementInstanceKey === task.elementInstanceKey &&
        existing.businessKey === task.businessKey;
      if (sameTask && existing.state === 'open') {
        await manager.update(UserTaskEntity, { id: task.id }, { jobDeadline: task.jobDeadline });
        return true;
      }
      if (sameTask) return false;
      this.logger.warn(
        { taskId: task.id },
        `task ${task.id} replaces a row of an element instance the broker no longer has`,
      );
      await withdrawFromCandidates(manager, task.id);
      await dropDraft(manager, task.id);
      await manager.delete(UserTaskEntity, { id: task.id });
      await manager.insert(UserTaskEntity, task);
      if (!task.assignee) await offerToCandidates(manager, task);
      await recordRoute(manager);
      return true;
    });
  }
}
