import { quotePayoff, PayoffRequest } from './payoff';
import { Money } from '../money/money';

/** The installment a recall leaves in place of those not yet due. */
export interface RecalledInstallment {
  number: number;
  /** YYYY-MM-DD: the recall date. */
  dueDate: string;
  /** All the principal not yet due. */
  principal: Money;
  /** The current period's interest, accrued to the recall date. */
  interest: Money;
}

export interface RecallPlan {
  /** The installments not yet due on the recall date, replaced by `installment`. */
  replaced: number[];
  installment: RecalledInstallment;
}

/**
 * 提前收回: the bank calls the loan in on a date (a red warning's emergency plan, under the
 * contract's acceleration clause). Installments already due stay as they are (their arrears,
 * interest and penalty run on); every installment not yet due on the recall date is replaced by one
 * installment due on that date, carrying all their principal and the current period's interest
 * accrued to that date, computed as an early payoff's broken period is (算头不算尾, actual/360).
 * The later months' interest is not owed: the bank chose not to lend them. Null when nothing
 * falls due after the recall date (the loan's last installment is already due).
 */
export function planRecall(
  request: Omit<PayoffRequest, 'payoffDate'> & { recallDate: string },
): RecallPlan | null {
  const quote = quotePayoff({ ...request, payoffDate: request.recallDate });
  const broken = quote.brokenPeriod;
  if (!broken) return null;
  return {
    replaced: request.installments
      .filter((installment) => installment.number >= broken.installmentNumber)
      .map((installment) => installment.number),
    installment: {
      number: broken.installmentNumber,
      dueDate: request.recallDate,
      principal: broken.principal,
      interest: broken.interest,
    },
  };
}
