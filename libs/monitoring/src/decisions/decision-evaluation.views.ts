import { ApiProperty } from '@nestjs/swagger';
import { ApiObjectArray } from '@loanflow/observability';
import { Paging } from '../monitor/monitor.requests';
import type { EvaluatedDecision } from '../projector/projection-rows';

export class DecisionEvaluationView {
  @ApiProperty() evaluationKey!: string;
  @ApiProperty() processInstanceKey!: string;
  @ApiProperty({ description: 'the business rule task that evaluated it' }) elementId!: string;
  @ApiProperty() decisionId!: string;
  @ApiProperty() decisionName!: string;
  @ApiProperty() decisionVersion!: number;
  @ApiProperty({ description: 'the result the process received' }) output!: unknown;
  @ApiObjectArray({
    description: 'each decision evaluated (required decisions too): inputs, matched rules, output',
  })
  evaluated!: EvaluatedDecision[];
  @ApiProperty({ type: String, nullable: true }) failureMessage!: string | null;
  @ApiProperty() evaluatedAt!: string;
}

/** A page of one decision version's evaluations. */
export class DecisionVersionQuery extends Paging {}

/** A decision version evaluated in the reader's units, with how often. */
export class DecisionVersionView {
  @ApiProperty({ example: 'approval-authority' }) decisionId!: string;
  @ApiProperty() decisionName!: string;
  @ApiProperty() decisionVersion!: number;
  @ApiProperty({ description: 'its evaluations in your units' }) evaluations!: number;
  @ApiProperty() lastEvaluatedAt!: string;
}

/** An evaluation of a decision version, with the loan it was for. */
export class DecisionVersionEvaluationView extends DecisionEvaluationView {
  @ApiProperty({ type: String, nullable: true, description: 'the loan of its process instance' })
  loanId!: string | null;
}

/** A page of one decision version's evaluations, newest first. */
export class DecisionVersionEvaluationPage {
  @ApiProperty({ type: [DecisionVersionEvaluationView] }) items!: DecisionVersionEvaluationView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
