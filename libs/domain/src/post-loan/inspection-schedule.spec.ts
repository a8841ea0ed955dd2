import { inspectionIntervalMonths, planNextInspection } from './inspection-schedule';

describe('post-loan inspection schedule (贷后检查)', () => {
  const consumer = {
    product: 'consumer' as const,
    riskGrade: 'B' as const,
    classification: 'normal' as const,
    disbursedOn: '2027-01-15',
  };

  it('plans the first inspection the product’s days after disbursement, handed out 7 days before', () => {
    expect(planNextInspection({ ...consumer, previousDueOn: null }, '2027-01-15')).toEqual({
      kind: 'first',
      dueOn: '2027-02-14',
      opensOn: '2027-02-07',
      intervalMonths: null,
    });
    // A business loan is looked at sooner: its funds are the easiest to divert.
    expect(
      planNextInspection({ ...consumer, product: 'business', previousDueOn: null }, '2027-01-15')
        .dueOn,
    ).toBe('2027-01-30');
  });

  it('then every 6 months for a normal consumer loan, counted from the previous due date', () => {
    expect(planNextInspection({ ...consumer, previousDueOn: '2027-02-14' }, '2027-02-20')).toEqual({
      kind: 'periodic',
      dueOn: '2027-08-14',
      opensOn: '2027-08-07',
      intervalMonths: 6,
    });
  });

  it('inspects riskier grades and worse classifications more often', () => {
    expect(inspectionIntervalMonths('consumer', 'A', 'normal')).toBe(6);
    expect(inspectionIntervalMonths('housing', 'B', 'normal')).toBe(12);
    expect(inspectionIntervalMonths('housing', 'C', 'normal')).toBe(3);
    expect(inspectionIntervalMonths('consumer', 'D', 'normal')).toBe(1);
    expect(inspectionIntervalMonths('housing', 'A', 'special-mention')).toBe(3);
    expect(inspectionIntervalMonths('consumer', 'A', 'substandard')).toBe(1);
    expect(inspectionIntervalMonths('consumer', null, 'loss')).toBe(1);
  });

  it('never plans one due sooner than the lead time, and never hands one out in the past', () => {
    // The previous one was reported very late: the next is due a week from today, open today.
    expect(
      planNextInspection(
        { ...consumer, classification: 'substandard', previousDueOn: '2027-02-14' },
        '2027-05-01',
      ),
    ).toEqual({ kind: 'periodic', dueOn: '2027-05-08', opensOn: '2027-05-01', intervalMonths: 1 });
    // Planned late for the first one: handed out at once.
    expect(planNextInspection({ ...consumer, previousDueOn: null }, '2027-02-10').opensOn).toBe(
      '2027-02-10',
    );
  });

  it('refuses a date it cannot read, naming the field', () => {
    expect(() =>
      planNextInspection({ ...consumer, previousDueOn: '14/02/2027' }, '2027-02-20'),
    ).toThrowDomainError('INSPECTION_PLAN_INVALID', { details: { field: 'previousDueOn' } });
  });
});

describe('key customers (重点客户) are inspected more often', () => {
  const normal = {
    product: 'consumer' as const,
    riskGrade: 'B' as const,
    classification: 'normal' as const,
    disbursedOn: '2027-01-15',
    previousDueOn: '2027-02-14',
  };

  it('caps the periodic interval at the list entry’s months, never lengthening a shorter one', () => {
    expect(planNextInspection(normal, '2027-02-20')).toMatchObject({
      dueOn: '2027-08-14',
      intervalMonths: 6,
    });
    expect(planNextInspection({ ...normal, keyCustomerMonths: 3 }, '2027-02-20')).toMatchObject({
      dueOn: '2027-05-14',
      opensOn: '2027-05-07',
      intervalMonths: 3,
    });
    // Substandard already means monthly: the list does not make it less frequent.
    expect(inspectionIntervalMonths('consumer', 'B', 'substandard', 3)).toBe(1);
    expect(inspectionIntervalMonths('housing', 'A', 'normal', 6)).toBe(6);
  });

  it('leaves the first inspection to the product', () => {
    expect(
      planNextInspection({ ...normal, previousDueOn: null, keyCustomerMonths: 1 }, '2027-01-15')
        .dueOn,
    ).toBe('2027-02-14');
  });
});
