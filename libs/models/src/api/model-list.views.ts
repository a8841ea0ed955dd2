import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A deployed version of a process, with the instances on it. */
export class ProcessVersionView {
  @ApiProperty() version!: number;
  @ApiProperty() processDefinitionKey!: string;
  @ApiProperty({ example: 'loan-origination.bpmn' }) resourceName!: string;
  @ApiProperty() deployedAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'who released it; null for a version deployed outside the release record',
  })
  deployedBy!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the second person who approved the release, when it came through the api',
  })
  approvedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'sha-256 of the file released' })
  checksum!: string | null;
  @ApiProperty() activeInstances!: number;
  @ApiProperty() completedInstances!: number;
  @ApiProperty() terminatedInstances!: number;
}

/** A process and its versions, newest first. */
export class DeployedProcessView {
  @ApiProperty({ example: 'loan-origination' }) bpmnProcessId!: string;
  @ApiProperty({ type: [ProcessVersionView] }) versions!: ProcessVersionView[];
}

/** A deployed version of a DMN decision. */
export class DeployedDecisionView {
  @ApiProperty({ example: 'approval-authority' }) decisionId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'the broker’s key of this version' }) decisionKey!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() deployedBy!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null for the installer’s own deploy',
  })
  approvedBy!: string | null;
  @ApiProperty() deployedAt!: string;
}

/** Processes and their versions, with instances on each; deployed decisions. */
export class ModelListView {
  @ApiProperty({ type: [DeployedProcessView] }) processes!: DeployedProcessView[];
  @ApiProperty({ type: [DeployedDecisionView] }) decisions!: DeployedDecisionView[];
}

/** How an active element of the source version maps to one of the target. */
export class ElementMappingView {
  @ApiProperty() sourceElementId!: string;
  @ApiProperty() targetElementId!: string;
}

export class MigrationVersionView {
  @ApiProperty() bpmnProcessId!: string;
  @ApiProperty() version!: number;
}

/** An instance that can move, with the mappings it moves by. */
export class MovableInstanceView {
  @ApiProperty() processInstanceKey!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the loan id' })
  businessKey!: string | null;
  @ApiProperty({ type: [ElementMappingView] }) mappings!: ElementMappingView[];
}

/** An instance that cannot move, and why. */
export class BlockedInstanceView {
  @ApiProperty() processInstanceKey!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the loan id' })
  businessKey!: string | null;
  @ApiProperty({ type: [String] }) reasons!: string[];
}

/** An instance the broker refused to migrate. */
export class MigrationFailureView {
  @ApiProperty() processInstanceKey!: string;
  @ApiProperty() reason!: string;
}

/**
 * Which instances can move to the target version and why the others cannot; after a real run
 * (not a dry run), also which moved and which the broker refused.
 */
export class MigrationView {
  @ApiProperty({ type: MigrationVersionView }) source!: MigrationVersionView;
  @ApiProperty({ type: MigrationVersionView }) target!: MigrationVersionView;
  @ApiProperty({ type: [MovableInstanceView] }) movable!: MovableInstanceView[];
  @ApiProperty({ type: [BlockedInstanceView] }) blocked!: BlockedInstanceView[];
  @ApiPropertyOptional({
    type: [String],
    description: 'the instances migrated (absent from a dry run)',
  })
  migrated?: string[];
  @ApiPropertyOptional({
    type: [MigrationFailureView],
    description: 'the instances the broker refused (absent from a dry run)',
  })
  failed?: MigrationFailureView[];
}
