/** What a handler sees of the job besides its validated input. */
export interface JobContext {
  readonly jobKey: string;
  readonly type: string;
  readonly processInstanceKey: string;
  readonly bpmnProcessId: string;
  readonly processDefinitionVersion: number;
  readonly elementId: string;
  readonly elementInstanceKey: string;
  /** Retries left on this job, counting this attempt. */
  readonly retries: number;
  /** The loan (or other business object) this process instance is about, from the `businessKey` variable. */
  readonly businessKey: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly logger: JobLogger;
}

export interface JobLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type JobVariables = Record<string, unknown>;

/** A worker: one job type, one handler. Returns the variables it writes (declared in `outputs`). */
export interface JobHandler<
  TInput extends object = object,
  TOutput extends JobVariables | void = JobVariables | void,
> {
  handle(input: TInput, context: JobContext): Promise<TOutput> | TOutput;
}

export interface RetryBackoff {
  /** Delay before the first retry. */
  initialMs: number;
  /** Upper bound of the delay. */
  maxMs: number;
}

export interface JobWorkerOptions<TInput extends object = object> {
  /** `area.verb`, e.g. `loan.disburse`: the job type models name in their service tasks. */
  type: string;
  /** One line for the process designer (element templates, docs). */
  description: string;
  /** A class-validator DTO. Its properties are the only variables fetched from the engine. */
  input?: new () => TInput;
  /** The variables the handler may write; anything else is refused as a contract breach. */
  outputs?: readonly string[];
  /**
   * BPMN error codes the handler throws (as DomainError) for outcomes the model must handle; the
   * model contract check requires each to be caught where the job type is used.
   */
  errors?: readonly string[];
  /**
   * How long the handler may hold a job before the broker gives it to another worker. Default 20 s.
   * A longer budget is held one lease (JOB_LEASE_MS) at a time and renewed while the handler runs.
   */
  timeoutMs?: number;
  /** Jobs held at once by this process for this type. Default 32. */
  maxJobsToActivate?: number;
  retryBackoff?: RetryBackoff;
  /**
   * For job types that move money or change a loan's standing: the only places (process id and
   * element id, as the product ships them) where the type may run. A job from anywhere else fails
   * into an incident without running, and the model check refuses a model that uses it elsewhere.
   */
  onlyAt?: readonly JobPlacement[];
  /**
   * What the step controls, when it is a control (a check or a decision the loan must pass): an
   * operator may move a token back over it, never past it (see instance modification).
   */
  control?: string;
}

/** Where a job type appears in a model: the process and the element. */
export interface JobPlacement {
  process: string;
  element: string;
}

/** The variable every process carries to name the loan (or other object) it is about. */
export const BUSINESS_KEY_VARIABLE = 'businessKey';
