import { Money } from '../money/money';
import { ratioOf } from './ratio';

const yuan = (amount: string) => Money.parse(amount);

describe('portfolio ratios', () => {
  it('divides on minor units and rounds half-up to four places', () => {
    // 105,000.00 / 121,000.00 = 0.86776859… → 0.8678
    expect(ratioOf(yuan('105000.00'), yuan('121000.00'))).toBe('0.8678');
    // 1.00 / 8.00 = 0.125 exactly; 1 / 16 = 0.0625; 1 / 32 = 0.03125 → half-up 0.0313
    expect(ratioOf(yuan('1.00'), yuan('8.00'))).toBe('0.1250');
    expect(ratioOf(yuan('1.00'), yuan('32.00'))).toBe('0.0313');
  });

  it('keeps a ratio a float would get wrong: 0.01 of 0.03 is 0.3333, 0.29 of 1.00 is 0.2900', () => {
    expect(ratioOf(yuan('0.01'), yuan('0.03'))).toBe('0.3333');
    expect(ratioOf(yuan('0.29'), yuan('1.00'))).toBe('0.2900');
  });

  it('reads a whole portfolio as 1 and an empty one as 0', () => {
    expect(ratioOf(yuan('5.00'), yuan('5.00'))).toBe('1.0000');
    expect(ratioOf(Money.zero(), Money.zero())).toBe('0.0000');
    expect(ratioOf(yuan('1.00'), yuan('3.00'), 2)).toBe('0.33');
  });

  it('refuses negative amounts and a part above the whole', () => {
    expect(() => ratioOf(yuan('-1.00'), yuan('3.00'))).toThrowDomainError('RATIO_INVALID');
    expect(() => ratioOf(yuan('4.00'), yuan('3.00'))).toThrowDomainError('RATIO_INVALID');
    expect(() => ratioOf(yuan('1.00'), yuan('3.00'), 1.5)).toThrowDomainError('RATIO_INVALID');
  });
});
