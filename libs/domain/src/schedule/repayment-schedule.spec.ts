import { Money } from '../money/money';
import { buildSchedule, ScheduleRequest, ScheduledInstallment } from './repayment-schedule';

const yuan = (amount: string) => Money.parse(amount);
const text = (money: Money) => money.toDecimalString();
const sumOf = (installments: ScheduledInstallment[], pick: (i: ScheduledInstallment) => Money) =>
  installments.reduce((total, installment) => total.plus(pick(installment)), Money.zero());

const fiveThousandAtTwelvePercent: ScheduleRequest = {
  principal: yuan('5000.00'),
  annualRate: '0.12',
  termMonths: 18,
  method: 'equal-installment',
  startDate: '2026-03-15',
};

describe('repayment schedule: equal installment (等额本息)', () => {
  // Independent figures: 5,000.00 at 1% a month over 18 months, computed outside this code.
  const schedule = buildSchedule(fiveThousandAtTwelvePercent);
  const { installments } = schedule;

  it('pays 304.91 a month for installments 1 to 17', () => {
    expect(installments).toHaveLength(18);
    expect(new Set(installments.slice(0, 17).map((i) => text(i.payment)))).toEqual(
      new Set(['304.91']),
    );
  });

  it('charges a month of interest on the balance outstanding and repays the rest', () => {
    expect(installments[0]).toMatchObject({ number: 1, dueDate: '2026-04-15' });
    expect(text(installments[0].interest)).toBe('50.00');
    expect(text(installments[0].principal)).toBe('254.91');
    expect(text(installments[0].balance)).toBe('4745.09');
    expect(text(installments[1].interest)).toBe('47.45'); // 4745.09 × 1% = 47.4509
  });

  it('lets the last installment absorb the rounding', () => {
    const [secondLast, last] = installments.slice(-2);
    expect(text(secondLast.balance)).toBe('301.92');
    expect(text(last.principal)).toBe('301.92');
    expect(text(last.interest)).toBe('3.02');
    expect(text(last.payment)).toBe('304.94');
    expect(last.balance.isZero()).toBe(true);
    expect(last.dueDate).toBe('2027-09-15');
  });

  it('repays exactly the principal and totals consistently', () => {
    expect(text(sumOf(installments, (i) => i.principal))).toBe('5000.00');
    expect(text(schedule.totalInterest)).toBe('488.41');
    expect(text(schedule.totalPayment)).toBe('5488.41');
    expect(text(sumOf(installments, (i) => i.payment))).toBe(text(schedule.totalPayment));
    for (const installment of installments) {
      expect(installment.payment.compare(installment.principal.plus(installment.interest))).toBe(0);
    }
  });

  it('divides the principal evenly when the rate is zero', () => {
    const free = buildSchedule({ ...fiveThousandAtTwelvePercent, annualRate: '0', termMonths: 3 });
    expect(free.installments.map((i) => text(i.payment))).toEqual([
      '1666.67',
      '1666.67',
      '1666.66',
    ]);
    expect(text(free.totalInterest)).toBe('0.00');
    expect(text(free.totalPayment)).toBe('5000.00');
  });
});

describe('repayment schedule: equal principal (等额本金)', () => {
  const schedule = buildSchedule({ ...fiveThousandAtTwelvePercent, method: 'equal-principal' });
  const { installments } = schedule;

  it('repays 277.78 a month and 277.74 in the last month', () => {
    expect(new Set(installments.slice(0, 17).map((i) => text(i.principal)))).toEqual(
      new Set(['277.78']),
    );
    expect(text(installments[17].principal)).toBe('277.74');
    expect(installments[17].balance.isZero()).toBe(true);
  });

  it('charges interest on the declining balance: 475.00 in total', () => {
    expect(text(installments[0].interest)).toBe('50.00');
    expect(text(installments[0].payment)).toBe('327.78');
    expect(text(installments[1].interest)).toBe('47.22'); // 4722.22 × 1%
    expect(text(installments[17].interest)).toBe('2.78');
    expect(text(schedule.totalInterest)).toBe('475.00');
    expect(text(schedule.totalPayment)).toBe('5475.00');
    expect(text(sumOf(installments, (i) => i.principal))).toBe('5000.00');
  });
});

describe('repayment schedule: rounding', () => {
  it('rounds an exact half fen of interest up, even when the monthly rate never terminates', () => {
    // 1.50 × 4% ÷ 12 = 0.5 fen exactly, but 4%/12 = 0.3333…%: multiplying by a truncated
    // monthly rate would give 0.4999… fen and round it down.
    const schedule = buildSchedule({
      principal: yuan('1.50'),
      annualRate: '0.04',
      termMonths: 12,
      method: 'equal-principal',
      startDate: '2026-01-10',
    });
    expect(text(schedule.installments[0].interest)).toBe('0.01');
  });

  it('never repays more principal than is outstanding, however small the loan', () => {
    // 0.05 over 7 months rounds to 0.01 a month: five months clear it.
    const schedule = buildSchedule({
      principal: yuan('0.05'),
      annualRate: '0',
      termMonths: 7,
      method: 'equal-principal',
      startDate: '2026-01-10',
    });
    expect(schedule.installments.map((i) => text(i.principal))).toEqual([
      '0.01',
      '0.01',
      '0.01',
      '0.01',
      '0.01',
      '0.00',
      '0.00',
    ]);
    expect(schedule.installments.every((i) => !i.balance.isNegative())).toBe(true);
    expect(text(schedule.totalPayment)).toBe('0.05');
  });
});

describe('repayment schedule: due dates', () => {
  it('anchors on a month-end start day, clamping short months without drifting', () => {
    const schedule = buildSchedule({
      ...fiveThousandAtTwelvePercent,
      termMonths: 14,
      startDate: '2026-01-31',
    });
    expect(schedule.installments.map((i) => i.dueDate)).toEqual([
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      '2026-11-30',
      '2026-12-31',
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
    ]);
  });

  it('falls on 29 February in a leap year', () => {
    const schedule = buildSchedule({ ...fiveThousandAtTwelvePercent, startDate: '2027-11-30' });
    expect(schedule.installments[2].dueDate).toBe('2028-02-29');
    expect(schedule.installments[3].dueDate).toBe('2028-03-30');
  });
});

describe('repayment schedule: refusals', () => {
  it('refuses a principal that is not positive', () => {
    for (const principal of ['0.00', '-100.00']) {
      expect(() =>
        buildSchedule({ ...fiveThousandAtTwelvePercent, principal: yuan(principal) }),
      ).toThrowDomainError('SCHEDULE_INVALID', { details: { field: 'principal' } });
    }
  });

  it('refuses a term that is not a whole number of months from 1 to 360', () => {
    for (const termMonths of [0, 361, 12.5, Number.NaN]) {
      expect(() =>
        buildSchedule({ ...fiveThousandAtTwelvePercent, termMonths }),
      ).toThrowDomainError('SCHEDULE_INVALID', { details: { field: 'termMonths' } });
    }
    expect(
      buildSchedule({ ...fiveThousandAtTwelvePercent, termMonths: 360 }).installments,
    ).toHaveLength(360);
  });

  it('refuses a negative or malformed rate, saying which', () => {
    expect(() =>
      buildSchedule({ ...fiveThousandAtTwelvePercent, annualRate: '-0.01' }),
    ).toThrowDomainError('SCHEDULE_INVALID', {
      message: 'annualRate: must not be negative, got "-0.01"',
    });
    for (const annualRate of ['12%', '', '0.1.2', '1e-2', 'abc']) {
      expect(() =>
        buildSchedule({ ...fiveThousandAtTwelvePercent, annualRate }),
      ).toThrowDomainError('SCHEDULE_INVALID', { details: { field: 'annualRate' } });
    }
  });

  it('refuses a start date that does not exist', () => {
    for (const startDate of ['2026-02-30', '2026/03/15', '15-03-2026']) {
      expect(() => buildSchedule({ ...fiveThousandAtTwelvePercent, startDate })).toThrowDomainError(
        'SCHEDULE_INVALID',
        { details: { field: 'startDate' } },
      );
    }
  });

  it('refuses an unknown method', () => {
    expect(() =>
      buildSchedule({
        ...fiveThousandAtTwelvePercent,
        method: 'balloon' as unknown as ScheduleRequest['method'],
      }),
    ).toThrowDomainError('SCHEDULE_INVALID', { details: { field: 'method' } });
  });
});
