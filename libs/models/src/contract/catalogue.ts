import { getMetadataStorage } from 'class-validator';
import { JOB_WORKER_METADATA, JobPlacement, JobWorkerOptions } from '@loanflow/workflow';

/** What the code offers the models: workers by job type, forms, messages, start variables. */
export interface WorkerContract {
  type: string;
  description: string;
  inputs: { name: string; required: boolean }[];
  outputs: readonly string[];
  errors: readonly string[];
  /** The DTO class, for element templates. */
  input?: new () => object;
  /** A guarded job type (money, a loan's standing): the only places it may be used. */
  onlyAt?: readonly JobPlacement[];
  /** What the step controls, when it is a control. */
  control?: string;
}

export interface CodeCatalogue {
  workers: ReadonlyMap<string, WorkerContract>;
  /** Form key -> the variables a completed task gives the process. */
  forms: ReadonlyMap<string, readonly string[]>;
  /** Messages the code publishes, with their variables. */
  messages: readonly { name: string; variables: readonly string[] }[];
  /** Process id -> the variables the code starts it with. */
  startVariables: Readonly<Record<string, readonly string[]>>;
}

/** A worker class's declaration, read from its @JobWorker metadata and input DTO. */
export function workerContractOf(workerClass: object): WorkerContract {
  const options = Reflect.getMetadata(JOB_WORKER_METADATA, workerClass) as
    JobWorkerOptions | undefined;
  if (!options)
    throw new Error(`${(workerClass as { name?: string }).name} has no @JobWorker declaration`);
  return {
    type: options.type,
    description: options.description,
    inputs: options.input ? inputsOf(options.input) : [],
    outputs: options.outputs ?? [],
    errors: options.errors ?? [],
    input: options.input,
    onlyAt: options.onlyAt,
    control: options.control,
  };
}

/** The DTO's properties; optional ones carry @IsOptional (or another conditional rule). */
function inputsOf(dto: new () => object): { name: string; required: boolean }[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const names = [...new Set(metadata.map((entry) => entry.propertyName))];
  return names.map((name) => ({
    name,
    required: !metadata.some(
      (entry) => entry.propertyName === name && entry.type === 'conditionalValidation',
    ),
  }));
}
