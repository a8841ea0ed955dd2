import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { RepaymentRequest } from './repayment.request';
import { RepaymentsService } from './repayments.service';
import { PayoffQuoteView, RepaymentView } from './repayment.views';

export class PayoffQuoteQuery {
  @ApiPropertyOptional({ example: '2027-04-29', description: 'the business date (default: today)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a date such as 2027-04-29' })
  date?: string;
}

/** 提前结清: the payoff of a day, and taking it to settle the loan in full. */
@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loans/:id')
export class EarlySettlementController {
  constructor(private readonly repayments: RepaymentsService) {}

  @Get('payoff-quote')
  @ApiOkResponse({ type: PayoffQuoteView })
  @Access.loan(['customer-manager', 'collection-officer', 'post-loan-officer', 'admin'])
  @ApiOperation({
    summary:
      'The amount that settles the loan on a day: principal, interest due, penalty and broken-period interest',
  })
  async quote(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Query() query: PayoffQuoteQuery,
  ): Promise<PayoffQuoteView> {
    return this.repayments.payoffQuote(loanId, query.date);
  }

  @Post('early-settlement')
  @HttpCode(201)
  @ApiCreatedResponse({ type: RepaymentView })
  @Access.loan(['customer-manager', 'collection-officer'])
  @ApiOperation({
    summary:
      'Settle the loan in full early: the amount must be the payoff of the payment’s day; posted once per idempotency key',
  })
  async settle(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Body() request: RepaymentRequest,
  ): Promise<RepaymentView> {
    return this.repayments.record(principal, loanId, request, 'early-settlement');
  }
}
