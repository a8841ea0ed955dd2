import { DomainError } from '../errors/domain-error';
import { buildSchedule } from '../schedule/repayment-schedule';
import {
  DEFAULT_PART_PREPAYMENT_RULES,
  PartPrepaymentRequest,
  quotePartPrepayment,
} from './part-prepayment';
import { quotePayoff } from './payoff';
import { AppliedAmount, ScheduledAmounts } from './servicing-input';
import { firstPaid, line, schedule, text, yuan } from './twelve-month-loan.fixture';

const base = {
  disbursementDate: '2026-01-15',
  annualRate: '0.12',
  penaltyAnnualRate: '0.18',
  rules: DEFAULT_PART_PREPAYMENT_RULES,
};

// The fixture: 12,000.00 equal principal at 12%, installment 1 paid on its due date.
const equalPrincipal = (
  amount: string,
  payoffDate: string,
  applied: AppliedAmount[] = firstPaid,
): PartPrepaymentRequest => ({
  ...base,
  installments: schedule,
  applied,
  payoffDate,
  amount: yuan(amount),
  method: 'equal-principal',
});

// 12,000.00 equal installment at 12% over 12 months: 1,066.19 a month.
const annuity: ScheduledAmounts[] = buildSchedule({
  principal: yuan('12000.00'),
  annualRate: '0.12',
  termMonths: 12,
  method: 'equal-installment',
  startDate: '2026-01-15',
}).installments;

const refusal = (request: PartPrepaymentRequest): DomainError => {
  try {
    quotePartPrepayment(request);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('not refused');
};
const sum = (amounts: ScheduledAmounts[], pick: 'principal' | 'interest') =>
  text(amounts.reduce((total, i) => total.plus(i[pick]), yuan('0.00')));

describe('part prepayment (部分提前还款): the quote and the revised schedules', () => {
  it('charges the accrued interest on the whole principal not yet due and the fee, and credits the next installment', () => {
    // S = 2026-02-15 (installment 1 paid), D = 2026-03-01: 14 days.
    const quote = quotePartPrepayment(equalPrincipal('3000.00', '2026-03-01'));
    expect(text(quote.outstandingPrincipal)).toBe('11000.00');
    // 11,000 × 12% × 14 / 360 = 51.333… → 51.33
    expect(text(quote.accruedInterest)).toBe('51.33');
    expect(quote).toMatchObject({ accruedFrom: '2026-02-15', accruedDays: 14, feeRate: '0.01' });
    expect(text(quote.fee)).toBe('30.00');
    expect(text(quote.total)).toBe('3081.33');
    expect(text(quote.remainingPrincipal)).toBe('8000.00');
    expect(quote.current).toMatchObject({ installments: 11, maturity: '2027-01-15' });
  });

  it('shortens the term at the same level principal (equal principal): 8,000 over 8 months', () => {
    const { options } = quotePartPrepayment(equalPrincipal('3000.00', '2026-03-01'));
    const revised = options['shorten-term'];
    expect(revised.replaced).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(revised.prepayment).toMatchObject({ number: 13, dueDate: '2026-03-01' });
    expect(text(revised.prepayment.principal)).toBe('3000.00');
    expect(revised.installments.map((i) => i.number)).toEqual([14, 15, 16, 17, 18, 19, 20, 21]);
    expect(revised.installments.every((i) => text(i.principal) === '1000.00')).toBe(true);
    expect(revised.maturity).toBe('2026-10-15');
    // 8,000 × 1% = 80.00, less 8,000 × 12% × 14 / 360 = 37.33 already paid for 15 Feb to 1 Mar.
    expect(text(revised.installments[0].interest)).toBe('42.67');
    expect(text(revised.installments[1].interest)).toBe('70.00');
  });

  it('lowers the installment to the same maturity (equal principal): 8,000 over the 11 dates left', () => {
    const revised = quotePartPrepayment(equalPrincipal('3000.00', '2026-03-01')).options[
      'reduce-installment'
    ];
    expect(revised.installments).toHaveLength(11);
    expect(revised.maturity).toBe('2027-01-15');
    expect(text(revised.installments[0].principal)).toBe('727.27');
    // The last takes the rounding: 8,000 − 10 × 727.27.
    expect(text(revised.installments[10].principal)).toBe('727.30');
    expect(sum(revised.installments, 'principal')).toBe('8000.00');
    // 727.27 + (8,000 − 727.27) × 1% = 727.27 + 72.73
    expect(text(revised.levelPayment)).toBe('800.00');
  });

  it('keeps the equal installment of 1,066.19 and ends earlier, or keeps the maturity at half the installment', () => {
    const request: PartPrepaymentRequest = {
      ...base,
      installments: annuity,
      applied: [],
      payoffDate: '2026-01-20',
      amount: yuan('6000.00'),
      method: 'equal-installment',
    };
    const quote = quotePartPrepayment(request);
    // 12,000 × 12% × 5 / 360 = 20.00 from the disbursement date.
    expect(text(quote.accruedInterest)).toBe('20.00');
    expect(text(quote.current.levelPayment)).toBe('1066.19');
    const shorter = quote.options['shorten-term'];
    expect(shorter.installments).toHaveLength(6);
    expect(shorter.maturity).toBe('2026-07-15');
    const payments = shorter.installments.map((i) => text(i.principal.plus(i.interest)));
    expect(payments.slice(0, 5)).toEqual(Array(5).fill('1066.19'));
    expect(payments[5]).toBe('865.58');
    expect(sum(shorter.installments, 'principal')).toBe('6000.00');
    const lower = quote.options['reduce-installment'];
    expect(lower.installments).toHaveLength(12);
    expect(lower.maturity).toBe('2027-01-15');
    expect(text(lower.levelPayment)).toBe('533.09');
    // The first keeps the level payment: 60.00 interest less the 10.00 paid for 15 to 20 Jan.
    expect(text(lower.installments[0].interest)).toBe('50.00');
    expect(text(lower.installments[0].principal.plus(lower.installments[0].interest))).toBe(
      '533.09',
    );
    expect(sum(lower.installments, 'principal')).toBe('6000.00');
  });

  it('owes no fee once the loan is past its fee-free months', () => {
    const quote = quotePartPrepayment({
      ...equalPrincipal('3000.00', '2026-03-01'),
      rules: { ...DEFAULT_PART_PREPAYMENT_RULES, feeFreeAfterMonths: 1 },
    });
    expect(quote).toMatchObject({ feeRate: '0', feeFreeFrom: '2026-02-15' });
    expect(text(quote.fee)).toBe('0.00');
  });

  it('refuses an amount below the minimum, one not below the principal, while overdue, and on a due date', () => {
    expect(refusal(equalPrincipal('999.99', '2026-03-01'))).toMatchObject({
      code: 'PREPAYMENT_BELOW_MINIMUM',
      details: { field: 'amount', minimum: '1000.00' },
    });
    expect(refusal(equalPrincipal('11000.00', '2026-03-01'))).toMatchObject({
      code: 'PREPAYMENT_ABOVE_OUTSTANDING',
      details: { field: 'amount', outstandingPrincipal: '11000.00' },
    });
    expect(refusal(equalPrincipal('3000.00', '2026-02-20', []))).toMatchObject({
      code: 'PREPAYMENT_WHILE_OVERDUE',
      details: { field: 'amount', daysPastDue: 5 },
    });
    expect(refusal(equalPrincipal('3000.00', '2026-02-15'))).toMatchObject({
      code: 'PREPAYMENT_ON_DUE_DATE',
      details: { field: 'date' },
    });
    expect(refusal(equalPrincipal('-5.00', '2026-03-01'))).toMatchObject({
      code: 'PREPAYMENT_INVALID',
    });
  });

  it('leaves a ledger a later early settlement reads right: its broken period starts on the prepayment day', () => {
    const request = equalPrincipal('3000.00', '2026-03-01');
    const revised = quotePartPrepayment(request).options['shorten-term'];
    const kept = schedule.filter((i) => !revised.replaced.includes(i.number));
    const payoff = quotePayoff({
      ...base,
      installments: [...kept, revised.prepayment, ...revised.installments],
      applied: [
        ...firstPaid,
        line(13, 'interest', '51.33', '2026-03-01'),
        line(13, 'principal', '3000.00', '2026-03-01'),
      ],
      payoffDate: '2026-03-08',
    });
    expect(text(payoff.outstandingPrincipal)).toBe('8000.00');
    expect(text(payoff.interestDue)).toBe('0.00');
    expect(text(payoff.penalty)).toBe('0.00');
    // 8,000 × 12% × 7 / 360 = 18.666… → 18.67, from the prepayment day, not from 15 February.
    expect(payoff.brokenPeriod).toMatchObject({
      from: '2026-03-01',
      days: 7,
      installmentNumber: 14,
    });
    expect(text(payoff.brokenPeriodInterest)).toBe('18.67');
  });
});
