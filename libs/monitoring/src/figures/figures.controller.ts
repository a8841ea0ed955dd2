import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  addDays,
  beijingDate,
  DomainError,
  formatIsoDate,
  parseIsoDate,
  Role,
} from '@loanflow/domain';
import { CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { BusinessClock } from '@loanflow/workflow';
import { FiguresService } from './figures.service';
import {
  FiguresQuery,
  FiguresTrendPointView,
  FiguresTrendQuery,
  FiguresView,
  MonthlyFiguresPointView,
  MonthlyFiguresQuery,
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
      'Figures managers watch, for the loans of your org unit and the units below it: open tasks by group, notice and inspection breaches, loans by stage, the five-level distribution, overdue and non-performing ratios, overdue buckets. For a past day the recorder kept, the five levels, ratios and buckets are the ones kept at its end (keptAt).',
  })
  @ApiOkResponse({ type: FiguresView })
  async read(
    @CurrentUser() principal: Principal,
    @Query() query: FiguresQuery,
  ): Promise<FiguresView> {
    const now = await this.clock.now();
    return this.figures.read(principal, query.asOf ?? beijingDate(now), now, { kept: true });
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

  @Get('monthly')
  @Access.unit(FIGURE_READERS)
  @ApiOperation({
    summary:
      'Your unit’s figures month by month: interest collection rate (收息率) of each month, overdue rate and bad-loan ratio at month end (default: the last 12 months)',
  })
  @ApiOkResponse({ type: [MonthlyFiguresPointView] })
  async monthly(
    @CurrentUser() principal: Principal,
    @Query() query: MonthlyFiguresQuery,
  ): Promise<MonthlyFiguresPointView[]> {
    const today = beijingDate(await this.clock.now());
    const to = query.to ?? today.slice(0, 7);
    const from = query.from ?? addMonthsTo(to, -11);
    if (from > to)
      throw new DomainError('VALIDATION_FAILED', 'from must not be after to', { field: 'from' });
    return this.figures.monthly(principal, from, to);
  }
}

function addMonthsTo(month: string, months: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

function addDaysTo(date: string, days: number): string {
  return formatIsoDate(addDays(parseIsoDate(date)!, days));
}
