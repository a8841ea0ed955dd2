import { ValidateBy, ValidationOptions } from 'class-validator';
import { parseIdNumber } from '@loanflow/domain';

/** A resident ID number (居民身份证号) with a valid birth date and check character; the reason says what is wrong. */
export function IsResidentIdNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isResidentIdNumber',
      validator: {
        validate: (value) =>
          typeof value === 'string' &&
          parseIdNumber(value, new Date().toISOString().slice(0, 10)).ok,
        defaultMessage: (args) => {
          const value: unknown = args?.value;
          if (typeof value !== 'string') return `${args?.property} must be an ID number string`;
          const parsed = parseIdNumber(value, new Date().toISOString().slice(0, 10));
          return `${args?.property} is not a valid ID number: ${parsed.ok ? 'unknown problem' : parsed.reason}`;
        },
      },
    },
    options,
  );
}

/** The birth date given must be the one the ID number encodes. */
export function MatchesIdNumberBirthDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'matchesIdNumberBirthDate',
      validator: {
        validate: (value, args) => {
          const idNumber = (args?.object as { idNumber?: unknown }).idNumber;
          if (typeof idNumber !== 'string') return true; // the ID number's own rule reports it
          const parsed = parseIdNumber(idNumber);
          return !parsed.ok || parsed.birthDate === value;
        },
        defaultMessage: (args) => {
          const parsed = parseIdNumber(String((args?.object as { idNumber?: unknown }).idNumber));
          return `${args?.property} ${args?.value} does not match the ID number, which gives ${parsed.ok ? parsed.birthDate : '?'}`;
        },
      },
    },
    options,
  );
}
