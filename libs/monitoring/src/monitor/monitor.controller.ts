import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal, Roles } from '@loanflow/identity';
import { IncidentQuery, InstanceQuery, ResolveIncidentRequest } from './monitor.queries';
import { MonitorService } from './monitor.service';

/** Who watches the engine: managers, risk, audit, the process designers and operators. */
const WATCHERS = [
  'center-manager',
  'risk-manager',
  'committee-member',
  'auditor',
  'process-designer',
  'admin',
] as const;

@ApiTags('monitor')
@ApiBearerAuth()
@Controller('api/monitor')
export class MonitorController {
  constructor(private readonly monitor: MonitorService) {}

  @Get('instances')
  @Roles(...WATCHERS)
  @ApiOperation({
    summary:
      'Process instances with filters (process, version, state, active element, business key, started between, incident)',
  })
  instances(@Query() query: InstanceQuery) {
    return this.monitor.instances(query);
  }

  @Get('instances/:key')
  @Roles(...WATCHERS)
  @ApiOperation({
    summary:
      'One instance: its element history, where its tokens are, incidents, timers, messages, variables',
  })
  instance(@Param('key') key: string) {
    return this.monitor.instance(key);
  }

  @Get('processes/:definitionKey')
  @Roles(...WATCHERS)
  @ApiOperation({ summary: 'A deployed process version with its BPMN XML (to draw the diagram)' })
  async definition(@Param('definitionKey') definitionKey: string) {
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
  @Roles(...WATCHERS)
  @ApiOperation({
    summary: 'Per element of a version: active tokens, completed, terminated, open incidents',
  })
  heatmap(@Param('definitionKey') definitionKey: string) {
    return this.monitor.heatmap(definitionKey);
  }

  @Get('incidents')
  @Roles(...WATCHERS)
  @ApiOperation({ summary: 'Incidents, open (default) or resolved' })
  incidents(@Query() query: IncidentQuery) {
    return this.monitor.incidents(query);
  }

  @Post('incidents/:key/resolve')
  @HttpCode(200)
  @Roles('process-designer', 'admin')
  @ApiOperation({
    summary:
      'Retry an incident through the broker: the job gets retries again and the incident is resolved (audited)',
  })
  resolve(
    @CurrentUser() principal: Principal,
    @Param('key') key: string,
    @Body() body: ResolveIncidentRequest,
  ) {
    return this.monitor.resolve(principal, key, body.retries);
  }
}
