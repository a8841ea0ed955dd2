import { monthly } from './classification-facts.fixture';
import { checkRecord, factsDay, repaymentRecord, standing } from './repayment-record';
import { firstFour, line } from './twelve-month-loan.fixture';

describe('repayment record (还款记录)', () => {
  it('takes from the ledger the day each installment was paid in full, penalty aside', () => {
    const record = repaymentRecord({
      installments: firstFour,
      applied: [
        line(1, 'interest', '120.00', '2026-02-15'),
        line(1, 'principal', '1000.00', '2026-02-15'),
        // Installment 2 in two parts, the second late; its penalty does not count.
        line(2, 'interest', '110.00', '2026-03-10'),
        line(2, 'principal', '400.00', '2026-03-10'),
        line(2, 'penalty', '5.00', '2026-03-20'),
        line(2, 'principal', '600.00', '2026-03-20'),
        // Installment 3 with its interest paid but not all its principal.
        line(3, 'interest', '100.00', '2026-04-15'),
        line(3, 'principal', '999.99', '2026-04-15'),
      ],
    });
    expect(record).toEqual([
      { number: 1, dueDate: '2026-02-15', paidOn: '2026-02-15' },
      { number: 2, dueDate: '2026-03-15', paidOn: '2026-03-20' },
      { number: 3, dueDate: '2026-04-15', paidOn: null },
      { number: 4, dueDate: '2026-05-15', paidOn: null },
    ]);
  });

  it('reads how an installment stands on a day', () => {
    const [installment] = checkRecord([{ number: 1, dueDate: '2024-03-15', paidOn: '2024-03-20' }]);
    expect(standing(installment, factsDay('2024-03-15', 'asOf'))).toBe('open');
    expect(standing(installment, factsDay('2024-03-16', 'asOf'))).toBe('overdue');
    expect(standing(installment, factsDay('2024-03-20', 'asOf'))).toBe('late');
    const [onDueDate] = checkRecord(monthly('2024-03-15', 1));
    expect(standing(onDueDate, factsDay('2024-03-15', 'asOf'))).toBe('on-time');
  });

  it('refuses a record no rule could read', () => {
    expect(() =>
      checkRecord([{ number: 0, dueDate: '2024-03-15', paidOn: null }]),
    ).toThrowDomainError('CLASSIFICATION_FACTS_INVALID');
    expect(() =>
      checkRecord([{ number: 1, dueDate: '2024-3-15', paidOn: null }]),
    ).toThrowDomainError('CLASSIFICATION_FACTS_INVALID');
    expect(() =>
      checkRecord([{ number: 1, dueDate: '2024-03-15', paidOn: 'soon' }]),
    ).toThrowDomainError('CLASSIFICATION_FACTS_INVALID');
    expect(() =>
      checkRecord([
        { number: 1, dueDate: '2024-03-15', paidOn: null },
        { number: 2, dueDate: '2024-03-15', paidOn: null },
      ]),
    ).toThrow(/installments 2: falls due on 2024-03-15, not after installment 1/);
  });
});
