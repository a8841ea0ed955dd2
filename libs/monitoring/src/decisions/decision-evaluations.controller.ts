import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import type { Role } from '@loanflow/domain';
import { CurrentScope, UnitScope } from '@loanflow/identity';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Access } from '@loanflow/observability';
import { Paging } from '../monitor/monitor.queries';
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
      `SELECT ${EVALUATION_COLUMNS}
         FROM decision_evaluation d
         JOIN process_instance p ON p.process_instance_key = d.process_instance_key
        WHERE p.business_key = ?
        ORDER BY d.evaluated_at, d.evaluation_key`,
      [loanId],
    )) as Row[];
    return rows.map(evaluationView);
  }
}

const EVALUATION_COLUMNS = `d.evaluation_key AS evaluationKey, d.process_instance_key AS processInstanceKey,
              d.element_id AS elementId, d.decision_id AS decisionId, d.decision_name AS decisionName,
              d.decision_version AS decisionVersion, d.output_json AS outputJson,
              d.evaluated_json AS evaluatedJson, d.failure_message AS failureMessage,
              d.evaluated_at AS evaluatedAt`;

function evaluationView(row: Row): DecisionEvaluationView {
  return {
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
  };
}

/** A page of one decision version's evaluations. */
export class DecisionVersionQuery extends Paging {}

/** Who reads the decisions the engine made across loans: as the per-loan list, plus designers. */
const DECISION_READERS = [
  'center-manager',
  'committee-member',
  'risk-manager',
  'auditor',
  'process-designer',
  'admin',
] as const satisfies readonly Role[];

/**
 * The decision audit by decision and version: which versions of each DMN decision have been
 * evaluated (in the reader's units), and every evaluation of one version with the loan it was for,
 * its inputs, matched rules and output: what a change of the authority table did, version by
 * version.
 */
@ApiTags('monitor')
@ApiBearerAuth()
@Controller('api/monitor/decisions')
export class DecisionVersionsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Access.unit(DECISION_READERS)
  @ApiOperation({ summary: 'Each decision and version evaluated in your units, with its count' })
  async versions(@CurrentScope() scope: UnitScope) {
    if (!scope.all && !scope.unitCodes.length) return [];
    const rows = (await this.dataSource.query(
      `SELECT d.decision_id AS decisionId, MAX(d.decision_name) AS decisionName,
              d.decision_version AS decisionVersion, COUNT(*) AS evaluations,
              MAX(d.evaluated_at) AS lastEvaluatedAt
         FROM decision_evaluation d
         JOIN process_instance p ON p.process_instance_key = d.process_instance_key
        ${scope.all ? '' : 'WHERE p.branch_code IN (?)'}
        GROUP BY d.decision_id, d.decision_version
        ORDER BY d.decision_id, d.decision_version DESC`,
      scope.all ? [] : [scope.unitCodes],
    )) as {
      decisionId: string;
      decisionName: string;
      decisionVersion: number;
      evaluations: string;
      lastEvaluatedAt: Date;
    }[];
    return rows.map((row) => ({
      decisionId: row.decisionId,
      decisionName: row.decisionName,
      decisionVersion: Number(row.decisionVersion),
      evaluations: Number(row.evaluations),
      lastEvaluatedAt: new Date(row.lastEvaluatedAt).toISOString(),
    }));
  }

  @Get(':decisionId/versions/:version/evaluations')
  @Access.unit(DECISION_READERS)
  @ApiOperation({
    summary:
      'Every evaluation of one decision version in your units, newest first: the loan, inputs, matched rules, output',
  })
  async evaluations(
    @CurrentScope() scope: UnitScope,
    @Param('decisionId') decisionId: string,
    @Param('version', ParseIntPipe) version: number,
    @Query() query: DecisionVersionQuery,
  ) {
    const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    if (!scope.all && !scope.unitCodes.length) return empty;
    const where = `d.decision_id = ? AND d.decision_version = ?${scope.all ? '' : ' AND p.branch_code IN (?)'}`;
    const params = [decisionId, version, ...(scope.all ? [] : [scope.unitCodes])];
    const [rows, [{ total }]] = (await Promise.all([
      this.dataSource.query(
        `SELECT ${EVALUATION_COLUMNS}, p.business_key AS loanId
           FROM decision_evaluation d
           JOIN process_instance p ON p.process_instance_key = d.process_instance_key
          WHERE ${where}
          ORDER BY d.evaluated_at DESC, d.evaluation_key DESC
          LIMIT ? OFFSET ?`,
        [...params, query.pageSize, (query.page - 1) * query.pageSize],
      ),
      this.dataSource.query(
        `SELECT COUNT(*) AS total FROM decision_evaluation d
           JOIN process_instance p ON p.process_instance_key = d.process_instance_key
          WHERE ${where}`,
        params,
      ),
    ])) as [(Row & { loanId: string | null })[], { total: string }[]];
    return {
      items: rows.map((row) => ({ ...evaluationView(row), loanId: row.loanId })),
      total: Number(total),
      page: query.page,
      pageSize: query.pageSize,
    };
  }
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
