import { reportTransition } from './report';
import { assertKeyCustomerInterval, keyCustomerInspectionMonths } from './key-customer';

describe('reports of suspicious activity (举报): their handling', () => {
  it('moves forward, notes progress at the same status, and closes with an outcome', () => {
    expect(() => reportTransition('received', 'investigating', null)).not.toThrow();
    expect(() => reportTransition('investigating', 'investigating', null)).not.toThrow();
    expect(() => reportTransition('investigating', 'closed', 'substantiated')).not.toThrow();
    expect(() => reportTransition('received', 'closed', 'unsubstantiated')).not.toThrow();
  });

  it('refuses going back, reopening, closing without an outcome or an outcome before closing', () => {
    expect(() => reportTransition('investigating', 'received', null)).toThrowDomainError(
      'REPORT_STATUS_BACKWARDS',
      { details: { field: 'status' } },
    );
    expect(() => reportTransition('closed', 'investigating', null)).toThrowDomainError(
      'REPORT_CLOSED',
    );
    expect(() => reportTransition('received', 'closed', null)).toThrowDomainError(
      'REPORT_OUTCOME_REQUIRED',
      { details: { field: 'outcome' } },
    );
    expect(() => reportTransition('received', 'investigating', 'referred')).toThrowDomainError(
      'REPORT_OUTCOME_TOO_EARLY',
      { details: { field: 'outcome' } },
    );
  });
});

describe('key customers (重点客户): the inspection interval', () => {
  it('takes 1 to 6 whole months', () => {
    expect(() => assertKeyCustomerInterval(3)).not.toThrow();
    for (const bad of [0, 7, 1.5])
      expect(() => assertKeyCustomerInterval(bad)).toThrowDomainError(
        'KEY_CUSTOMER_INTERVAL_INVALID',
        { details: { field: 'inspectionMonths' } },
      );
  });

  it('applies the shortest interval among the entries in force, none when unlisted', () => {
    expect(keyCustomerInspectionMonths([])).toBeNull();
    expect(keyCustomerInspectionMonths([{ inspectionMonths: 3 }, { inspectionMonths: 2 }])).toBe(2);
  });
});
