import { dailyRule, LoanClass } from './classification';
import {
  assertNotBelowFloor,
  classificationFloor,
  dailyRuleWithHistory,
  FloorResult,
} from './classification-floor';
import { monthly } from './classification-facts.fixture';
import { RestructuringRecord } from './restructured-classification';

const restructuring: RestructuringRecord = {
  kind: 'restructuring',
  appliedOn: '2024-03-10',
  levelBefore: 'normal',
  installments: monthly('2024-04-10', 24, undefined, 13),
};

describe('the one floor the daily rule applies', () => {
  it('is the days-past-due floor for a loan never restructured', () => {
    expect(classificationFloor({ asOf: '2024-06-01', daysPastDue: 0 })).toEqual({
      floor: 'normal',
      reasons: ['Nothing overdue: no floor from days past due'],
      restructured: null,
    });
    expect(classificationFloor({ asOf: '2024-06-01', daysPastDue: 95 })).toMatchObject({
      floor: 'substandard',
      reasons: ['95 days past due: at least substandard (次级)'],
    });
  });

  it('is the restructured floor when that is worse', () => {
    const result = classificationFloor({ asOf: '2024-06-01', daysPastDue: 0, restructuring });
    expect(result.floor).toBe('special-mention');
    expect(result.restructured).toMatchObject({ inObservation: true });
    expect(result.reasons[1]).toMatch(/^Restructured \(重组\) on 2024-03-10 from normal/);
    expect(
      classificationFloor({
        asOf: '2024-06-01',
        daysPastDue: 0,
        restructuring: { ...restructuring, levelBefore: 'substandard' },
      }).floor,
    ).toBe('substandard');
  });

  it('is the days-past-due floor when that is worse', () => {
    expect(classificationFloor({ asOf: '2024-06-01', daysPastDue: 280, restructuring }).floor).toBe(
      'doubtful',
    );
  });

  it('drops the restructured floor once observation has ended', () => {
    const result = classificationFloor({ asOf: '2025-04-10', daysPastDue: 0, restructuring });
    expect(result).toMatchObject({ floor: 'normal', restructured: { inObservation: false } });
  });

  it('refuses a day or days past due it cannot read', () => {
    expect(() => classificationFloor({ asOf: '2024-02-30', daysPastDue: 0 })).toThrowDomainError(
      'CLASSIFICATION_FACTS_INVALID',
    );
    expect(() => classificationFloor({ asOf: '2024-06-01', daysPastDue: 1.5 })).toThrowDomainError(
      'DAYS_PAST_DUE_INVALID',
    );
  });
});

describe('dailyRuleWithHistory', () => {
  const floorOf = (asOf: string, daysPastDue: number, levelBefore: LoanClass = 'normal') =>
    classificationFloor({ asOf, daysPastDue, restructuring: { ...restructuring, levelBefore } });

  it('moves a loan down to a worse floor at once', () => {
    expect(dailyRuleWithHistory('normal', floorOf('2024-06-01', 0))).toBe('special-mention');
    expect(dailyRuleWithHistory('special-mention', floorOf('2024-06-01', 91))).toBe('substandard');
    expect(dailyRuleWithHistory('normal', floorOf('2024-06-01', 0, 'doubtful'))).toBe(
      'substandard',
    );
  });

  it('never lifts a loan, not even when observation ends', () => {
    expect(dailyRuleWithHistory('special-mention', floorOf('2025-04-10', 0))).toBe(
      'special-mention',
    );
    expect(dailyRuleWithHistory('doubtful', floorOf('2024-06-01', 0, 'substandard'))).toBe(
      'doubtful',
    );
  });

  it.each([0, 45, 120, 300, 400])(
    'agrees with dailyRule for a loan never restructured, %i days past due',
    (days) => {
      for (const current of [
        'normal',
        'special-mention',
        'substandard',
        'doubtful',
        'loss',
      ] as const) {
        expect(
          dailyRuleWithHistory(
            current,
            classificationFloor({ asOf: '2024-06-01', daysPastDue: days }),
          ),
        ).toBe(dailyRule(current, days));
      }
    },
  );
});

describe('assertNotBelowFloor', () => {
  const inObservation: FloorResult = classificationFloor({
    asOf: '2024-06-01',
    daysPastDue: 0,
    restructuring: { ...restructuring, levelBefore: 'substandard' },
  });

  it('refuses a level better than the floor, with every reason', () => {
    const call = () => assertNotBelowFloor('special-mention', inObservation);
    expect(call).toThrowDomainError('CLASSIFICATION_BELOW_FLOOR', {
      detailsIncluding: { floor: 'substandard', proposed: 'special-mention' },
    });
    expect(call).toThrow(
      /^The loan is at least substandard \(次级\); special-mention \(关注\) is below it\. Nothing overdue/,
    );
  });

  it('allows the floor or worse', () => {
    expect(() => assertNotBelowFloor('substandard', inObservation)).not.toThrow();
    expect(() => assertNotBelowFloor('loss', inObservation)).not.toThrow();
  });
});
