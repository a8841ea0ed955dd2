/**
 * Amounts arrive as decimal strings ("300000.00") and are shown as yuan with two decimals in the
 * user's locale. They never pass through a float: Intl formats the string itself (exact decimal).
 */
const DECIMAL = /^-?\d+(\.\d+)?$/;

export function formatYuan(amount: string | null | undefined, locale: string): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  if (!DECIMAL.test(amount)) return amount;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'CNY',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    roundingMode: 'halfExpand',
  }).format(amount as Intl.StringNumericLiteral);
}

/** A ratio such as "0.0523" as a percentage, still exact. */
export function formatRatio(ratio: string | null | undefined, locale: string): string {
  if (ratio === null || ratio === undefined || !DECIMAL.test(ratio)) return ratio ?? '—';
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(ratio as Intl.StringNumericLiteral);
}

export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Shanghai',
  }).format(date);
}

/** A business date (YYYY-MM-DD) stays that calendar date whatever the browser's zone. */
export function formatDate(date: string | null | undefined, locale: string): string {
  if (!date) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return date;
  const [, y, m, d] = match;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))),
  );
}

export function formatCount(count: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(count);
}

/** An annual rate ("0.0435") as a percentage (4.35%), exact, with up to four decimals of a percent. */
export function formatRate(rate: string | null | undefined, locale: string): string {
  if (rate === null || rate === undefined || rate === '') return '—';
  if (!DECIMAL.test(rate)) return rate;
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
  }).format(rate as Intl.StringNumericLiteral);
}
