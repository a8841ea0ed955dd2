import {
  assertDestructionAllowed,
  lendingDueDate,
  lendingStanding,
  retentionEnds,
  valuableAfter,
} from './archive';

describe('the loan file register (档案登记簿)', () => {
  it('gives a lent file 5 working days on the official calendar: weekends and National Day skipped', () => {
    const due = lendingDueDate(new Date('2026-09-25T10:00:00+08:00'), 5);
    expect(due.workingDays).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
    ]);
    expect(due.dueAt.toISOString()).toBe('2026-10-09T16:00:00.000Z');
  });

  it('refuses a lending period outside 1 to 30 working days, naming the field', () => {
    expect(() => lendingDueDate(new Date(), 31)).toThrowDomainError('VALIDATION_FAILED', {
      details: { field: 'workingDays' },
    });
  });

  it('tells out, overdue, returned and returned late apart', () => {
    const dueAt = new Date('2027-03-05T16:00:00Z');
    expect(lendingStanding({ dueAt, returnedAt: null }, new Date('2027-03-05T15:59:59Z'))).toBe(
      'out',
    );
    expect(lendingStanding({ dueAt, returnedAt: null }, dueAt)).toBe('overdue');
    expect(
      lendingStanding(
        { dueAt, returnedAt: new Date('2027-03-04T08:00:00Z') },
        new Date('2027-04-01'),
      ),
    ).toBe('returned');
    expect(
      lendingStanding(
        { dueAt, returnedAt: new Date('2027-03-08T08:00:00Z') },
        new Date('2027-04-01'),
      ),
    ).toBe('returned-late');
  });

  it('keeps a file the full number of years from the day the loan ended', () => {
    expect(retentionEnds(new Date('2027-06-30T04:00:00Z'), 5).toISOString()).toBe(
      '2032-06-30T04:00:00.000Z',
    );
    // 29 February: the term never ends early.
    expect(retentionEnds(new Date('2028-02-29T04:00:00Z'), 5).toISOString()).toBe(
      '2033-03-01T04:00:00.000Z',
    );
    expect(() => retentionEnds(new Date(), 0)).toThrowDomainError('ARCHIVE_RETENTION_INVALID');
  });

  it('lets a file be destroyed only on the shelf and after its retention', () => {
    const retainUntil = new Date('2032-06-30T04:00:00Z');
    const after = new Date('2032-07-01T00:00:00Z');
    expect(() =>
      assertDestructionAllowed({
        status: 'in-custody',
        retainUntil,
        now: new Date('2032-06-30T03:59:59Z'),
      }),
    ).toThrowDomainError('ARCHIVE_RETENTION_NOT_OVER');
    expect(() =>
      assertDestructionAllowed({ status: 'lent', retainUntil, now: after }),
    ).toThrowDomainError('ARCHIVE_FILE_LENT');
    expect(() =>
      assertDestructionAllowed({ status: 'destroyed', retainUntil, now: after }),
    ).toThrowDomainError('ARCHIVE_FILE_DESTROYED');
    expect(() =>
      assertDestructionAllowed({ status: 'in-custody', retainUntil, now: after }),
    ).not.toThrow();
  });

  it('moves a valuable out and back, releases it for good, and refuses anything else', () => {
    expect(valuableAfter('in-custody', 'out')).toBe('out');
    expect(valuableAfter('out', 'back')).toBe('in-custody');
    expect(valuableAfter('in-custody', 'released')).toBe('released');
    expect(() => valuableAfter('out', 'released')).toThrowDomainError(
      'VALUABLE_MOVEMENT_NOT_ALLOWED',
    );
    expect(() => valuableAfter('in-custody', 'back')).toThrowDomainError(
      'VALUABLE_MOVEMENT_NOT_ALLOWED',
    );
    expect(() => valuableAfter('released', 'out')).toThrowDomainError(
      'VALUABLE_MOVEMENT_NOT_ALLOWED',
    );
  });
});
