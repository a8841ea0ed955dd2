import { Money } from '../money/money';
import { planRecall } from './recall';

const installments = [1, 2, 3, 4].map((number) => ({
  number,
  dueDate: `2027-0${number + 1}-15`,
  principal: Money.parse('2500.00'),
  interest: Money.parse('100.00'),
}));
const base = {
  installments,
  applied: [],
  disbursementDate: '2027-01-15',
  annualRate: '0.12',
  penaltyAnnualRate: '0.18',
};

describe('planRecall (提前收回)', () => {
  it('replaces every installment not yet due by one due on the recall date with all their principal', () => {
    const plan = planRecall({ ...base, recallDate: '2027-03-25' })!;
    expect(plan.replaced).toEqual([3, 4]);
    expect(plan.installment.number).toBe(3);
    expect(plan.installment.dueDate).toBe('2027-03-25');
    expect(plan.installment.principal.toDecimalString()).toBe('5000.00');
    // 5000 × 12% × 10 days (03-15 to 03-25) ÷ 360
    expect(plan.installment.interest.toDecimalString()).toBe('16.67');
  });

  it('owes no interest for a recall on a due date: the next period has not started', () => {
    const plan = planRecall({ ...base, recallDate: '2027-03-15' })!;
    expect(plan.replaced).toEqual([3, 4]);
    expect(plan.installment.interest.isZero()).toBe(true);
    expect(plan.installment.principal.toDecimalString()).toBe('5000.00');
  });

  it('leaves installments already due as they are, paid or not', () => {
    const plan = planRecall({
      ...base,
      applied: [
        {
          installmentNumber: 1,
          category: 'principal',
          amount: Money.parse('2500.00'),
          paidOn: '2027-02-15',
        },
      ],
      recallDate: '2027-04-01',
    })!;
    expect(plan.replaced).toEqual([3, 4]);
    expect(plan.installment.principal.toDecimalString()).toBe('5000.00');
  });

  it('has nothing to recall once the last installment is due', () => {
    expect(planRecall({ ...base, recallDate: '2027-05-15' })).toBeNull();
    expect(planRecall({ ...base, recallDate: '2027-06-01' })).toBeNull();
  });
});
