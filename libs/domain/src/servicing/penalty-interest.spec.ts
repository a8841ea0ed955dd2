import { buildSchedule } from '../schedule/repayment-schedule';
import { accruePenaltyInterest, defaultPenaltyAnnualRate } from './penalty-interest';
import { ScheduledAmounts } from './servicing-input';
import { firstFour, firstPaid, line, text, yuan } from './twelve-month-loan.fixture';

const schedule = firstFour;

/** The contract's 12% × 1.5. */
const EIGHTEEN_PERCENT = '0.18';

describe('penalty interest (罚息)', () => {
  it('defaults to the contract rate × 1.5, exactly', () => {
    expect(defaultPenaltyAnnualRate('0.12')).toBe('0.18');
    expect(defaultPenaltyAnnualRate('0.0435')).toBe('0.06525');
    expect(() => defaultPenaltyAnnualRate('-0.12')).toThrowDomainError('PENALTY_RATE_INVALID');
  });

  describe('installment 2 missed, 45 days late on 2026-04-29, at 18% a year', () => {
    const accrual = accruePenaltyInterest({
      installments: schedule,
      applied: firstPaid,
      penaltyAnnualRate: EIGHTEEN_PERCENT,
      asOf: '2026-04-29',
    });
    const [first, second, third, fourth] = accrual.installments;

    it('charges 1,000.00 × 0.18 × 45 / 360 = 22.50 on installment 2', () => {
      // 2026-03-16 .. 2026-04-29: 16 days of March + 29 of April = 45 days;
      // daily rate 0.18 / 360 = 0.0005; 1,000.00 × 0.0005 × 45 = 22.50.
      expect(text(second.accrued)).toBe('22.50');
      expect(second.spans).toHaveLength(1);
      expect(second.spans[0]).toMatchObject({ from: '2026-03-16', to: '2026-04-29', days: 45 });
      expect(text(second.spans[0].principal)).toBe('1000.00');
    });

    it('charges installment 3, 14 days late, 1,000.00 × 0.0005 × 14 = 7.00; none on the others', () => {
      expect(text(third.accrued)).toBe('7.00');
      expect(first.accrued.isZero()).toBe(true);
      expect(first.spans).toEqual([]);
      expect(fourth.accrued.isZero()).toBe(true);
      expect(text(accrual.accrued)).toBe('29.50');
      expect(text(accrual.outstanding)).toBe('29.50');
      expect(accrual.penaltyAnnualRate).toBe('0.18');
    });
  });

  it('charges 21.50 on an equal-installment principal of 955.65 missed for 45 days', () => {
    // 12,000.00 at 12%, equal installment (等额本息), 12 months: payment 1,066.19; installment 1
    // interest 120.00, principal 946.19, balance 11,053.81; installment 2 interest 110.54
    // (11,053.81 × 1% = 110.5381), principal 1,066.19 − 110.54 = 955.65.
    // Penalty: 955.65 × 0.18 × 45 / 360 = 955.65 × 0.0225 = 21.502125 → 21.50.
    const built = buildSchedule({
      principal: yuan('12000.00'),
      annualRate: '0.12',
      termMonths: 12,
      method: 'equal-installment',
      startDate: '2026-01-15',
    });
    expect(text(built.installments[1].principal)).toBe('955.65');
    const accrual = accruePenaltyInterest({
      installments: built.installments,
      applied: [
        line(1, 'interest', '120.00', '2026-02-15'),
        line(1, 'principal', '946.19', '2026-02-15'),
      ],
      penaltyAnnualRate: EIGHTEEN_PERCENT,
      asOf: '2026-04-29',
    });
    expect(text(accrual.installments[1].accrued)).toBe('21.50');
  });

  it('opens a new span with a lower base when part of the principal is paid', () => {
    // 333.33 of installment 2's principal paid on 2026-04-01.
    // 2026-03-16 .. 2026-04-01: 17 days on 1,000.00: 1,000.00 × 0.0005 × 17 = 8.50
    // 2026-04-02 .. 2026-04-29: 28 days on 666.67: 666.67 × 0.18 × 28 / 360 = 9.33338 → 9.33
    const accrual = accruePenaltyInterest({
      installments: schedule.slice(0, 2),
      applied: [...firstPaid, line(2, 'principal', '333.33', '2026-04-01')],
      penaltyAnnualRate: EIGHTEEN_PERCENT,
      asOf: '2026-04-29',
    });
    const { spans, accrued } = accrual.installments[1];
    expect(spans.map((s) => [s.from, s.to, s.days, text(s.principal), text(s.penalty)])).toEqual([
      ['2026-03-16', '2026-04-01', 17, '1000.00', '8.50'],
      ['2026-04-02', '2026-04-29', 28, '666.67', '9.33'],
    ]);
    expect(text(accrued)).toBe('17.83');
  });

  it('stops accruing on the day the principal is paid, even with interest still owed', () => {
    // Principal paid 2026-03-20: days 2026-03-16 .. 2026-03-20 = 5; 1,000.00 × 0.0005 × 5 = 2.50.
    const accrual = accruePenaltyInterest({
      installments: schedule.slice(0, 2),
      applied: [...firstPaid, line(2, 'principal', '1000.00', '2026-03-20')],
      penaltyAnnualRate: EIGHTEEN_PERCENT,
      asOf: '2026-04-29',
    });
    expect(text(accrual.installments[1].accrued)).toBe('2.50');
  });

  it('charges nothing up to the due date, nor on principal paid on it', () => {
    const onDueDate = accruePenaltyInterest({
      installments: schedule.slice(0, 2),
      applied: firstPaid,
      penaltyAnnualRate: EIGHTEEN_PERCENT,
      asOf: '2026-03-15',
    });
    expect(onDueDate.accrued.isZero()).toBe(true);

    const paidOnTime = accruePenaltyInterest({
      installments: schedule.slice(0, 2),
      applied: [...firstPaid, line(2, 'principal', '1000.00', '2026-03-15')],
      penaltyAnnualRate: EIGHTEEN_PERCENT,
      asOf: '2026-04-29',
    });
    expect(paidOnTime.accrued.isZero()).toBe(true);
  });

  it('rounds half-up to the fen once per span, not once per day', () => {
    const tenYuan: ScheduledAmounts[] = [
      { number: 1, dueDate: '2026-02-15', principal: yuan('10.00'), interest: yuan('0.10') },
    ];
    const accrue = (asOf: string) =>
      accruePenaltyInterest({
        installments: tenYuan,
        applied: [],
        penaltyAnnualRate: EIGHTEEN_PERCENT,
        asOf,
      }).accrued;
    // 1 day: 10.00 × 0.0005 = 0.005 → 0.01 (half-up; half-even would give 0.00)
    expect(text(accrue('2026-02-16'))).toBe('0.01');
    // 3 days: 10.00 × 0.0005 × 3 = 0.015 → 0.02 (rounding each day would give 0.03)
    expect(text(accrue('2026-02-18'))).toBe('0.02');
  });

  it('subtracts penalty already paid and refuses more paid than accrued', () => {
    const request = {
      installments: schedule,
      penaltyAnnualRate: EIGHTEEN_PERCENT,
      asOf: '2026-04-29',
    };
    const accrual = accruePenaltyInterest({
      ...request,
      applied: [...firstPaid, line(2, 'penalty', '20.00', '2026-04-29')],
    });
    expect(text(accrual.installments[1].paid)).toBe('20.00');
    expect(text(accrual.installments[1].outstanding)).toBe('2.50');
    expect(text(accrual.outstanding)).toBe('9.50'); // 2.50 + 7.00

    expect(() =>
      accruePenaltyInterest({
        ...request,
        applied: [...firstPaid, line(2, 'penalty', '22.51', '2026-04-29')],
      }),
    ).toThrowDomainError('SERVICING_INPUT_INVALID');
  });

  it.each(['18%', '-0.18', ''])('refuses the penalty rate "%s"', (penaltyAnnualRate) => {
    expect(() =>
      accruePenaltyInterest({
        installments: schedule,
        applied: [],
        penaltyAnnualRate,
        asOf: '2026-04-29',
      }),
    ).toThrowDomainError('PENALTY_RATE_INVALID');
  });
});
