import {
  bureauBand,
  bureauRefreshDue,
  warningFromBureauChange,
  warningFromDishonestListing,
} from './early-warning-feeds';

const clean = { score: 760, overdueAccounts: 0, maxDaysOverdue: 0 };

describe('early-warning feeds', () => {
  it('raises nothing when the bureau has nothing worse to say', () => {
    expect(warningFromBureauChange(clean, clean)).toEqual({ level: null, reasons: [] });
    expect(warningFromBureauChange(clean, { ...clean, score: 790 }).level).toBeNull();
  });

  it('warns on new overdue elsewhere by how late it is: yellow, orange over 30 days, red over 90', () => {
    const overdue = (days: number) => ({ score: 760, overdueAccounts: 1, maxDaysOverdue: days });
    expect(warningFromBureauChange(clean, overdue(15)).level).toBe('yellow');
    expect(warningFromBureauChange(clean, overdue(30)).level).toBe('yellow');
    expect(warningFromBureauChange(clean, overdue(31)).level).toBe('orange');
    expect(warningFromBureauChange(clean, overdue(91)).level).toBe('red');
    expect(warningFromBureauChange(clean, overdue(91)).reasons[0]).toContain(
      'new overdue elsewhere',
    );
  });

  it('warns on a worse bureau band: one band yellow, two or into E orange', () => {
    expect(bureauBand(750)).toBe('A');
    expect(bureauBand(699)).toBe('C');
    expect(bureauBand(599)).toBe('E');
    expect(warningFromBureauChange(clean, { ...clean, score: 720 }).level).toBe('yellow');
    expect(warningFromBureauChange(clean, { ...clean, score: 660 }).level).toBe('orange');
    expect(warningFromBureauChange({ ...clean, score: 610 }, { ...clean, score: 590 }).level).toBe(
      'orange',
    );
  });

  it('takes the worse of the two signals', () => {
    const both = warningFromBureauChange(clean, {
      score: 720,
      overdueAccounts: 1,
      maxDaysOverdue: 45,
    });
    expect(both.level).toBe('orange');
    expect(both.reasons).toHaveLength(2);
  });

  it('puts a borrower on the dishonest-debtor list at red, a guarantor at orange', () => {
    expect(warningFromDishonestListing('applicant')).toBe('red');
    expect(warningFromDishonestListing('guarantor')).toBe('orange');
  });

  it('is due for a refresh the period after the last report, month ends clamped', () => {
    expect(bureauRefreshDue('2026-01-15', '2026-04-14', 3)).toBe(false);
    expect(bureauRefreshDue('2026-01-15', '2026-04-15', 3)).toBe(true);
    expect(bureauRefreshDue('2025-11-30', '2026-02-27', 3)).toBe(false);
    expect(bureauRefreshDue('2025-11-30', '2026-02-28', 3)).toBe(true);
  });
});
