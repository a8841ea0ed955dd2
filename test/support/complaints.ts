import { randomInt } from 'node:crypto';

/** A fresh id in the loan register's pattern (LN + date + 6 characters) for a fixture loan. */
export function fixtureLoanId(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += alphabet[randomInt(alphabet.length)];
  return `LN20270101-${suffix}`;
}
