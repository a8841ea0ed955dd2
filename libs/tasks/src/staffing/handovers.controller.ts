import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentScope, CurrentUser, Principal, UnitScope } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { HandoversService } from './handovers.service';
import { HandoverRequest, HandoverView } from './staffing.views';

@ApiTags('staffing')
@ApiBearerAuth()
@Controller('api/handovers')
export class HandoversController {
  constructor(private readonly handovers: HandoversService) {}

  @Post()
  @Access.unit(['center-manager', 'admin'])
  @ApiOperation({
    summary:
      'Managers: hand one member of staff’s loans and open tasks to a successor in one act (岗位交接)',
  })
  @ApiOkResponse({ type: HandoverView })
  handOver(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
    @Body() body: HandoverRequest,
  ): Promise<HandoverView> {
    return this.handovers.handOver(principal, scope, body);
  }

  @Get()
  @Access.unit(['center-manager', 'admin', 'auditor'])
  @ApiOperation({ summary: 'Handovers made in your units, latest first' })
  @ApiOkResponse({ type: [HandoverView] })
  list(@CurrentScope() scope: UnitScope): Promise<HandoverView[]> {
    return this.handovers.list(scope);
  }

  @Get(':handoverId')
  @Access.unit(['center-manager', 'admin', 'auditor'])
  @ApiOperation({ summary: 'One handover with every loan and task it moved, released or kept' })
  @ApiOkResponse({ type: HandoverView })
  get(@CurrentScope() scope: UnitScope, @Param('handoverId') id: string): Promise<HandoverView> {
    return this.handovers.get(scope, id);
  }
}
