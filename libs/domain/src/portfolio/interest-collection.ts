import { parseIsoDate } from '../calendar/calendar-date';
import { DomainError } from '../errors/domain-error';
import { Money } from '../money/money';
import { ratioOf } from './ratio';

/**
 * Interest collection rate (收息率) over a period, for the loans of a unit:
 *
 *   interest received ÷ interest due
 *
 * - Interest due: the scheduled interest of every installment whose due date falls in the period
 *   (from and to both included), on loans paid out (disbursed, settled, archived or written off:
 *   a loan written off in the period still owed what fell due before).
 * - Interest received: of that interest, what was paid by the end of the period (`to`, Beijing
 *   time), whenever the payment came (ahead of the due date or late within the period). Interest
 *   paid after the period counts in no period's rate for that installment: the rate says how much
 *   of what fell due was collected in time to be counted at the period's close.
 *
 * Received can therefore never be more than due, and a period with nothing due reads 0 (no rate),
 * with `due` zero so a reader can tell it from a period where nothing was paid.
 */
export interface InterestCollection {
  from: string;
  to: string;
  interestDue: Money;
  interestReceived: Money;
  /** interestReceived ÷ interestDue, four places half-up; '0.0000' when nothing fell due. */
  rate: string;
}

export function interestCollection(
  from: string,
  to: string,
  interestDue: Money,
  interestReceived: Money,
): InterestCollection {
  const start = parseIsoDate(from);
  const end = parseIsoDate(to);
  if (!start || !end)
    throw new DomainError(
      'PORTFOLIO_INPUT_INVALID',
      `a period needs two YYYY-MM-DD dates, got ${from}..${to}`,
      {
        field: !start ? 'from' : 'to',
      },
    );
  if (from > to)
    throw new DomainError(
      'PORTFOLIO_INPUT_INVALID',
      `the period ${from}..${to} ends before it starts`,
      {
        field: 'to',
      },
    );
  if (interestReceived.compare(interestDue) > 0)
    throw new DomainError(
      'PORTFOLIO_INPUT_INVALID',
      `interest received ${interestReceived.toDecimalString()} is more than the interest due ${interestDue.toDecimalString()}`,
      { field: 'interestReceived' },
    );
  return { from, to, interestDue, interestReceived, rate: ratioOf(interestReceived, interestDue) };
}

/** The calendar months from `from`'s month to `to`'s, each as its first and last day (YYYY-MM-DD). */
export function monthsBetween(
  from: string,
  to: string,
): { month: string; from: string; to: string }[] {
  if (!parseIsoDate(from) || !parseIsoDate(to) || from > to)
    throw new DomainError(
      'PORTFOLIO_INPUT_INVALID',
      `months between ${from} and ${to}: not a period`,
      {
        field: 'from',
      },
    );
  const months: { month: string; from: string; to: string }[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const lastKey = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    months.push({ month: key, from: `${key}-01`, to: `${key}-${String(days).padStart(2, '0')}` });
    if (key >= lastKey || months.length > 240) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}
