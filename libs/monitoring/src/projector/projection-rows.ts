import type { ExportedRecord } from '@loanflow/workflow';
import { textOf } from '@loanflow/domain';

/** What one PROCESS_INSTANCE record says about an element instance (or the process instance itself). */
export interface ElementRow {
  key: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  elementId: string;
  elementType: string;
  flowScopeKey: string;
  state: 'active' | 'completed' | 'terminated';
  at: Date;
  ended: boolean;
  position: number;
}

const STATE_OF_INTENT: Record<string, ElementRow['state']> = {
  ELEMENT_ACTIVATING: 'active',
  ELEMENT_ACTIVATED: 'active',
  ELEMENT_MIGRATED: 'active',
  ELEMENT_COMPLETING: 'active',
  ELEMENT_COMPLETED: 'completed',
  ELEMENT_TERMINATING: 'active',
  ELEMENT_TERMINATED: 'terminated',
};

/** The row a process-instance event makes, or null for records the projection does not keep. */
export function elementRowOf(record: ExportedRecord): ElementRow | null {
  if (record.recordType !== 'EVENT') return null;
  const state = STATE_OF_INTENT[record.intent];
  if (!state) return null;
  const value = record.value;
  return {
    key: String(record.key),
    processInstanceKey: String(value.processInstanceKey),
    processDefinitionKey: String(value.processDefinitionKey),
    bpmnProcessId: String(value.bpmnProcessId),
    version: Number(value.version),
    elementId: String(value.elementId),
    elementType: String(value.bpmnElementType),
    flowScopeKey: String(value.flowScopeKey),
    state,
    at: new Date(record.timestamp),
    ended: state !== 'active',
    position: record.position,
  };
}

/** A deployed process from a PROCESS record; the exporter writes the resource as base64. */
export function processDefinitionOf(record: ExportedRecord) {
  if (record.recordType !== 'EVENT' || record.intent !== 'CREATED') return null;
  const value = record.value;
  const resource = textOf(value.resource);
  return {
    processDefinitionKey: String(value.processDefinitionKey),
    bpmnProcessId: String(value.bpmnProcessId),
    version: Number(value.version),
    resourceName: String(value.resourceName),
    bpmnXml: resource.startsWith('<') ? resource : Buffer.from(resource, 'base64').toString('utf8'),
    deployedAt: new Date(record.timestamp),
  };
}

export interface BusinessKeyRow {
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  businessKey: string;
  at: Date;
}

/** The business key of a process instance, from the VARIABLE record that creates it at the root scope. */
export function businessKeyOf(record: ExportedRecord): BusinessKeyRow | null {
  const value = record.value;
  if (record.recordType !== 'EVENT' || record.intent !== 'CREATED' || value.name !== 'businessKey')
    return null;
  if (String(value.scopeKey) !== String(value.processInstanceKey)) return null;
  let key: unknown;
  try {
    key = JSON.parse(String(value.value));
  } catch {
    return null;
  }
  if (typeof key !== 'string') return null;
  return {
    processInstanceKey: String(value.processInstanceKey),
    processDefinitionKey: String(value.processDefinitionKey),
    bpmnProcessId: String(value.bpmnProcessId),
    businessKey: key.slice(0, 64),
    at: new Date(record.timestamp),
  };
}

const str = (value: unknown): string => textOf(value);

export interface IncidentRow {
  key: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  elementId: string;
  elementInstanceKey: string;
  jobKey: string | null;
  errorType: string;
  errorMessage: string;
  state: 'open' | 'resolved';
  at: Date;
  position: number;
}

/** An incident opened (CREATED) or resolved (RESOLVED). */
export function incidentRowOf(record: ExportedRecord): IncidentRow | null {
  if (record.recordType !== 'EVENT') return null;
  if (record.intent !== 'CREATED' && record.intent !== 'RESOLVED') return null;
  const value = record.value;
  const jobKey = Number(value.jobKey);
  return {
    key: String(record.key),
    processInstanceKey: str(value.processInstanceKey),
    processDefinitionKey: str(value.processDefinitionKey),
    bpmnProcessId: str(value.bpmnProcessId),
    elementId: str(value.elementId),
    elementInstanceKey: str(value.elementInstanceKey),
    jobKey: jobKey > 0 ? str(value.jobKey) : null,
    errorType: str(value.errorType).slice(0, 60),
    errorMessage: str(value.errorMessage),
    state: record.intent === 'CREATED' ? 'open' : 'resolved',
    at: new Date(record.timestamp),
    position: record.position,
  };
}

export interface JobRow {
  key: string;
  jobType: string;
  processInstanceKey: string;
  elementId: string;
  elementInstanceKey: string;
  state: string;
  retries: number;
  worker: string | null;
  errorMessage: string | null;
  at: Date;
  ended: boolean;
  position: number;
}

const JOB_ENDS = new Set(['COMPLETED', 'ERROR_THROWN', 'CANCELED']);

/** A job event (created, completed, failed, timed out, retries updated, canceled …). */
export function jobRowOf(record: ExportedRecord): JobRow | null {
  if (record.recordType !== 'EVENT') return null;
  const value = record.value;
  if (value.processInstanceKey === undefined || Number(value.processInstanceKey) <= 0) return null;
  return {
    key: String(record.key),
    jobType: str(value.type).slice(0, 100),
    processInstanceKey: str(value.processInstanceKey),
    elementId: str(value.elementId),
    elementInstanceKey: str(value.elementInstanceKey),
    state: record.intent.toLowerCase().replace(/_/g, '-').slice(0, 20),
    retries: Number(value.retries ?? 0),
    worker: value.worker ? str(value.worker).slice(0, 100) : null,
    errorMessage: value.errorMessage ? str(value.errorMessage).slice(0, 1000) : null,
    at: new Date(record.timestamp),
    ended: JOB_ENDS.has(record.intent),
    position: record.position,
  };
}

export interface TimerRow {
  key: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  elementId: string;
  dueAt: Date;
  repetitions: number;
  state: string;
  position: number;
}

/** A timer created, triggered or canceled; start-event timers (no instance) are left out. */
export function timerRowOf(record: ExportedRecord): TimerRow | null {
  if (record.recordType !== 'EVENT') return null;
  const value = record.value;
  if (Number(value.processInstanceKey) <= 0) return null;
  return {
    key: String(record.key),
    processInstanceKey: str(value.processInstanceKey),
    processDefinitionKey: str(value.processDefinitionKey),
    elementId: str(value.targetElementId),
    dueAt: new Date(Number(value.dueDate)),
    repetitions: Number(value.repetitions ?? 1),
    state: record.intent.toLowerCase(),
    position: record.position,
  };
}

export interface SubscriptionRow {
  key: string;
  processInstanceKey: string;
  elementInstanceKey: string;
  elementId: string;
  messageName: string;
  correlationKey: string;
  state: string;
  position: number;
}

/** A process's wait for a message (PROCESS_MESSAGE_SUBSCRIPTION): created, correlated, deleted. */
export function subscriptionRowOf(record: ExportedRecord): SubscriptionRow | null {
  if (record.recordType !== 'EVENT') return null;
  const state = { CREATED: 'created', CORRELATED: 'correlated', DELETED: 'deleted' }[record.intent];
  if (!state) return null;
  const value = record.value;
  return {
    key: String(record.key),
    processInstanceKey: str(value.processInstanceKey),
    elementInstanceKey: str(value.elementInstanceKey),
    elementId: str(value.elementId),
    messageName: str(value.messageName).slice(0, 100),
    correlationKey: str(value.correlationKey).slice(0, 100),
    state,
    position: record.position,
  };
}

/** A deployment with the processes and decisions it held. */
export function deploymentRowOf(record: ExportedRecord) {
  if (record.recordType !== 'EVENT' || record.intent !== 'CREATED') return null;
  const value = record.value as {
    processesMetadata?: {
      resourceName: string;
      bpmnProcessId: string;
      version: number;
      duplicate: boolean;
    }[];
    decisionsMetadata?: {
      resourceName?: string;
      decisionId: string;
      version: number;
      duplicate: boolean;
    }[];
  };
  const resources = [
    ...(value.processesMetadata ?? []).map((p) => ({
      resourceName: p.resourceName,
      bpmnProcessId: p.bpmnProcessId,
      version: p.version,
      duplicate: p.duplicate,
    })),
    ...(value.decisionsMetadata ?? []).map((d) => ({
      decisionId: d.decisionId,
      version: d.version,
      duplicate: d.duplicate,
    })),
  ];
  return {
    deploymentKey: String(record.key),
    resourcesJson: JSON.stringify(resources),
    deployedAt: new Date(record.timestamp),
  };
}

/** Values longer than this are cut: the projection is for reading, the engine keeps the whole. */
export const VARIABLE_VALUE_CAP = 4000;

export interface VariableRow {
  key: string;
  processInstanceKey: string;
  name: string;
  value: string;
  truncated: boolean;
  position: number;
}

/** A root-scope variable created or updated (the instance's data as a manager reads it). */
export function variableRowOf(record: ExportedRecord): VariableRow | null {
  if (record.recordType !== 'EVENT' || (record.intent !== 'CREATED' && record.intent !== 'UPDATED'))
    return null;
  const value = record.value;
  if (str(value.scopeKey) !== str(value.processInstanceKey)) return null;
  const text = str(value.value);
  return {
    key: String(record.key),
    processInstanceKey: str(value.processInstanceKey),
    name: str(value.name).slice(0, 100),
    value: text.slice(0, VARIABLE_VALUE_CAP),
    truncated: text.length > VARIABLE_VALUE_CAP,
    position: record.position,
  };
}

/** One evaluated decision of a DMN evaluation: what went in, which rules matched, what came out. */
export interface EvaluatedDecision {
  decisionId: string;
  decisionName: string;
  decisionVersion: number;
  inputs: { id: string; name: string; value: unknown }[];
  matchedRules: { ruleId: string; ruleIndex: number; outputs: Record<string, unknown> }[];
  output: unknown;
}

export interface DecisionEvaluationRow {
  key: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  decisionId: string;
  decisionName: string;
  decisionVersion: number;
  decisionKey: string;
  output: string;
  evaluatedJson: string;
  failureMessage: string | null;
  at: Date;
}

/** A value of the engine's JSON strings, parsed when it is JSON, as given otherwise. */
function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** A DECISION_EVALUATION record (a business rule task evaluating a DMN), evaluated or failed. */
export function decisionEvaluationRowOf(record: ExportedRecord): DecisionEvaluationRow | null {
  if (record.recordType !== 'EVENT') return null;
  if (record.intent !== 'EVALUATED' && record.intent !== 'FAILED') return null;
  const value = record.value;
  const evaluated = ((value.evaluatedDecisions as Record<string, unknown>[] | undefined) ?? []).map(
    (d): EvaluatedDecision => ({
      decisionId: str(d.decisionId),
      decisionName: str(d.decisionName),
      decisionVersion: Number(d.decisionVersion),
      inputs: ((d.evaluatedInputs as Record<string, unknown>[] | undefined) ?? []).map((i) => ({
        id: str(i.inputId),
        name: str(i.inputName),
        value: parsed(i.inputValue),
      })),
      matchedRules: ((d.matchedRules as Record<string, unknown>[] | undefined) ?? []).map((r) => ({
        ruleId: str(r.ruleId),
        ruleIndex: Number(r.ruleIndex),
        outputs: Object.fromEntries(
          ((r.evaluatedOutputs as Record<string, unknown>[] | undefined) ?? []).map((o) => [
            str(o.outputName || o.outputId),
            parsed(o.outputValue),
          ]),
        ),
      })),
      output: parsed(d.decisionOutput),
    }),
  );
  return {
    key: String(record.key),
    processInstanceKey: str(value.processInstanceKey),
    bpmnProcessId: str(value.bpmnProcessId),
    elementId: str(value.elementId),
    decisionId: str(value.decisionId),
    decisionName: str(value.decisionName),
    decisionVersion: Number(value.decisionVersion),
    decisionKey: str(value.decisionKey),
    output: str(value.decisionOutput),
    evaluatedJson: JSON.stringify(evaluated),
    failureMessage: record.intent === 'FAILED' ? str(value.evaluationFailureMessage) : null,
    at: new Date(record.timestamp),
  };
}
