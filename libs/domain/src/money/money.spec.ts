import { Money } from './money';

describe('Money', () => {
  it('adds in minor units without binary float drift', () => {
    const sum = Money.parse('0.10').plus(Money.parse('0.20'));
    expect(sum.toDecimalString()).toBe('0.30');
    expect(sum.minorUnits).toBe(30n);
  });

  it('rounds a rate product half-up to the fen', () => {
    // 1000.05 * 0.0005 = 0.500025 yuan = 50.0025 fen -> 50 fen
    expect(Money.parse('1000.05').times('0.0005').toDecimalString()).toBe('0.50');
    // 0.05 * 0.5 = 2.5 fen -> 3 fen (half-up, not banker's rounding)
    expect(Money.parse('0.05').times('0.5').minorUnits).toBe(3n);
  });

  it('keeps amounts beyond Number.MAX_SAFE_INTEGER exact', () => {
    const big = Money.ofMinor('900719925474099312');
    expect(big.plus(Money.ofMinor(1)).minorUnits).toBe(900719925474099313n);
    expect(big.toDecimalString()).toBe('9007199254740993.12');
  });

  it('refuses malformed and over-precise amounts with a stable code', () => {
    expect(() => Money.parse('12,00')).toThrowDomainError('MONEY_INVALID');
    expect(() => Money.parse('1.005')).toThrowDomainError('MONEY_TOO_PRECISE');
  });

  it('refuses to mix currencies', () => {
    expect(() => Money.parse('1', 'CNY').plus(Money.parse('1', 'USD'))).toThrowDomainError(
      'MONEY_CURRENCY_MISMATCH',
    );
  });

  it('compares and serialises as a decimal string', () => {
    expect(Money.parse('2.00').compare(Money.parse('1.99'))).toBe(1);
    expect(JSON.stringify({ amount: Money.parse('-5.5') })).toBe('{"amount":"-5.50"}');
    expect(Money.zero().isZero()).toBe(true);
    expect(Money.parse('-0.01').isNegative()).toBe(true);
  });
});
