import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { auditActorOf, CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { InstanceMigration } from './instance-migration';
import { ModelDeployments } from './model-deployments';
import { MigrationView, ModelListView } from './model-list.views';
import { ModelReleases } from './model-releases';
import { ModelCheckReportView, ModelReleaseDetail, ModelReleaseView } from './release.views';
import {
  MigrationRequestBody,
  ModelFilesRequest,
  ReleaseDecisionRequest,
  ReleaseListQuery,
  ReleaseRejectionRequest,
  ReleaseRequest,
} from './models.requests';

const reviewer = (principal: Principal) => ({
  ...auditActorOf(principal),
  username: principal.username,
});

@ApiTags('models')
@ApiBearerAuth()
@Controller('api/models')
@Access.roles('process-designer', 'admin')
export class ModelsController {
  constructor(
    private readonly deployments: ModelDeployments,
    private readonly releases: ModelReleases,
    private readonly migration: InstanceMigration,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Processes and their versions, with instances on each; deployed decisions',
  })
  @ApiOkResponse({ type: ModelListView })
  list(): Promise<ModelListView> {
    return this.deployments.list();
  }

  @Post('check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lint and contract-check models without deploying them' })
  @ApiOkResponse({ type: ModelCheckReportView })
  check(@Body() body: ModelFilesRequest): Promise<ModelCheckReportView> {
    return this.deployments.check(body.files);
  }

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Ask to release models: checked now (422 with the problems if refused), deployed only when a second process designer or an admin approves',
  })
  @ApiAcceptedResponse({ type: ModelReleaseView })
  request(
    @CurrentUser() principal: Principal,
    @Body() body: ReleaseRequest,
  ): Promise<ModelReleaseView> {
    return this.releases.request(body.files, reviewer(principal), body.note);
  }

  @Get('releases')
  @ApiOperation({ summary: 'Release requests, newest first (filter by state)' })
  @ApiOkResponse({ type: [ModelReleaseView] })
  releaseList(@Query() query: ReleaseListQuery): Promise<ModelReleaseView[]> {
    return this.releases.list(query.state);
  }

  @Get('releases/:releaseId')
  @ApiOperation({ summary: 'One release request with its files as they will be deployed' })
  @ApiOkResponse({ type: ModelReleaseDetail })
  release(@Param('releaseId') releaseId: string): Promise<ModelReleaseDetail> {
    return this.releases.get(releaseId);
  }

  @Post('releases/:releaseId/approve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Approve a release asked by someone else: checked again, then deployed (403 FOUR_EYES_REQUIRED for the one who asked)',
  })
  @ApiOkResponse({ type: ModelReleaseView })
  approve(
    @CurrentUser() principal: Principal,
    @Param('releaseId') releaseId: string,
    @Body() body: ReleaseDecisionRequest,
  ): Promise<ModelReleaseView> {
    return this.releases.approve(releaseId, reviewer(principal), body.reason);
  }

  @Post('releases/:releaseId/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a release (the one who asked may withdraw it)' })
  @ApiOkResponse({ type: ModelReleaseView })
  reject(
    @CurrentUser() principal: Principal,
    @Param('releaseId') releaseId: string,
    @Body() body: ReleaseRejectionRequest,
  ): Promise<ModelReleaseView> {
    return this.releases.reject(releaseId, reviewer(principal), body.reason);
  }

  @Post('migrations')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move running instances to another version (dryRun: report only)' })
  @ApiOkResponse({ type: MigrationView })
  migrate(
    @CurrentUser() principal: Principal,
    @Body() body: MigrationRequestBody,
  ): Promise<MigrationView> {
    const { dryRun, ...request } = body;
    return dryRun
      ? this.migration.plan(request)
      : this.migration.migrate(request, auditActorOf(principal));
  }
}
