import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { buildSchedule, Money, RepaymentSchedule } from '@loanflow/domain';
import { Access } from '@loanflow/observability';
import { LoanQuote, LoanQuoteRequest } from './loan-quote.request';
import { beijingToday } from '@loanflow/loans';

@ApiTags('loans')
@ApiBearerAuth()
@Controller('api/loan-quotes')
export class LoanQuotesController {
  /** A repayment schedule to show a borrower; amounts are decimal strings, rounded to the fen. */
  @Post()
  @HttpCode(200)
  @Access.roles('customer-manager', 'reviewer', 'approver', 'center-manager', 'admin')
  @ApiOperation({
    summary: 'Quote a schedule: equal installment (等额本息) or equal principal (等额本金)',
  })
  @ApiOkResponse({ type: LoanQuote })
  quote(@Body() request: LoanQuoteRequest): LoanQuote {
    return scheduleView(
      buildSchedule({
        principal: Money.parse(request.principal),
        annualRate: request.annualRate,
        termMonths: request.termMonths,
        method: request.method,
        startDate: request.startDate ?? beijingToday(),
      }),
    );
  }
}

export function scheduleView(schedule: RepaymentSchedule): LoanQuote {
  return {
    installments: schedule.installments.map((line) => ({
      number: line.number,
      dueDate: line.dueDate,
      payment: line.payment.toDecimalString(),
      principal: line.principal.toDecimalString(),
      interest: line.interest.toDecimalString(),
      balance: line.balance.toDecimalString(),
    })),
    totalInterest: schedule.totalInterest.toDecimalString(),
    totalPayment: schedule.totalPayment.toDecimalString(),
  };
}
