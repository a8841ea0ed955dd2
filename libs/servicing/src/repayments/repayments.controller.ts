import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { RepaymentRejection, RepaymentRequest } from './repayment.request';
import { RepaymentsService } from './repayments.service';
import { RepaymentView } from './repayment.views';

@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loans/:id/repayments')
export class RepaymentsController {
  constructor(private readonly repayments: RepaymentsService) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: RepaymentView })
  @Access.loan(['customer-manager', 'collection-officer'])
  @ApiOperation({
    summary:
      'Record a repayment: allocated penalty → interest → principal, posted once per idempotency key',
  })
  record(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Body() request: RepaymentRequest,
  ): Promise<RepaymentView> {
    return this.repayments.record(principal, loanId, request);
  }

  @Post(':repaymentId/confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: RepaymentView })
  @Access.loan(['customer-manager', 'collection-officer', 'center-manager'])
  @ApiOperation({
    summary:
      'Confirm a staff-recorded repayment held for a second person (maker-checker): applied on its date, judged on today',
  })
  confirm(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Param('repaymentId') repaymentId: string,
  ): Promise<RepaymentView> {
    return this.repayments.confirm(principal, loanId, repaymentId);
  }

  @Post(':repaymentId/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: RepaymentView })
  @Access.loan(['customer-manager', 'collection-officer', 'center-manager'])
  @ApiOperation({
    summary: 'Reject a repayment held for confirmation: nothing is applied, the money is returned',
  })
  reject(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Param('repaymentId') repaymentId: string,
    @Body() body: RepaymentRejection,
  ): Promise<RepaymentView> {
    return this.repayments.reject(principal, loanId, repaymentId, body.reason);
  }

  @Get()
  @ApiOkResponse({ type: [RepaymentView] })
  @Access.loan([
    'customer-manager',
    'collection-officer',
    'post-loan-officer',
    'risk-manager',
    'auditor',
    'admin',
  ])
  @ApiOperation({ summary: 'The loan’s repayments with their allocation' })
  list(@Param('id') loanId: string): Promise<RepaymentView[]> {
    return this.repayments.list(loanId);
  }
}
