import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Access } from '@loanflow/observability';
import type { EvaluatedDecision } from '../projector/projection-rows';

export class DecisionEvaluationView {
  @ApiProperty() evaluationKey!: string;
  @ApiProperty() processInstanceKey!: string;
  @ApiProperty({ description: 'the business rule task that evaluated it' }) elementId!: string;
  @ApiProperty() decisionId!: string;
  @ApiProperty() decisionName!: string;
  @ApiProperty() decisionVersion!: number;
  @ApiProperty({ description: 'the result the process received' }) output!: unknown;
  @ApiProperty({
    description: 'each decision evaluated (required decisions too): inputs, matched rules, output',
  })
  evaluated!: EvaluatedDecision[];
  @ApiProperty({ nullable: true }) failureMessage!: string | null;
  @ApiProperty() evaluatedAt!: string;
}

interface Row {
  evaluationKey: string;
  processInstanceKey: string;
  elementId: string;
  decisionId: string;
  decisionName: string;
  decisionVersion: number;
  outputJson: string;
  evaluatedJson: string;
  failureMessage: string | null;
  evaluatedAt: Date;
}

/**
 * The decision audit: every evaluation of a DMN decision (the approval authority first) for one
 * loan, with the inputs the engine read, the rules that matched and the output, as the engine
 * exported them.
 */
@ApiTags('monitor')
@ApiBearerAuth()
@Controller('api/loans')
export class DecisionEvaluationsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':id/decision-evaluations')
  @Access.loan([
    'reviewer',
    'approver',
    'center-manager',
    'committee-member',
    'risk-manager',
    'auditor',
    'admin',
  ])
  @ApiOperation({ summary: 'Every DMN evaluation of the loan: inputs, matched rules, output' })
  @ApiOkResponse({ type: [DecisionEvaluationView] })
  async list(@Param('id') loanId: string): Promise<DecisionEvaluationView[]> {
    const rows = (await this.dataSource.query(
      `SELECT d.evaluation_key AS evaluationKey, d.process_instance_key AS processInstanceKey,
              d.element_id AS elementId, d.decision_id AS decisionId, d.decision_name AS decisionName,
              d.decision_version AS decisionVersion, d.output_json AS outputJson,
              d.evaluated_json AS evaluatedJson, d.failure_message AS failureMessage,
              d.evaluated_at AS evaluatedAt
         FROM decision_evaluation d
         JOIN process_instance p ON p.process_instance_key = d.process_instance_key
        WHERE p.business_key = ?
        ORDER BY d.evaluated_at, d.evaluation_key`,
      [loanId],
    )) as Row[];
    return rows.map((row) => ({
      evaluationKey: row.evaluationKey,
      processInstanceKey: row.processInstanceKey,
      elementId: row.elementId,
      decisionId: row.decisionId,
      decisionName: row.decisionName,
      decisionVersion: Number(row.decisionVersion),
      output: parseOr(row.outputJson),
      evaluated: JSON.parse(row.evaluatedJson) as EvaluatedDecision[],
      failureMessage: row.failureMessage,
      evaluatedAt: new Date(row.evaluatedAt).toISOString(),
    }));
  }
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
