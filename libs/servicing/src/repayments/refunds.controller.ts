import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { Refunds } from './refunds';
import { RefundView } from './repayment.views';

export class PayRefundRequest {
  @ApiProperty({
    example: '6222020200123453445',
    description: 'the borrower’s account to pay back to',
  })
  @Matches(/^\d{8,30}$/, { message: 'payeeAccount must be an account number of 8 to 30 digits' })
  payeeAccount!: string;
}

@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loans/:id/refunds')
export class RefundsController {
  constructor(private readonly refunds: Refunds) {}

  @Get()
  @Access.loan([
    'customer-manager',
    'collection-officer',
    'post-loan-officer',
    'risk-manager',
    'auditor',
    'admin',
  ])
  @ApiOperation({
    summary: 'Money due back to the borrower (paid beyond what the loan owed), and refunds paid',
  })
  @ApiOkResponse({ type: [RefundView] })
  list(@Param('id') loanId: string): Promise<RefundView[]> {
    return this.refunds.list(loanId);
  }

  @Post(':refundId/pay')
  @HttpCode(200)
  @Access.loan(['customer-manager', 'collection-officer'])
  @ApiOperation({
    summary: 'Pay a refund back to the borrower from the advance account (once; audited)',
  })
  @ApiOkResponse({ type: RefundView })
  pay(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Param('refundId') refundId: string,
    @Body() body: PayRefundRequest,
  ): Promise<RefundView> {
    return this.refunds.pay(principal, loanId, refundId, body.payeeAccount);
  }
}
