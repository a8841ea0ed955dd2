import {
  defaultPenaltyAnnualRate,
  DomainError,
  isDomainError,
  Money,
  PartPrepaymentQuote,
  PartPrepaymentRules,
  quotePartPrepayment,
  RepaymentMethod,
  RevisedSchedule,
  ScheduledAmounts,
  ServicingLedger,
} from '@loanflow/domain';
import { AppConfig } from '@loanflow/config';
import type { LoanEntity } from '@loanflow/persistence';
import { paymentTerms } from '../repayments/payment-application';
import { PrepaymentLineView, PrepaymentQuoteView, RevisedScheduleView } from './prepayment.views';

/** The product's part prepayment rule as configured (docs/controls/repayments.md). */
export function prepaymentRules(config: AppConfig): PartPrepaymentRules {
  return {
    minimumAmount: Money.parse(config.PREPAYMENT_MINIMUM_AMOUNT),
    feeRate: config.PREPAYMENT_FEE_RATE,
    feeFreeAfterMonths: config.PREPAYMENT_FEE_FREE_MONTHS,
  };
}

/** What judging a part prepayment reads of the loan besides the loan itself. */
export interface PrepaymentReads {
  /** The loan's ledger: its schedule and every amount applied to it. */
  ledger(loanId: string): Promise<ServicingLedger>;
}

/** The refusals of the rule that are the caller's input (a 400 on the field), not a conflict. */
const INPUT_REFUSALS = [
  'PREPAYMENT_INVALID',
  'PREPAYMENT_BELOW_MINIMUM',
  'PREPAYMENT_ABOVE_OUTSTANDING',
  'PREPAYMENT_WHILE_OVERDUE',
  'PREPAYMENT_ON_DUE_DATE',
];

/**
 * The quote of a part prepayment on `date` from the loan's ledger as it stands. Used for the
 * quote, when the request is made, and again when it is posted (the loan may have changed).
 * A refusal of the rule becomes VALIDATION_FAILED on its field, with the rule's code in details.
 */
export async function judgePrepayment(
  reads: PrepaymentReads,
  loan: LoanEntity,
  amount: string,
  date: string,
  rules: PartPrepaymentRules,
): Promise<PartPrepaymentQuote> {
  if (loan.status !== 'disbursed')
    throw new DomainError(
      'LOAN_NOT_IN_SERVICING',
      `Loan ${loan.id} is ${loan.status}: only a loan being serviced is prepaid in part.`,
    );
  const terms = paymentTerms(loan);
  const ledger = await reads.ledger(loan.id);
  try {
    return quotePartPrepayment({
      ...ledger,
      payoffDate: date,
      disbursementDate: terms.disbursementDate,
      annualRate: terms.annualRate,
      penaltyAnnualRate: defaultPenaltyAnnualRate(terms.annualRate),
      amount: Money.parse(amount),
      method: loan.repaymentMethod as RepaymentMethod,
      rules,
    });
  } catch (error) {
    if (isDomainError(error) && INPUT_REFUSALS.includes(error.code)) {
      const { field, ...details } = (error.details ?? {}) as { field?: string };
      const name = field ?? 'amount';
      throw new DomainError('VALIDATION_FAILED', `${name}: ${error.message}`, {
        fieldErrors: [{ field: name, reasons: [error.message], rules: [error.code] }],
        rule: error.code,
        ...details,
      });
    }
    throw error;
  }
}

const text = (money: Money) => money.toDecimalString();

const lineView = (line: ScheduledAmounts): PrepaymentLineView => ({
  number: line.number,
  dueDate: line.dueDate,
  principal: text(line.principal),
  interest: text(line.interest),
  payment: text(line.principal.plus(line.interest)),
});

function revisedView(revised: RevisedSchedule): RevisedScheduleView {
  return {
    option: revised.option,
    installmentCount: revised.installments.length,
    levelPayment: text(revised.levelPayment),
    maturity: revised.maturity,
    totalInterest: text(revised.totalInterest),
    replaced: revised.replaced,
    prepayment: lineView(revised.prepayment),
    installments: revised.installments.map(lineView),
  };
}

/** The quote as the API gives it: amounts as decimal strings. */
export function quoteView(loanId: string, quote: PartPrepaymentQuote): PrepaymentQuoteView {
  return {
    loanId,
    prepaymentDate: quote.prepaymentDate,
    outstandingPrincipal: text(quote.outstandingPrincipal),
    principalReduction: text(quote.principalReduction),
    remainingPrincipal: text(quote.remainingPrincipal),
    accruedInterest: text(quote.accruedInterest),
    accruedFrom: quote.accruedFrom,
    accruedDays: quote.accruedDays,
    fee: text(quote.fee),
    feeRate: quote.feeRate,
    feeFreeFrom: quote.feeFreeFrom,
    total: text(quote.total),
    current: {
      installmentCount: quote.current.installments,
      levelPayment: text(quote.current.levelPayment),
      maturity: quote.current.maturity,
      totalInterest: text(quote.current.totalInterest),
    },
    options: {
      'shorten-term': revisedView(quote.options['shorten-term']),
      'reduce-installment': revisedView(quote.options['reduce-installment']),
    },
  };
}
