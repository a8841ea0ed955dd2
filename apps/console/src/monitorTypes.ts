export interface InstanceRow {
  processInstanceKey: string;
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  businessKey: string | null;
  state: string;
  startedAt: string | null;
  endedAt: string | null;
  openIncidents: number;
}

/** A row of the monitor's list: where the instance waits, who holds it, whose loan. */
export interface InstanceListRow extends InstanceRow {
  borrower: string | null;
  currentSteps: { elementId: string; name: string; elementType: string; since: string | null }[];
  assignees: string[];
}

export interface Incident {
  incidentKey: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  jobKey: string | null;
  errorType: string;
  errorMessage: string;
  state: string;
  createdAt: string | null;
  resolvedAt: string | null;
}

export interface InstanceDetail extends InstanceRow {
  elements: {
    elementInstanceKey: string;
    elementId: string;
    elementType: string;
    state: string;
    startedAt: string | null;
    endedAt: string | null;
  }[];
  activeElements: string[];
  completedElements: string[];
  incidents: Incident[];
  timers: { elementId: string; dueAt: string | null; repetitions: number }[];
  messageSubscriptions: { elementId: string; messageName: string; correlationKey: string }[];
  variables: Record<string, unknown>;
}

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
