import { JobTypeFilter } from './job-type-filter';

describe('JobTypeFilter', () => {
  it('serves every type for * or an empty list', () => {
    expect(JobTypeFilter.parse('*').matches('loan.disburse')).toBe(true);
    expect(JobTypeFilter.parse('').matches('collection.escalate')).toBe(true);
  });

  it('serves exact types and area prefixes only', () => {
    const filter = JobTypeFilter.parse('loan.*, credit.query-bureau');
    expect(filter.matches('loan.disburse')).toBe(true);
    expect(filter.matches('loan.open-ledger')).toBe(true);
    expect(filter.matches('credit.query-bureau')).toBe(true);
    expect(filter.matches('credit.score')).toBe(false);
    expect(filter.matches('loanx.disburse')).toBe(false);
  });

  it('refuses an entry that is neither a type nor a prefix', () => {
    expect(() => JobTypeFilter.parse('loan')).toThrow(/WORKER_TYPES entry "loan"/);
  });
});
