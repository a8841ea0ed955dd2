import type { ExportedRecord } from '@loanflow/workflow';

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
  const resource = String(value.resource ?? '');
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
