import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PART_PREPAYMENT_OPTIONS, PartPrepaymentOption } from '@loanflow/domain';
import { CurrentUser, Principal } from '@loanflow/identity';
import { Access } from '@loanflow/observability';
import { REPAYMENT_CHANNELS } from '../repayments/repayment.request';
import { PrepaymentQuoteView, PrepaymentView } from './prepayment.views';
import { PrepaymentRequestBody, PrepaymentsService } from './prepayments.service';

const AMOUNT = /^\d{1,13}(\.\d{1,2})?$/;
const AMOUNT_MESSAGE = 'amount must be a decimal amount such as 3000.00 (a string, never a float)';

export class PrepaymentQuoteRequest {
  @ApiProperty({ example: '3000.00', description: 'the principal to pay down' })
  @Matches(AMOUNT, { message: AMOUNT_MESSAGE })
  amount!: string;

  @ApiPropertyOptional({ example: '2027-04-29', description: 'the business date (default: today)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a date such as 2027-04-29' })
  date?: string;
}

export class PrepaymentRequest implements PrepaymentRequestBody {
  @ApiProperty({ example: '3000.00', description: 'the principal to pay down' })
  @Matches(AMOUNT, { message: AMOUNT_MESSAGE })
  amount!: string;

  @ApiProperty({ enum: PART_PREPAYMENT_OPTIONS })
  @IsIn([...PART_PREPAYMENT_OPTIONS], {
    message: 'option must be shorten-term or reduce-installment',
  })
  option!: PartPrepaymentOption;

  @ApiProperty({ enum: REPAYMENT_CHANNELS })
  @IsIn([...REPAYMENT_CHANNELS])
  channel!: (typeof REPAYMENT_CHANNELS)[number];
}

const QUOTE_ROLES = [
  'customer-manager',
  'collection-officer',
  'post-loan-officer',
  'admin',
] as const;

/** 部分提前还款: the quote, the customer manager's request, and the loan's requests. */
@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loans/:id')
export class PrepaymentsController {
  constructor(private readonly prepayments: PrepaymentsService) {}

  @Get('prepayment-quote')
  @Access.loan([...QUOTE_ROLES])
  @ApiOkResponse({ type: PrepaymentQuoteView })
  @ApiOperation({
    summary:
      'Quote a part prepayment: principal reduction, accrued interest, fee, and the schedule shortened or lowered',
  })
  async quote(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Query() query: PrepaymentQuoteRequest,
  ): Promise<PrepaymentQuoteView> {
    return this.prepayments.quote(loanId, query.amount, query.date);
  }

  @Post('prepayment-quote')
  @HttpCode(200)
  @Access.loan([...QUOTE_ROLES])
  @ApiOperation({ summary: 'The same quote, the amount in the body' })
  @ApiOkResponse({ type: PrepaymentQuoteView })
  async quoteByPost(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Body() body: PrepaymentQuoteRequest,
  ): Promise<PrepaymentQuoteView> {
    return this.prepayments.quote(loanId, body.amount, body.date);
  }

  @Post('prepayments')
  @HttpCode(201)
  @Access.loan(['customer-manager'])
  @ApiOperation({
    summary:
      'Request a part prepayment with the borrower’s option: reviewed (审查岗), then posted and the schedule revised',
  })
  @ApiCreatedResponse({ type: PrepaymentView })
  async request(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
    @Body() body: PrepaymentRequest,
  ): Promise<PrepaymentView> {
    return this.prepayments.request(principal, loanId, body);
  }

  @Get('prepayments')
  @Access.loan([
    'customer-manager',
    'collection-officer',
    'post-loan-officer',
    'reviewer',
    'approver',
    'risk-manager',
    'auditor',
    'admin',
  ])
  @ApiOperation({ summary: 'The loan’s part prepayment requests and what became of them' })
  @ApiOkResponse({ type: [PrepaymentView] })
  async list(
    @CurrentUser() principal: Principal,
    @Param('id') loanId: string,
  ): Promise<PrepaymentView[]> {
    return this.prepayments.list(loanId);
  }
}
