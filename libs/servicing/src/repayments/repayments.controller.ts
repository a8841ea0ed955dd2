import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { RepaymentRequest } from './repayment.request';
import { RepaymentsService, RepaymentView } from './repayments.service';

@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loans/:id/repayments')
export class RepaymentsController {
  constructor(private readonly repayments: RepaymentsService) {}

  @Post()
  @HttpCode(201)
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

  @Get()
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
