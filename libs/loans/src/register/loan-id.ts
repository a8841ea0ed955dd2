import { randomInt } from 'node:crypto';
import { beijingDate } from '@loanflow/domain';

// Crockford's alphabet: no I, L, O, U, so an id read out over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new loan id, e.g. LN20261123-7KQ2M9 (Beijing date). */
export function newLoanId(now = new Date()): string {
  const beijing = beijingDate(now).replace(/-/g, '');
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `LN${beijing}-${suffix}`;
}

/** Loan ids look like LN20261123-7KQ2M9: the date of application and six random characters. */
export const LOAN_ID_PATTERN = /^LN\d{8}-[0-9A-Z]{6}$/;
