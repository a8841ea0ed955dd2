import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { auditActorOf, CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { InstanceMigration } from './instance-migration';
import { ModelDeployments } from './model-deployments';
import { MigrationRequestBody, ModelFilesRequest } from './models.requests';

@ApiTags('models')
@ApiBearerAuth()
@Controller('api/models')
@Access.roles('process-designer', 'admin')
export class ModelsController {
  constructor(
    private readonly deployments: ModelDeployments,
    private readonly migration: InstanceMigration,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Processes and their versions, with instances on each; deployed decisions',
  })
  list() {
    return this.deployments.list();
  }

  @Post('check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lint and contract-check models without deploying them' })
  check(@Body() body: ModelFilesRequest) {
    return this.deployments.check(body.files);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Check, then deploy models and record the release (422 with the problems if refused)',
  })
  deploy(@CurrentUser() principal: Principal, @Body() body: ModelFilesRequest) {
    return this.deployments.deploy(body.files, auditActorOf(principal));
  }

  @Post('migrations')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move running instances to another version (dryRun: report only)' })
  migrate(@CurrentUser() principal: Principal, @Body() body: MigrationRequestBody) {
    const { dryRun, ...request } = body;
    return dryRun
      ? this.migration.plan(request)
      : this.migration.migrate(request, auditActorOf(principal));
  }
}
