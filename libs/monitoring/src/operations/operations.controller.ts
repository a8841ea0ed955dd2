import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Role } from '@loanflow/domain';
import { CurrentScope, CurrentUser, Principal, UnitScope } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { WATCHERS } from '../monitor/monitor.controller';
import { BatchOperations } from './batch-operations';
import { BatchRequest } from './batch.requests';
import { BatchView } from './batch.views';
import { InstanceModifications } from './instance-modifications';
import {
  instructionsOf,
  ModificationDecision,
  ModificationListQuery,
  ModificationPreviewRequest,
  ModificationRefusal,
  ModificationRequest,
} from './modification.requests';
import { ModificationPreviewView, ModificationView } from './modification.views';

/** Who asks for a modification, and who may be its second person. */
const REQUESTERS = [
  'process-designer',
  'center-manager',
  'admin',
] as const satisfies readonly Role[];
const APPROVERS = ['center-manager', 'admin'] as const satisfies readonly Role[];

@ApiTags('monitor')
@ApiBearerAuth()
@Controller('api/monitor')
export class OperationsController {
  constructor(
    private readonly modifications: InstanceModifications,
    private readonly batches: BatchOperations,
  ) {}

  @Post('instances/:key/modifications/preview')
  @HttpCode(200)
  @Access.processInstance(REQUESTERS)
  @ApiOperation({
    summary:
      'Dry run of a modification (move a token, activate or cancel an element): the tokens cancelled and started, where the instance will wait, the controls checked; 400 naming each refusal',
  })
  @ApiOkResponse({ type: ModificationPreviewView })
  preview(
    @Param('key') key: string,
    @Body() body: ModificationPreviewRequest,
  ): Promise<ModificationPreviewView> {
    return this.modifications.preview(key, instructionsOf(body.instructions));
  }

  @Post('instances/:key/modifications')
  @Access.processInstance(REQUESTERS)
  @ApiOperation({
    summary:
      'Request a modification of a running instance: checked as the dry run, then kept until a second person approves it (audited)',
  })
  @ApiCreatedResponse({ type: ModificationView })
  request(
    @CurrentUser() principal: Principal,
    @Param('key') key: string,
    @Body() body: ModificationRequest,
  ): Promise<ModificationView> {
    return this.modifications.request(
      principal,
      key,
      instructionsOf(body.instructions),
      body.reason,
    );
  }

  @Get('instances/:key/modifications')
  @Access.processInstance(WATCHERS)
  @ApiOperation({ summary: 'The modifications requested for one instance, with their outcome' })
  @ApiOkResponse({ type: [ModificationView] })
  forInstance(
    @CurrentScope() scope: UnitScope,
    @Param('key') key: string,
  ): Promise<ModificationView[]> {
    return this.modifications.list(scope, undefined, key);
  }

  @Get('modifications')
  @Access.unit(WATCHERS)
  @ApiOperation({ summary: 'Modifications of instances in your units (filter: status)' })
  @ApiOkResponse({ type: [ModificationView] })
  list(
    @CurrentScope() scope: UnitScope,
    @Query() query: ModificationListQuery,
  ): Promise<ModificationView[]> {
    return this.modifications.list(scope, query.status);
  }

  @Post('modifications/:modificationId/approve')
  @HttpCode(200)
  @Access.unit(APPROVERS)
  @ApiOperation({
    summary:
      'Approve a pending modification (never your own): planned again on the instance as it is now, then applied by the broker',
  })
  @ApiOkResponse({ type: ModificationView })
  approve(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
    @Param('modificationId') id: string,
    @Body() body: ModificationDecision,
  ): Promise<ModificationView> {
    return this.modifications.approve(principal, scope, id, body.note);
  }

  @Post('modifications/:modificationId/refuse')
  @HttpCode(200)
  @Access.unit(APPROVERS)
  @ApiOperation({ summary: 'Refuse a pending modification, with the reason' })
  @ApiOkResponse({ type: ModificationView })
  refuse(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
    @Param('modificationId') id: string,
    @Body() body: ModificationRefusal,
  ): Promise<ModificationView> {
    return this.modifications.refuse(principal, scope, id, body.note);
  }

  @Post('batches')
  @Access.unit(REQUESTERS)
  @ApiOperation({
    summary:
      'Retry incidents (designers, admin), cancel instances (waits for a second person) or migrate them (designers, admin), one result per item',
  })
  @ApiCreatedResponse({ type: BatchView })
  startBatch(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
    @Body() body: BatchRequest,
  ): Promise<BatchView> {
    return this.batches.start(principal, scope, body);
  }

  @Get('batches')
  @Access.unit(WATCHERS)
  @ApiOperation({ summary: 'Batches touching your units, newest first, with their progress' })
  @ApiOkResponse({ type: [BatchView] })
  listBatches(@CurrentScope() scope: UnitScope): Promise<BatchView[]> {
    return this.batches.list(scope);
  }

  @Get('batches/:batchId')
  @Access.unit(WATCHERS)
  @ApiOperation({ summary: 'One batch: progress and the result of each item' })
  @ApiOkResponse({ type: BatchView })
  batch(@CurrentScope() scope: UnitScope, @Param('batchId') id: string): Promise<BatchView> {
    return this.batches.one(scope, id);
  }

  @Post('batches/:batchId/approve')
  @HttpCode(200)
  @Access.unit(APPROVERS)
  @ApiOperation({ summary: 'Approve a pending cancellation batch (never your own): it runs now' })
  @ApiOkResponse({ type: BatchView })
  approveBatch(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
    @Param('batchId') id: string,
  ): Promise<BatchView> {
    return this.batches.approve(principal, scope, id);
  }

  @Post('batches/:batchId/refuse')
  @HttpCode(200)
  @Access.unit(APPROVERS)
  @ApiOperation({ summary: 'Refuse a pending cancellation batch' })
  @ApiOkResponse({ type: BatchView })
  refuseBatch(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
    @Param('batchId') id: string,
  ): Promise<BatchView> {
    return this.batches.refuse(principal, scope, id);
  }
}
