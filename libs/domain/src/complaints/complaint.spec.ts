import {
  complaintDeadline,
  complaintFigures,
  complaintHandler,
  complaintStanding,
  nextComplaintLevel,
} from './complaint';

describe('complaints (客户投诉)', () => {
  it('gives 5 working days on the official calendar: weekends and the National Day holiday skipped', () => {
    // Filed on Friday 2026-09-25 (Beijing): Mon 28, Tue 29, Wed 30 count; 1–7 October are the
    // National Day holiday; then Thursday 8 and Friday 9 October.
    const deadline = complaintDeadline(new Date('2026-09-25T10:00:00+08:00'), 5);
    expect(deadline.workingDays).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
    ]);
    expect(deadline.dueAt.toISOString()).toBe('2026-10-09T16:00:00.000Z');
  });

  it('refuses a deadline that is not 1 to 30 working days, naming the field', () => {
    expect(() => complaintDeadline(new Date(), 0)).toThrowDomainError(
      'COMPLAINT_DEADLINE_INVALID',
      { details: { field: 'workingDays' } },
    );
    expect(() => complaintDeadline(new Date(), 2.5)).toThrow(/whole number/);
  });

  it('escalates from the handler to the branch, then to head office, and no further', () => {
    expect(nextComplaintLevel('handler')).toBe('branch');
    expect(nextComplaintLevel('branch')).toBe('head-office');
    expect(nextComplaintLevel('head-office')).toBeNull();
  });

  it('hands it to the person named, else the customer manager, never to someone it is about', () => {
    expect(
      complaintHandler({ named: 'zhou.cm', customerManager: 'li.cm', staffInvolved: [] }),
    ).toBe('zhou.cm');
    expect(complaintHandler({ named: null, customerManager: 'li.cm', staffInvolved: [] })).toBe(
      'li.cm',
    );
    // The complaint is about the customer manager: the center managers take it.
    expect(
      complaintHandler({ named: null, customerManager: 'li.cm', staffInvolved: ['li.cm'] }),
    ).toBeNull();
    expect(() =>
      complaintHandler({ named: 'li.cm', customerManager: 'li.cm', staffInvolved: ['li.cm'] }),
    ).toThrowDomainError('COMPLAINT_HANDLER_INVOLVED', { details: { field: 'handler' } });
  });

  const due = new Date('2027-03-05T16:00:00Z');
  const before = new Date('2027-03-04T02:00:00Z');
  const after = new Date('2027-03-08T02:00:00Z');

  it('is late when the customer waited past the first deadline', () => {
    const fact = { unitCode: 'SB-HZ-XH', category: 'other' as const, dueAt: due };
    expect(complaintStanding({ ...fact, answeredAt: null }, before)).toBe('open');
    expect(complaintStanding({ ...fact, answeredAt: null }, after)).toBe('open-late');
    expect(complaintStanding({ ...fact, answeredAt: before }, after)).toBe('answered');
    expect(complaintStanding({ ...fact, answeredAt: after }, after)).toBe('answered-late');
  });

  it('counts open, answered and late per unit and category', () => {
    const rows = complaintFigures(
      [
        { unitCode: 'SB-NB-YZ', category: 'other', dueAt: due, answeredAt: null },
        { unitCode: 'SB-HZ-XH', category: 'collection-conduct', dueAt: due, answeredAt: after },
        { unitCode: 'SB-HZ-XH', category: 'fees-and-charges', dueAt: due, answeredAt: before },
        { unitCode: 'SB-HZ-XH', category: 'fees-and-charges', dueAt: due, answeredAt: null },
      ],
      after,
    );
    expect(rows).toEqual([
      { unitCode: 'SB-HZ-XH', category: 'fees-and-charges', open: 1, answered: 1, late: 1 },
      { unitCode: 'SB-HZ-XH', category: 'collection-conduct', open: 0, answered: 1, late: 1 },
      { unitCode: 'SB-NB-YZ', category: 'other', open: 1, answered: 0, late: 1 },
    ]);
  });
});
