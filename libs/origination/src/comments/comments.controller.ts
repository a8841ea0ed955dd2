import { Body, Controller, Get, Param, Post } from '@nestjs/common';
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
import { LOAN_READERS } from '../dossier/loans.controller';
import { CommentRequest, CommentView, MentionView } from './comment.views';
import { LoanCommentsService } from './loan-comments.service';

/** Who may write on a loan file: those who work it; auditors and admins read only. */
export const COMMENTERS = LOAN_READERS.filter(
  (role) => role !== 'auditor' && role !== 'admin',
) as readonly Role[];

@ApiTags('comments')
@ApiBearerAuth()
@Controller('api')
export class CommentsController {
  constructor(private readonly comments: LoanCommentsService) {}

  @Get('loans/:id/comments')
  @Access.loan(LOAN_READERS)
  @ApiOperation({ summary: 'The comments on a loan and on its tasks, oldest first' })
  @ApiOkResponse({ type: [CommentView] })
  onLoan(@Param('id') id: string): Promise<CommentView[]> {
    return this.comments.onLoan(id);
  }

  @Post('loans/:id/comments')
  @Access.loan(COMMENTERS)
  @ApiOperation({ summary: 'Comment on a loan; `@user.name` or `mentions` tells a colleague' })
  @ApiCreatedResponse({ type: CommentView })
  addToLoan(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @Body() body: CommentRequest,
  ): Promise<CommentView> {
    return this.comments.addToLoan(principal, id, body);
  }

  @Get('tasks/:id/comments')
  @Access.task(LOAN_READERS)
  @ApiOperation({ summary: 'The comments written on a task' })
  @ApiOkResponse({ type: [CommentView] })
  onTask(@Param('id') id: string): Promise<CommentView[]> {
    return this.comments.onTask(id);
  }

  @Post('tasks/:id/comments')
  @Access.task(COMMENTERS)
  @ApiOperation({ summary: 'Comment on a task (beside its form)' })
  @ApiCreatedResponse({ type: CommentView })
  addToTask(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @Body() body: CommentRequest,
  ): Promise<CommentView> {
    return this.comments.addToTask(principal, id, body);
  }

  @Get('mentions')
  @Access.unit('any')
  @ApiOperation({ summary: 'Comments that mention you, newest first, on loans you may see' })
  @ApiOkResponse({ type: [MentionView] })
  mentions(
    @CurrentUser() principal: Principal,
    @CurrentScope() scope: UnitScope,
  ): Promise<MentionView[]> {
    return this.comments.mentionsOf(principal, scope);
  }
}
