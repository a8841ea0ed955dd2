import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentScope, CurrentUser, Principal, UnitScope } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import {
  CompleteRequest,
  DelegateRequest,
  TaskDetail,
  TaskPage,
  TaskQuery,
  TaskView,
} from './task.views';
import { TasksService } from './tasks.service';
import { WaitingTaskList } from './waiting-task-list';
import { BulkAssignRequest, BulkAssignResponse } from '../staffing/staffing.views';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly taskList: WaitingTaskList,
  ) {}

  @Get()
  @Access.unit('any')
  @ApiOperation({
    summary:
      'Tasks you may work on (assigned to you, or a candidate by role and org unit); may wait for one to arrive',
  })
  @ApiOkResponse({ type: TaskPage })
  list(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
    @Query() query: TaskQuery,
  ): Promise<TaskPage> {
    return this.taskList.list(principal, scope, query);
  }

  @Post('bulk-assign')
  @HttpCode(200)
  @Access.unit(['center-manager', 'admin'])
  @ApiOperation({
    summary:
      'Managers: give many tasks to a colleague (or back to their pools), each checked as one delegation',
  })
  @ApiOkResponse({ type: BulkAssignResponse })
  bulkAssign(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
    @Body() body: BulkAssignRequest,
  ): Promise<BulkAssignResponse> {
    return this.tasks.bulkAssign(principal, scope, body.taskIds, body.assignee);
  }

  @Get(':id')
  @Access.task('any')
  @ApiOperation({ summary: 'One task with its form schema and the loan summary it needs' })
  @ApiOkResponse({ type: TaskDetail })
  get(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<TaskDetail> {
    return this.tasks.get(principal, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Access.task('any')
  @ApiOkResponse({ type: TaskView })
  claim(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<TaskView> {
    return this.tasks.claim(principal, id);
  }

  @Post(':id/unclaim')
  @HttpCode(200)
  @Access.task('any')
  @ApiOkResponse({ type: TaskView })
  unclaim(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<TaskView> {
    return this.tasks.unclaim(principal, id);
  }

  @Post(':id/delegate')
  @HttpCode(200)
  @Access.task(['center-manager', 'admin'])
  @ApiOperation({ summary: 'Managers: hand the task to a colleague who is a candidate for it' })
  @ApiOkResponse({ type: TaskView })
  delegate(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @Body() body: DelegateRequest,
  ): Promise<TaskView> {
    return this.tasks.delegate(principal, id, body.username);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Access.task('any')
  @ApiOperation({
    summary: 'Complete with the form answer: validated, checked for duties and authority, audited',
  })
  @ApiOkResponse({ type: TaskView })
  complete(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @Body() body: CompleteRequest,
  ): Promise<TaskView> {
    return this.tasks.complete(principal, id, body.answer);
  }
}
