/** Decimal yuan strings to integer fen, exact (BigInt), for comparisons only. */
export function toFen(amount: string | null | undefined): bigint {
  if (!amount) return 0n;
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!match) return 0n;
  const [, sign, whole = '0', fraction = ''] = match;
  const fen = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return sign ? -fen : fen;
}

/** Today's date in Beijing, YYYY-MM-DD: the business date installments fall due on. */
export function beijingToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}
