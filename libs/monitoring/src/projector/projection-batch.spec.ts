import { ExportedRecord } from '@loanflow/workflow';
import { ProjectionBatch } from './projection-batch';

let position = 0;
const record = (
  valueType: string,
  intent: string,
  key: string,
  value: Record<string, unknown>,
  recordType = 'EVENT',
): ExportedRecord => ({
  valueType,
  recordType,
  intent,
  key,
  position: ++position,
  timestamp: 1_800_000_000_000,
  value,
});

const element = (intent: string, key: string, instance: string, type: string) =>
  record('PROCESS_INSTANCE', intent, key, {
    processInstanceKey: instance,
    processDefinitionKey: '9',
    bpmnProcessId: 'loan-servicing',
    version: 3,
    elementId: type === 'PROCESS' ? 'loan-servicing' : 'check-installment',
    bpmnElementType: type,
    flowScopeKey: type === 'PROCESS' ? '-1' : instance,
  });

const businessKey = (instance: string, scope: string, loanId: string) =>
  record('VARIABLE', 'CREATED', `v-${instance}-${scope}`, {
    name: 'businessKey',
    value: JSON.stringify(loanId),
    scopeKey: scope,
    processInstanceKey: instance,
    processDefinitionKey: '9',
    bpmnProcessId: 'loan-servicing',
  });

const incident = (intent: string, key: string, instance: string) =>
  record('INCIDENT', intent, key, {
    processInstanceKey: instance,
    processDefinitionKey: '9',
    bpmnProcessId: 'loan-servicing',
    elementId: 'check-installment',
    elementInstanceKey: '77',
    jobKey: 88,
    errorType: 'JOB_NO_RETRIES',
    errorMessage: 'core banking unavailable',
  });

describe("one batch of the engine's records, sorted into the projection's rows", () => {
  it('puts process rows, element rows, business keys and incidents each where they go', () => {
    const batch = new ProjectionBatch();
    for (const r of [
      element('ELEMENT_ACTIVATED', '100', '100', 'PROCESS'),
      element('ELEMENT_ACTIVATED', '101', '100', 'SERVICE_TASK'),
      businessKey('100', '100', 'LN-1'),
      incident('CREATED', '500', '200'),
    ])
      batch.add(r);
    expect(batch.elements.map((row) => [row.key, row.elementType, row.state])).toEqual([
      ['100', 'PROCESS', 'active'],
      ['101', 'SERVICE_TASK', 'active'],
    ]);
    expect(batch.businessKeys).toEqual([
      expect.objectContaining({ processInstanceKey: '100', businessKey: 'LN-1' }),
    ]);
    expect(batch.incidents).toEqual([
      expect.objectContaining({ key: '500', state: 'open', jobKey: '88' }),
    ]);
  });

  it('leaves out what the projection does not keep: commands, a local businessKey, intents it ignores', () => {
    const batch = new ProjectionBatch();
    batch.add(record('PROCESS_INSTANCE', 'ACTIVATE_ELEMENT', '1', {}, 'COMMAND'));
    batch.add(element('SEQUENCE_FLOW_TAKEN', '102', '100', 'SEQUENCE_FLOW'));
    batch.add(businessKey('100', '101', 'LN-LOCAL'));
    batch.add(incident('RESOLVE', '500', '100'));
    expect(batch.elements).toEqual([]);
    expect(batch.businessKeys).toEqual([]);
    expect(batch.incidents).toEqual([]);
  });

  it('names each instance whose current tokens may have moved once: by its elements, its own row or its business key', () => {
    const batch = new ProjectionBatch();
    batch.add(element('ELEMENT_ACTIVATED', '100', '100', 'PROCESS'));
    batch.add(element('ELEMENT_COMPLETED', '101', '100', 'SERVICE_TASK'));
    batch.add(element('ELEMENT_ACTIVATED', '301', '300', 'USER_TASK'));
    batch.add(businessKey('400', '400', 'LN-4'));
    expect(batch.instancesWithTokenNews().sort()).toEqual(['100', '300', '400']);
  });

  it('names the instances whose open incidents may have changed: by an incident, or a new instance row', () => {
    const batch = new ProjectionBatch();
    batch.add(element('ELEMENT_ACTIVATED', '100', '100', 'PROCESS'));
    batch.add(element('ELEMENT_ACTIVATED', '301', '300', 'SERVICE_TASK'));
    batch.add(incident('RESOLVED', '500', '200'));
    expect(batch.instancesWithIncidentNews().sort()).toEqual(['100', '200']);
  });

  it('is empty for records the projection keeps nothing of, and not once one row is kept', () => {
    const batch = new ProjectionBatch();
    for (const r of [
      record('JOB_BATCH', 'ACTIVATED', '200', { type: 'loan.disburse', jobKeys: [] }),
      record('MESSAGE', 'PUBLISHED', '201', { name: 'loan-disbursed', correlationKey: 'LN-1' }),
      record('PROCESS_INSTANCE_CREATION', 'CREATED', '202', { bpmnProcessId: 'loan-servicing' }),
    ])
      batch.add(r);
    expect(batch.empty).toBe(true);
    batch.add(incident('CREATED', '300', '100'));
    expect(batch.empty).toBe(false);
    expect(new ProjectionBatch().empty).toBe(true);
  });
});
