import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UnitScope } from '@loanflow/identity';
import { onlyRow } from '@loanflow/persistence';
import type { EvaluatedDecision } from '../projector/projection-rows';
import type {
  DecisionEvaluationView,
  DecisionVersionEvaluationPage,
  DecisionVersionQuery,
  DecisionVersionView,
} from './decision-evaluation.views';

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
 * Reads the decision audit from the projection: the evaluations of one loan, the versions of each
 * decision evaluated in a set of units, and one version's evaluations page by page.
 */
@Injectable()
export class DecisionEvaluations {
  constructor(private readonly dataSource: DataSource) {}

  async ofLoan(loanId: string): Promise<DecisionEvaluationView[]> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT ${EVALUATION_COLUMNS}
         FROM decision_evaluation d
         JOIN process_instance p ON p.process_instance_key = d.process_instance_key
        WHERE p.business_key = ?
        ORDER BY d.evaluated_at, d.evaluation_key`,
      [loanId],
    );
    return rows.map(evaluationView);
  }

  async versionsIn(scope: UnitScope): Promise<DecisionVersionView[]> {
    if (!scope.all && !scope.unitCodes.length) return [];
    const rows = await this.dataSource.query<
      {
        decisionId: string;
        decisionName: string;
        decisionVersion: number;
        evaluations: string;
        lastEvaluatedAt: Date;
      }[]
    >(
      `SELECT d.decision_id AS decisionId, MAX(d.decision_name) AS decisionName,
              d.decision_version AS decisionVersion, COUNT(*) AS evaluations,
              MAX(d.evaluated_at) AS lastEvaluatedAt
         FROM decision_evaluation d
         JOIN process_instance p ON p.process_instance_key = d.process_instance_key
        ${scope.all ? '' : 'WHERE p.branch_code IN (?)'}
        GROUP BY d.decision_id, d.decision_version
        ORDER BY d.decision_id, d.decision_version DESC`,
      scope.all ? [] : [scope.unitCodes],
    );
    return rows.map((row) => ({
      decisionId: row.decisionId,
      decisionName: row.decisionName,
      decisionVersion: Number(row.decisionVersion),
      evaluations: Number(row.evaluations),
      lastEvaluatedAt: new Date(row.lastEvaluatedAt).toISOString(),
    }));
  }

  async evaluationsOf(
    scope: UnitScope,
    decisionId: string,
    version: number,
    query: DecisionVersionQuery,
  ): Promise<DecisionVersionEvaluationPage> {
    const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    if (!scope.all && !scope.unitCodes.length) return empty;
    const where = `d.decision_id = ? AND d.decision_version = ?${scope.all ? '' : ' AND p.branch_code IN (?)'}`;
    const params = [decisionId, version, ...(scope.all ? [] : [scope.unitCodes])];
    const [rows, totals] = await Promise.all([
      this.dataSource.query<(Row & { loanId: string | null })[]>(
        `SELECT ${EVALUATION_COLUMNS}, p.business_key AS loanId
           FROM decision_evaluation d
           JOIN process_instance p ON p.process_instance_key = d.process_instance_key
          WHERE ${where}
          ORDER BY d.evaluated_at DESC, d.evaluation_key DESC
          LIMIT ? OFFSET ?`,
        [...params, query.pageSize, (query.page - 1) * query.pageSize],
      ),
      this.dataSource.query<{ total: string }[]>(
        `SELECT COUNT(*) AS total FROM decision_evaluation d
           JOIN process_instance p ON p.process_instance_key = d.process_instance_key
          WHERE ${where}`,
        params,
      ),
    ]);
    const { total } = onlyRow(totals, 'evaluations of a decision');
    return {
      items: rows.map((row) => ({ ...evaluationView(row), loanId: row.loanId })),
      total: Number(total),
      page: query.page,
      pageSize: query.pageSize,
    };
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

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
