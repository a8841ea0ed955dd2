import { Money } from '../money/money';
import {
  assertRestructuringAllowed,
  extensionLimitMonths,
  respreadSchedule,
} from './restructuring';
import { firstPaid, schedule, text } from './twelve-month-loan.fixture';

describe('extension (展期) and restructuring (重组)', () => {
  it('limits extensions as the General Rules on Loans do: the term, half of it, or 3 years', () => {
    expect(extensionLimitMonths(12)).toBe(12);
    expect(extensionLimitMonths(6)).toBe(6);
    expect(extensionLimitMonths(36)).toBe(18);
    expect(extensionLimitMonths(60)).toBe(30);
    expect(extensionLimitMonths(240)).toBe(36);
  });

  const facts = {
    kind: 'extension' as const,
    extraMonths: 6,
    originalTermMonths: 12,
    extendedSoFar: 0,
    daysPastDue: 0,
  };

  it('extends an up-to-date loan within the limit, counting what was granted before', () => {
    expect(() => assertRestructuringAllowed(facts)).not.toThrow();
    expect(() =>
      assertRestructuringAllowed({ ...facts, extendedSoFar: 6, extraMonths: 7 }),
    ).toThrowDomainError('EXTENSION_BEYOND_LIMIT', {
      details: { limitMonths: 12, extendedSoFar: 6, extraMonths: 7 },
    });
  });

  it('restructures an overdue loan but does not extend it', () => {
    expect(() => assertRestructuringAllowed({ ...facts, daysPastDue: 5 })).toThrowDomainError(
      'EXTENSION_WHILE_OVERDUE',
    );
    expect(() =>
      assertRestructuringAllowed({
        ...facts,
        kind: 'restructuring',
        daysPastDue: 95,
        extraMonths: 24,
      }),
    ).not.toThrow();
    expect(() => assertRestructuringAllowed({ ...facts, extraMonths: 0 })).toThrowDomainError(
      'RESTRUCTURING_INVALID',
      { details: { field: 'extraMonths' } },
    );
  });

  it('spreads the principal not yet due over more months, leaving what is due as it is', () => {
    // 2026-04-20: installments 2 and 3 are due and unpaid; 4..12 (9,000.00) are not yet due.
    const respread = respreadSchedule({
      installments: schedule,
      applied: firstPaid,
      asOf: '2026-04-20',
      disbursementDate: '2026-01-15',
      annualRate: '0.12',
      method: 'equal-principal',
      extraMonths: 6,
    });
    expect(respread.replaced).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(text(respread.principal)).toBe('9000.00');
    expect(respread.installments).toHaveLength(15);
    expect(respread.installments[0]).toMatchObject({ number: 13, dueDate: '2026-05-15' });
    // 9,000.00 over 15 months: 600.00 a month; the first month's interest 9,000 × 1% = 90.00.
    expect(text(respread.installments[0].principal)).toBe('600.00');
    expect(text(respread.installments[0].interest)).toBe('90.00');
    expect(
      text(respread.installments.reduce((sum, i) => sum.plus(i.principal), Money.zero())),
    ).toBe('9000.00');
    expect(respread.installments[14].dueDate).toBe('2027-07-15');
  });
});
