import type { Schema } from './api';

/** A row of the monitor's list: where the instance waits, who holds it, whose loan. */
export type InstanceListRow = Schema<'InstanceListItemView'>;

export type Incident = Schema<'IncidentView'>;

/** One instance: its path, tokens, incidents, timers, messages and variables. */
export type InstanceDetail = Schema<'InstanceDetailView'>;

export interface ProcessDefinition {
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  resourceName: string;
  deployedAt: string;
  bpmnXml: string;
}

export interface Heatmap {
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  elements: {
    elementId: string;
    active: number;
    completed: number;
    terminated: number;
    incidents: number;
  }[];
}
