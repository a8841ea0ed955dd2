import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { beijingDate, Role } from '@loanflow/domain';
import { CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { BusinessClock } from '@loanflow/workflow';
import { FigureThresholds } from './figure-thresholds.service';
import { ThresholdEvaluation } from './threshold-evaluation';
import {
  CrossingView,
  EvaluationView,
  SetThresholdRequest,
  ThresholdFigureParam,
  ThresholdsView,
  ThresholdView,
} from './thresholds.views';

const FIGURE_READERS = [
  'center-manager',
  'risk-manager',
  'committee-member',
  'auditor',
  'admin',
] as const satisfies readonly Role[];

/** Head office's warning levels on the figures (总行警戒水平) and the units' crossings. */
@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('api/monitor/thresholds')
export class ThresholdsController {
  constructor(
    private readonly thresholds: FigureThresholds,
    private readonly evaluation: ThresholdEvaluation,
    private readonly clock: BusinessClock,
  ) {}

  @Get()
  @Access.roles(...FIGURE_READERS)
  @ApiOperation({ summary: 'The warning levels in force per figure, and their history' })
  @ApiOkResponse({ type: ThresholdsView })
  read(): Promise<ThresholdsView> {
    return this.thresholds.view();
  }

  @Put(':figure')
  // Head office only: a branch risk manager is refused with 403 and the refusal audited.
  @Access.roles('risk-manager', 'admin')
  @ApiOperation({
    summary:
      'Set a figure’s warning level (head-office risk manager or admin): overdue-rate and bad-loan-ratio are bad above it, interest-collection-rate below it',
  })
  @ApiOkResponse({ type: ThresholdView })
  async set(
    @CurrentUser() principal: Principal,
    @Param() params: ThresholdFigureParam,
    @Body() body: SetThresholdRequest,
  ): Promise<ThresholdView> {
    return this.thresholds.set(
      principal,
      params.figure,
      body.value,
      body.reason,
      await this.clock.now(),
    );
  }

  @Post('evaluate')
  @HttpCode(200)
  @Access.roles('risk-manager', 'admin')
  @ApiOperation({
    summary:
      'Evaluate every unit against the levels now (head office); a new crossing starts the unit center manager’s task, an open one none',
  })
  @ApiOkResponse({ type: EvaluationView })
  async evaluate(@CurrentUser() principal: Principal): Promise<EvaluationView> {
    await this.thresholds.assertHeadOffice(principal, 'threshold.evaluate');
    const now = await this.clock.now();
    return this.evaluation.evaluate(beijingDate(now), now);
  }

  @Get('crossings')
  // Scoped by the reader's org unit: crossings of its subtree's units.
  @Access.unit(FIGURE_READERS)
  @ApiOperation({
    summary: 'Crossings of the warning levels by your units, newest first (up to 100)',
  })
  @ApiOkResponse({ type: [CrossingView] })
  crossings(@CurrentUser() principal: Principal): Promise<CrossingView[]> {
    return this.thresholds.crossingsWithin(principal.orgUnitCode);
  }
}
