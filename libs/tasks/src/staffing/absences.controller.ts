import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentScope, CurrentUser, Principal, UnitScope } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { AbsencesService } from './absences.service';
import { AbsenceView, DeclareAbsenceRequest } from './staffing.views';

@ApiTags('staffing')
@ApiBearerAuth()
@Controller('api/absences')
export class AbsencesController {
  constructor(private readonly absences: AbsencesService) {}

  @Post()
  @Access.unit('any')
  @ApiOperation({
    summary:
      'Declare an absence with a deputy (yourself, or managers for their staff); tasks you hold move at its start',
  })
  @ApiOkResponse({ type: AbsenceView })
  declare(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
    @Body() body: DeclareAbsenceRequest,
  ): Promise<AbsenceView> {
    return this.absences.declare(principal, scope, body);
  }

  @Get()
  @Access.unit('any')
  @ApiOperation({ summary: 'Your absences, those you stand in for, and (managers) your staff’s' })
  @ApiOkResponse({ type: [AbsenceView] })
  list(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
  ): Promise<AbsenceView[]> {
    return this.absences.list(principal, scope);
  }

  @Post(':absenceId/cancel')
  @HttpCode(200)
  @Access.unit('any')
  @ApiOperation({ summary: 'End an absence early (the person, who declared it, or their manager)' })
  @ApiOkResponse({ type: AbsenceView })
  cancel(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
    @Param('absenceId') id: string,
  ): Promise<AbsenceView> {
    return this.absences.cancel(principal, scope, id);
  }
}
