import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ApiLooseObject } from '@loanflow/observability';
import type { ModificationStatus } from '@loanflow/persistence';

/** One instruction as it was asked: move a token, activate an element or cancel one. */
export class ModificationInstructionView {
  @ApiProperty({ enum: ['move', 'activate', 'cancel'] }) kind!: 'move' | 'activate' | 'cancel';
  @ApiPropertyOptional({ description: 'move: the element whose tokens are cancelled' })
  fromElementId?: string;
  @ApiPropertyOptional({ description: 'move: the element activated instead' })
  toElementId?: string;
  @ApiPropertyOptional({ description: 'activate: the element to start' })
  elementId?: string;
  @ApiPropertyOptional({ description: 'cancel: the active element instance to end' })
  elementInstanceKey?: string;
  @ApiLooseObject({
    required: false,
    description: 'move or activate: the variables set with it, by name',
  })
  variables?: Record<string, unknown>;
}

/** An element instance the modification ends. */
export class PlannedTerminationView {
  @ApiProperty() elementInstanceKey!: string;
  @ApiProperty() elementId!: string;
  @ApiProperty({ description: 'the element’s name in the model' }) name!: string;
}

/** An element the modification starts. */
export class PlannedActivationView {
  @ApiProperty() elementId!: string;
  @ApiProperty({ description: 'the element’s name in the model' }) name!: string;
  @ApiProperty({
    description: 'the active sub-process instance it starts in; "-1" at the process’s own level',
  })
  ancestorElementInstanceKey!: string;
  @ApiLooseObject({ description: 'the variables set with it, by name' })
  variables!: Record<string, unknown>;
}

/** Where the instance will wait once the broker has applied the modification. */
export class PlannedTokenView {
  @ApiProperty() elementId!: string;
  @ApiProperty({ description: 'the element’s name in the model' }) name!: string;
}

/** A control the modification crosses: passed before and kept, or the target itself, redone. */
export class ModificationCheckView {
  @ApiProperty() elementId!: string;
  @ApiProperty({ description: 'the element’s name in the model' }) name!: string;
  @ApiProperty({ enum: ['kept', 'redone'] }) verdict!: 'kept' | 'redone';
  @ApiProperty({ description: 'what the control is (a duty, a decision, a worker’s control)' })
  control!: string;
}

/** What a modification does to the instance, as planned on it (the dry run, or when approved). */
@ApiExtraModels(ModificationCheckView)
export class ModificationPlanView {
  @ApiProperty({ type: [PlannedTerminationView] }) terminate!: PlannedTerminationView[];
  @ApiProperty({ type: [PlannedActivationView] }) activate!: PlannedActivationView[];
  @ApiProperty({ type: [PlannedTokenView], description: 'where the instance will wait after it' })
  tokensAfter!: PlannedTokenView[];
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(ModificationCheckView) }, { type: 'string' }] },
    description:
      'the controls it crosses backwards or redoes, each with why it is allowed; a request kept before they were structured holds them as sentences',
  })
  checks!: (ModificationCheckView | string)[];
}

/** The dry run of a modification on the instance as it is now. */
export class ModificationPreviewView {
  @ApiProperty() processInstanceKey!: string;
  @ApiProperty() bpmnProcessId!: string;
  @ApiProperty({ type: ModificationPlanView }) plan!: ModificationPlanView;
}

/** A requested modification of a running instance, and what became of it. */
export class ModificationView {
  @ApiProperty() id!: string;
  @ApiProperty() processInstanceKey!: string;
  @ApiProperty() bpmnProcessId!: string;
  @ApiProperty({ type: String, nullable: true }) loanId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the instance’s unit when requested' })
  branchCode!: string | null;
  @ApiProperty({ type: [ModificationInstructionView] })
  instructions!: ModificationInstructionView[];
  @ApiProperty({
    type: ModificationPlanView,
    description: 'the plan as requested; once applied, as planned again at approval',
  })
  plan!: ModificationPlanView;
  @ApiProperty() reason!: string;
  @ApiProperty({
    enum: ['pending', 'deciding', 'applied', 'refused', 'failed'],
    description: 'deciding: approved, the broker not yet answered',
  })
  status!: ModificationStatus;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ type: String, nullable: true }) decidedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionNote!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why it failed' })
  failure!: string | null;
}
