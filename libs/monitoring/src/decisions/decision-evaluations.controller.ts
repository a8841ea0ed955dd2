import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import type { Role } from '@loanflow/domain';
import { CurrentScope, UnitScope } from '@loanflow/identity';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@loanflow/observability';
import {
  DecisionEvaluationView,
  DecisionVersionEvaluationPage,
  DecisionVersionQuery,
  DecisionVersionView,
} from './decision-evaluation.views';
import { DecisionEvaluations } from './decision-evaluations';

/**
 * The decision audit: every evaluation of a DMN decision (the approval authority first) for one
 * loan, with the inputs the engine read, the rules that matched and the output, as the engine
 * exported them.
 */
@ApiTags('monitor')
@ApiBearerAuth()
@Controller('api/loans')
export class DecisionEvaluationsController {
  constructor(private readonly evaluations: DecisionEvaluations) {}

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
  list(@Param('id') loanId: string): Promise<DecisionEvaluationView[]> {
    return this.evaluations.ofLoan(loanId);
  }
}

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
  constructor(private readonly decisions: DecisionEvaluations) {}

  @Get()
  @Access.unit(DECISION_READERS)
  @ApiOperation({ summary: 'Each decision and version evaluated in your units, with its count' })
  @ApiOkResponse({ type: [DecisionVersionView] })
  versions(@CurrentScope() scope: UnitScope): Promise<DecisionVersionView[]> {
    return this.decisions.versionsIn(scope);
  }

  @Get(':decisionId/versions/:version/evaluations')
  @Access.unit(DECISION_READERS)
  @ApiOperation({
    summary:
      'Every evaluation of one decision version in your units, newest first: the loan, inputs, matched rules, output',
  })
  @ApiOkResponse({ type: DecisionVersionEvaluationPage })
  evaluations(
    @CurrentScope() scope: UnitScope,
    @Param('decisionId') decisionId: string,
    @Param('version', ParseIntPipe) version: number,
    @Query() query: DecisionVersionQuery,
  ): Promise<DecisionVersionEvaluationPage> {
    return this.decisions.evaluationsOf(scope, decisionId, version, query);
  }
}
