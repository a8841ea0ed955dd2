import { ApiProperty } from '@nestjs/swagger';
import type { ModelReleaseState } from '@loanflow/persistence';

/** A problem the lint or the model-to-code contract found in a model. */
export class ModelIssueView {
  @ApiProperty() file!: string;
  @ApiProperty({ description: 'the element, or "-" for the file' }) elementId!: string;
  @ApiProperty({ example: 'loanflow/timer-duration' }) rule!: string;
  @ApiProperty({ enum: ['error', 'warn'] }) category!: 'error' | 'warn';
  @ApiProperty() message!: string;
}

/** A BPMN process or DMN decision a file defines. */
export class ModelResourceView {
  @ApiProperty() file!: string;
  @ApiProperty({ enum: ['process', 'decision'] }) kind!: 'process' | 'decision';
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'sha-256 of the file' }) checksum!: string;
}

/** What the check says about a set of model files (nothing deployed). */
export class ModelCheckReportView {
  @ApiProperty({ description: 'no errors (warnings allowed)' }) ok!: boolean;
  @ApiProperty({ type: [ModelIssueView] }) issues!: ModelIssueView[];
  @ApiProperty({ type: [ModelResourceView] }) resources!: ModelResourceView[];
}

export class ReleasedFileView {
  @ApiProperty() name!: string;
  @ApiProperty() checksum!: string;
  @ApiProperty() bytes!: number;
}

/** A resource as the broker deployed it. */
export class DeployedResourceView {
  @ApiProperty({ enum: ['process', 'decision'] }) kind!: 'process' | 'decision';
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'the broker’s key of this version' }) key!: string;
  @ApiProperty() file!: string;
}

/** A request to release models, deployed only once a second person approves it. */
export class ModelReleaseView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['pending', 'deploying', 'deployed', 'rejected'] })
  state!: ModelReleaseState;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: [ReleasedFileView] }) files!: ReleasedFileView[];
  @ApiProperty({ type: [ModelResourceView] }) resources!: ModelResourceView[];
  @ApiProperty({ type: [ModelIssueView], description: 'warnings the check let through' })
  warnings!: ModelIssueView[];
  @ApiProperty({ type: String, nullable: true }) decidedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason!: string | null;
  @ApiProperty({ type: [DeployedResourceView], nullable: true })
  deployed!: DeployedResourceView[] | null;
}

export class ModelFileView {
  @ApiProperty({ example: 'loan-origination.bpmn' }) name!: string;
  @ApiProperty({ description: 'the file’s XML' }) content!: string;
}

export class ModelReleaseDetail extends ModelReleaseView {
  @ApiProperty({
    type: [ModelFileView],
    description: 'the files exactly as they will be (or were) deployed',
  })
  contents!: ModelFileView[];
}
