import { DomainError } from '../errors/domain-error';
import { CalendarDate, parseIsoDate, toEpochDay } from '../calendar/calendar-date';

/**
 * The resident identity number (公民身份号码, 居民身份证号) of GB 11643-1999: 18 characters.
 *
 *   110105 19491231 002 X
 *   region birth    seq check
 *
 * - region: the administrative division code (GB/T 2260) where the number was first issued;
 *   returned as found, not checked against a list, because codes are retired and renumbered
 *   while the numbers issued under them stay valid.
 * - birth date: YYYYMMDD, a day that exists, not after `today` when given, and not before 1900
 *   (no one born earlier is alive to apply, so such a number is a typing or forging error).
 * - sequence: odd for men, even for women.
 * - check character: ISO 7064 MOD 11-2 over the first 17 digits, 'X' standing for 10.
 *
 * Surrounding spaces are dropped and a lower-case 'x' is read as 'X', as people type them.
 */
export type Sex = 'male' | 'female';

export type IdNumberParseResult =
  | { ok: true; idNumber: string; birthDate: string; sex: Sex; regionCode: string }
  | { ok: false; reason: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const EARLIEST_BIRTH_YEAR = 1900;

/** `today` (YYYY-MM-DD) lets the caller refuse a birth date in the future; the domain keeps no clock. */
export function parseIdNumber(value: string, today?: string): IdNumberParseResult {
  const idNumber = value.trim().toUpperCase();
  if (idNumber.length !== 18) {
    return { ok: false, reason: `an ID number has 18 characters, this one has ${idNumber.length}` };
  }
  if (!/^\d{17}[\dX]$/.test(idNumber)) {
    return {
      ok: false,
      reason: 'an ID number is 17 digits followed by a digit or X',
    };
  }

  const birthDigits = idNumber.slice(6, 14);
  const birthDate = `${birthDigits.slice(0, 4)}-${birthDigits.slice(4, 6)}-${birthDigits.slice(6, 8)}`;
  const birth = parseIsoDate(birthDate);
  if (!birth) {
    return { ok: false, reason: `the birth date ${birthDigits} is not a day of the calendar` };
  }
  if (birth.year < EARLIEST_BIRTH_YEAR) {
    return { ok: false, reason: `the birth date ${birthDate} is before ${EARLIEST_BIRTH_YEAR}` };
  }
  if (today !== undefined && toEpochDay(birth) > toEpochDay(requireDate(today, 'today'))) {
    return { ok: false, reason: `the birth date ${birthDate} is after today (${today})` };
  }

  const expected = checkCharacter(idNumber.slice(0, 17));
  if (idNumber[17] !== expected) {
    return {
      ok: false,
      reason: `the check character is ${idNumber[17]} but the first 17 digits require ${expected}`,
    };
  }

  return {
    ok: true,
    idNumber,
    birthDate,
    sex: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: idNumber.slice(0, 6),
  };
}

/** The check character the first 17 digits call for. */
export function checkCharacter(first17Digits: string): string {
  if (!/^\d{17}$/.test(first17Digits)) {
    throw new DomainError('ID_NUMBER_INVALID', 'the check character is computed over 17 digits');
  }
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17Digits[i]), 0);
  return CHECK_CHARACTERS.charAt(sum % 11);
}

/**
 * Age in full years (周岁) on `onDate`. A year is complete on the birthday's month and day, so a
 * person born on 29 February completes it on 1 March in a common year: the later reading, which
 * keeps a minimum-age rule on the safe side.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const birth = requireDate(birthDate, 'birthDate');
  const on = requireDate(onDate, 'onDate');
  if (toEpochDay(on) < toEpochDay(birth)) {
    throw new DomainError('DATE_INVALID', `onDate ${onDate} is before birthDate ${birthDate}`, {
      field: 'onDate',
    });
  }
  const birthdayReached =
    on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (birthdayReached ? 0 : 1);
}

function requireDate(value: string, field: string): CalendarDate {
  const date = parseIsoDate(value);
  if (!date) {
    throw new DomainError(
      'DATE_INVALID',
      `${field} must be a date in YYYY-MM-DD form, got "${value}"`,
      {
        field,
      },
    );
  }
  return date;
}
