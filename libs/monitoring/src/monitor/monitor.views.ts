import { ApiProperty } from '@nestjs/swagger';
import { ApiLooseObject } from '@loanflow/observability';
import type { InstanceState } from '@loanflow/persistence';

const INSTANCE_STATES = ['active', 'completed', 'terminated'];

/** A process instance as the engine reported it: which version, its loan, its state. */
export class InstanceView {
  @ApiProperty() processInstanceKey!: string;
  @ApiProperty({ example: 'loan-origination' }) bpmnProcessId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() processDefinitionKey!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the loan id' })
  businessKey!: string | null;
  @ApiProperty({ enum: INSTANCE_STATES }) state!: InstanceState;
  @ApiProperty({ type: String, nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null while it runs' })
  endedAt!: string | null;
  @ApiProperty({ description: 'its open incidents' }) openIncidents!: number;
}

/** Where an instance waits now: an element of its model, with the model's name for it. */
export class CurrentStepView {
  @ApiProperty() elementId!: string;
  @ApiProperty({
    description:
      'the element’s name in the model (e.g. "Approval 贷款审批 (…)"); the id when it has none',
  })
  name!: string;
  @ApiProperty({ example: 'USER_TASK' }) elementType!: string;
  @ApiProperty({ type: String, nullable: true, description: 'when the token arrived there' })
  since!: string | null;
}

/** An instance in the monitor's list: where it waits, who holds the task there, whose loan. */
export class InstanceListItemView extends InstanceView {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the applicant of its loan, masked for a reader who does not serve customers',
  })
  borrower!: string | null;
  @ApiProperty({ type: [CurrentStepView] }) currentSteps!: CurrentStepView[];
  @ApiProperty({
    type: [String],
    description: 'who holds its open tasks (user names; none while in the pool)',
  })
  assignees!: string[];
}

export class InstancePageView {
  @ApiProperty({ type: [InstanceListItemView] }) items!: InstanceListItemView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

/** An incident the engine raised (a job out of retries, an expression that failed). */
export class IncidentView {
  @ApiProperty() incidentKey!: string;
  @ApiProperty() processInstanceKey!: string;
  @ApiProperty() bpmnProcessId!: string;
  @ApiProperty() elementId!: string;
  @ApiProperty() elementInstanceKey!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the failed job, if one failed' })
  jobKey!: string | null;
  @ApiProperty({ example: 'JOB_NO_RETRIES' }) errorType!: string;
  @ApiProperty({
    description: 'personal data masked for a reader who does not serve customers',
  })
  errorMessage!: string;
  @ApiProperty({ enum: ['open', 'resolved'] }) state!: 'open' | 'resolved';
  @ApiProperty({ type: String, nullable: true }) createdAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) resolvedAt!: string | null;
}

export class IncidentPageView {
  @ApiProperty({ type: [IncidentView] }) items!: IncidentView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

/** A flow node the instance entered, with its times. */
export class ElementInstanceView {
  @ApiProperty() elementInstanceKey!: string;
  @ApiProperty() elementId!: string;
  @ApiProperty({ example: 'USER_TASK' }) elementType!: string;
  @ApiProperty({ description: 'the element instance it runs in (the process, a sub-process)' })
  flowScopeKey!: string;
  @ApiProperty({ enum: INSTANCE_STATES }) state!: InstanceState;
  @ApiProperty({ type: String, nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) endedAt!: string | null;
}

/** A timer the instance waits on. */
export class InstanceTimerView {
  @ApiProperty() elementId!: string;
  @ApiProperty({ type: String, nullable: true }) dueAt!: string | null;
  @ApiProperty() repetitions!: number;
}

/** A message the instance waits for. */
export class MessageSubscriptionView {
  @ApiProperty() elementId!: string;
  @ApiProperty() messageName!: string;
  @ApiProperty() correlationKey!: string;
}

/** One instance: its element history, where its tokens are, incidents, timers, messages, variables. */
export class InstanceDetailView extends InstanceView {
  @ApiProperty({ type: [ElementInstanceView], description: 'every element entered, in order' })
  elements!: ElementInstanceView[];
  @ApiProperty({
    type: [String],
    description: 'where the instance waits now: active elements that are not containers',
  })
  activeElements!: string[];
  @ApiProperty({ type: [String] }) completedElements!: string[];
  @ApiProperty({ type: [IncidentView] }) incidents!: IncidentView[];
  @ApiProperty({ type: [InstanceTimerView] }) timers!: InstanceTimerView[];
  @ApiProperty({ type: [MessageSubscriptionView] })
  messageSubscriptions!: MessageSubscriptionView[];
  @ApiLooseObject({
    description:
      'its root variables by name, as JSON values ({truncated: true, start} for one cut short); personal data masked for a reader who does not serve customers',
  })
  variables!: Record<string, unknown>;
}

/** An incident retried: the job got retries again and the incident was resolved. */
export class IncidentResolvedView {
  @ApiProperty() incidentKey!: string;
  @ApiProperty({ description: 'always true' }) resolved!: boolean;
}

/** An incident fixed: the job's input variables set and the job retried. */
export class IncidentFixedView extends IncidentResolvedView {
  @ApiLooseObject({
    description: 'each variable set, by name: {from, to}, identifiers masked',
  })
  changed!: Record<string, unknown>;
}

/** A deployed process version with its BPMN XML (to draw the diagram). */
export class ProcessDefinitionView {
  @ApiProperty() processDefinitionKey!: string;
  @ApiProperty({ example: 'loan-origination' }) bpmnProcessId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ example: 'loan-origination.bpmn' }) resourceName!: string;
  @ApiProperty() deployedAt!: string;
  @ApiProperty({ description: 'the model’s XML' }) bpmnXml!: string;
}

/** One element of a version: tokens there now, passes completed and terminated, open incidents. */
export class HeatmapElementView {
  @ApiProperty() elementId!: string;
  @ApiProperty({ description: 'tokens there now' }) active!: number;
  @ApiProperty() completed!: number;
  @ApiProperty() terminated!: number;
  @ApiProperty({ description: 'open incidents there' }) incidents!: number;
}

/** Per element of a version, counted over the instances of the reader's units. */
export class HeatmapView {
  @ApiProperty() processDefinitionKey!: string;
  @ApiProperty() bpmnProcessId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({
    type: [HeatmapElementView],
    description: 'the elements any instance entered, by id',
  })
  elements!: HeatmapElementView[];
}
