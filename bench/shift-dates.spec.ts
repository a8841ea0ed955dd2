import { shiftDates } from './shift-dates';

describe('shiftDates', () => {
  it('moves calendar dates and instants by whole days, across month and year ends', () => {
    expect(
      shiftDates(
        {
          nextInstallment: {
            number: 2,
            dueDate: '2027-01-31',
            checkAt: '2027-01-31T16:00:00.000Z',
          },
          inspection: { opensAt: '2026-12-25T16:00:00Z', dueAt: '2027-01-01T08:00:00+08:00' },
        },
        3,
      ),
    ).toEqual({
      nextInstallment: { number: 2, dueDate: '2027-02-03', checkAt: '2027-02-03T16:00:00.000Z' },
      inspection: { opensAt: '2026-12-28T16:00:00.000Z', dueAt: '2027-01-04T00:00:00.000Z' },
    });
  });

  it('leaves text that is not a date, numbers and absent values as they were', () => {
    const variables = {
      loanId: 'LN-2027-000001',
      amount: '1200.00',
      note: 'paid on 2027-01-06',
      months: 12,
      settled: null,
      lines: ['2027-02-29', 'x'],
    };
    // 2027-02-29 is no date: it is not moved.
    expect(shiftDates(variables, 30)).toEqual(variables);
    expect(shiftDates(variables, 0)).toBe(variables);
  });

  it('moves back with a negative count', () => {
    expect(shiftDates(['2027-03-01'], -1)).toEqual(['2027-02-28']);
  });
});
