import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { addDays, beijingDate, formatIsoDate, parseIsoDate, Role } from '@loanflow/domain';
import { CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { BusinessClock } from '@loanflow/workflow';
import { FiguresService } from './figures.service';
import {
  FiguresQuery,
  FiguresTrendPointView,
  FiguresTrendQuery,
  FiguresView,
} from './figures.views';

const FIGURE_READERS = [
  'center-manager',
  'risk-manager',
  'committee-member',
  'auditor',
  'admin',
] as const satisfies readonly Role[];

/** Portfolio and SLA figures for managers (GET /api/monitor/figures). */
@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('api/monitor/figures')
export class FiguresController {
  constructor(
    private readonly figures: FiguresService,
    private readonly clock: BusinessClock,
  ) {}

  @Get()
  // Scoped by the reader's org unit: the figures are computed for its subtree.
  @Access.unit(FIGURE_READERS)
  @ApiOperation({
    summary:
      'Figures managers watch, for the loans of your org unit and the units below it: open tasks by group, notice and inspection breaches, loans by stage, the five-level distribution, overdue and non-performing ratios, overdue buckets',
  })
  @ApiOkResponse({ type: FiguresView })
  async read(
    @CurrentUser() principal: Principal,
    @Query() query: FiguresQuery,
  ): Promise<FiguresView> {
    const now = await this.clock.now();
    return this.figures.read(principal, query.asOf ?? beijingDate(now), now);
  }

  @Get('trend')
  @Access.unit(FIGURE_READERS)
  @ApiOperation({
    summary:
      'Your unit’s portfolio figures as recorded at the end of each business day: overdue rate and non-performing ratio over time',
  })
  @ApiOkResponse({ type: [FiguresTrendPointView] })
  async trend(
    @CurrentUser() principal: Principal,
    @Query() query: FiguresTrendQuery,
  ): Promise<FiguresTrendPointView[]> {
    const today = beijingDate(await this.clock.now());
    const from = query.from ?? addDaysTo(today, -90);
    const to = query.to ?? addDaysTo(today, -1);
    return this.figures.trend(principal, from, to);
  }
}

function addDaysTo(date: string, days: number): string {
  return formatIsoDate(addDays(parseIsoDate(date)!, days));
}
