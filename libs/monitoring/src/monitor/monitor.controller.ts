import { FixIncidentRequest, IncidentFix } from './incident-fix';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Role } from '@loanflow/domain';
import { CurrentScope, CurrentUser, Principal, UnitScope } from '@loanflow/identity';
import { servesCustomers } from '@loanflow/loans';
import { Access } from '@loanflow/observability';
import { IncidentQuery, InstanceQuery, ResolveIncidentRequest } from './monitor.requests';
import { MonitorService } from './monitor.service';
import {
  HeatmapView,
  IncidentFixedView,
  IncidentPageView,
  IncidentResolvedView,
  InstanceDetailView,
  InstancePageView,
  ProcessDefinitionView,
} from './monitor.views';

/** Who watches the engine: managers, risk, audit, the process designers and operators. */
export const WATCHERS = [
  'center-manager',
  'risk-manager',
  'committee-member',
  'auditor',
  'process-designer',
  'admin',
] as const satisfies readonly Role[];

@ApiTags('monitor')
@ApiBearerAuth()
@Controller('api/monitor')
export class MonitorController {
  constructor(
    private readonly monitor: MonitorService,
    private readonly incidentFix: IncidentFix,
  ) {}

  @Get('instances')
  @Access.unit(WATCHERS)
  @ApiOperation({
    summary:
      'Process instances with filters (process, version, state, active element, business key, started between, incident); each with its borrower (masked unless you serve customers), the steps where it waits (by the model’s names) and who holds its open tasks',
  })
  @ApiOkResponse({ type: InstancePageView })
  instances(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
    @Query() query: InstanceQuery,
  ): Promise<InstancePageView> {
    // The borrower's name masked as the engine's data is for those who do not serve customers.
    return this.monitor.instances(query, scope, { masked: !servesCustomers(principal.roles) });
  }

  @Get('instances/:key')
  @Access.processInstance(WATCHERS)
  @ApiOperation({
    summary:
      'One instance: its element history, where its tokens are, incidents, timers, messages, variables',
  })
  @ApiOkResponse({ type: InstanceDetailView })
  instance(
    @CurrentUser() principal: Principal,
    @Param('key') key: string,
  ): Promise<InstanceDetailView> {
    return this.monitor.instance(key, { masked: !servesCustomers(principal.roles) });
  }

  @Get('processes/:definitionKey')
  @Access.roles(...WATCHERS)
  @ApiOperation({ summary: 'A deployed process version with its BPMN XML (to draw the diagram)' })
  @ApiOkResponse({ type: ProcessDefinitionView })
  async definition(@Param('definitionKey') definitionKey: string): Promise<ProcessDefinitionView> {
    const definition = await this.monitor.definition(definitionKey);
    return {
      processDefinitionKey: definition.processDefinitionKey,
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      resourceName: definition.resourceName,
      deployedAt: definition.deployedAt.toISOString(),
      bpmnXml: definition.bpmnXml,
    };
  }

  @Get('processes/:definitionKey/heatmap')
  @Access.unit(WATCHERS)
  @ApiOperation({
    summary: 'Per element of a version: active tokens, completed, terminated, open incidents',
  })
  @ApiOkResponse({ type: HeatmapView })
  heatmap(
    @CurrentScope() scope: UnitScope,
    @Param('definitionKey') definitionKey: string,
  ): Promise<HeatmapView> {
    return this.monitor.heatmap(definitionKey, scope);
  }

  @Get('incidents')
  @Access.unit(WATCHERS)
  @ApiOperation({ summary: 'Incidents, open (default) or resolved' })
  @ApiOkResponse({ type: IncidentPageView })
  incidents(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
    @Query() query: IncidentQuery,
  ): Promise<IncidentPageView> {
    return this.monitor.incidents(query, scope, { masked: !servesCustomers(principal.roles) });
  }

  @Post('incidents/:key/resolve')
  @HttpCode(200)
  @Access.incident(['process-designer', 'admin'])
  @ApiOperation({
    summary:
      'Retry an incident through the broker: the job gets retries again and the incident is resolved (audited)',
  })
  @ApiOkResponse({ type: IncidentResolvedView })
  resolve(
    @CurrentUser() principal: Principal,
    @Param('key') key: string,
    @Body() body: ResolveIncidentRequest,
  ): Promise<IncidentResolvedView> {
    return this.monitor.resolve(principal, key, body.retries);
  }

  @Post('incidents/:key/fix')
  @HttpCode(200)
  @Access.incident(['process-designer', 'admin'])
  @ApiOperation({
    summary:
      'Set the failed job’s input variables (checked against its worker’s rules) and retry it, in one act (audited with old and new values)',
  })
  @ApiOkResponse({ type: IncidentFixedView })
  fix(
    @CurrentUser() principal: Principal,
    @Param('key') key: string,
    @Body() body: FixIncidentRequest,
  ): Promise<IncidentFixedView> {
    return this.incidentFix.fix(principal, key, body);
  }
}
