import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';
import { PayoffQuote, PayoffRequest, quotePayoff } from './payoff';
import { allocateRepayment } from './repayment-allocation';
import { AppliedAmount } from './servicing-input';
import { loanPosition } from './loan-position';

/**
 * Early full settlement (提前结清) as an act on the ledger: the payoff quoted for the day is
 * allocated like any repayment to what is due (penalty → interest → principal), then to the
 * principal of every installment not yet due and to the broken-period interest of the current
 * one. The schedule is revised to match: the current installment's interest becomes the
 * broken-period interest, later installments owe no interest. Afterwards nothing is outstanding.
 *
 * The amount must be the quote's total to the fen: a payment that does not settle the whole loan
 * is an ordinary repayment, and one that exceeds it is refused rather than silently kept.
 */
export interface EarlySettlement {
  quote: PayoffQuote;
  /** Every amount applied, in allocation order. */
  lines: AppliedAmount[];
  /** The scheduled interest of each installment not yet due, as revised. */
  revisedInterest: { installmentNumber: number; interest: Money }[];
}

export function settleEarly(request: PayoffRequest & { amount: Money }): EarlySettlement {
  const quote = quotePayoff(request);
  if (!quote.interestPaidInAdvance.isZero())
    throw new DomainError(
      'PAYOFF_INVALID',
      'interest was paid ahead on installments not yet due; settle this loan at the counter with a manual adjustment',
    );
  if (request.amount.compare(quote.total) !== 0)
    throw new DomainError(
      'PAYOFF_AMOUNT_MISMATCH',
      `settling the loan on ${request.payoffDate} takes ${quote.total.toDecimalString()}, not ${request.amount.toDecimalString()}`,
      { payoff: quote.total.toDecimalString(), amount: request.amount.toDecimalString() },
    );
  const due = allocateRepayment({
    installments: request.installments,
    applied: request.applied,
    amount: request.amount,
    paidOn: request.payoffDate,
    penaltyAnnualRate: request.penaltyAnnualRate,
  });
  const position = loanPosition({ ...request, asOf: request.payoffDate });
  const notYetDue = position.installments.filter((i) => i.dueDate > request.payoffDate);
  const later: AppliedAmount[] = [];
  const revisedInterest: EarlySettlement['revisedInterest'] = [];
  for (const installment of notYetDue) {
    const interest =
      quote.brokenPeriod?.installmentNumber === installment.number
        ? quote.brokenPeriodInterest
        : Money.zero(request.amount.currency);
    revisedInterest.push({ installmentNumber: installment.number, interest });
    for (const [category, amount] of [
      ['interest', interest],
      ['principal', installment.principalOutstanding],
    ] as const)
      if (!amount.isZero())
        later.push({
          installmentNumber: installment.number,
          category,
          amount,
          paidOn: request.payoffDate,
        });
  }
  const applied = later.reduce((sum, line) => sum.plus(line.amount), due.applied);
  if (applied.compare(request.amount) !== 0)
    // The quote and the allocation are two readings of one ledger: they must agree to the fen.
    throw new Error(
      `early settlement allocated ${applied.toDecimalString()} of ${request.amount.toDecimalString()}`,
    );
  return { quote, lines: [...due.lines, ...later], revisedInterest };
}
