import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { DraftRequest, DraftView, TaskDrafts } from './task-drafts';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('api/tasks')
export class TaskDraftsController {
  constructor(private readonly drafts: TaskDrafts) {}

  @Get(':id/draft')
  @Access.task('any')
  @ApiOperation({ summary: 'Your draft of a task you hold (404 DRAFT_NOT_FOUND when none)' })
  @ApiOkResponse({ type: DraftView })
  read(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<DraftView> {
    return this.drafts.read(principal, id);
  }

  @Put(':id/draft')
  @Access.task('any')
  @ApiOperation({
    summary: 'Save the form half-filled (the assignee only; never sent to the engine)',
  })
  @ApiOkResponse({ type: DraftView })
  save(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @Body() body: DraftRequest,
  ): Promise<DraftView> {
    return this.drafts.save(principal, id, body.answer);
  }

  @Delete(':id/draft')
  @HttpCode(204)
  @Access.task('any')
  @ApiOperation({ summary: 'Discard your draft of a task' })
  async discard(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.drafts.discard(principal, id);
  }
}
