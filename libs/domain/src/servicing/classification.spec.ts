import {
  dailyRule,
  floorForDaysPastDue,
  isNonPerforming,
  LOAN_CLASS_NAMES,
  LOAN_CLASSES,
  LoanClass,
  reclassify,
  ReclassificationSource,
} from './classification';

const SOURCES: ReclassificationSource[] = ['rule', 'inspection', 'warning', 'manual'];

describe('five-level classification (五级分类)', () => {
  it('orders the levels best to worst with their Chinese names', () => {
    expect(LOAN_CLASSES.map((level) => LOAN_CLASS_NAMES[level])).toEqual([
      '正常',
      '关注',
      '次级',
      '可疑',
      '损失',
    ]);
  });

  it('counts substandard and worse as non-performing (不良)', () => {
    expect(LOAN_CLASSES.filter(isNonPerforming)).toEqual(['substandard', 'doubtful', 'loss']);
  });

  it.each([
    [0, 'normal'],
    [1, 'special-mention'],
    [90, 'special-mention'],
    [91, 'substandard'],
    [270, 'substandard'],
    [271, 'doubtful'],
    [360, 'doubtful'],
    [361, 'loss'],
    [2000, 'loss'],
  ])('floors a loan %i days past due at %s', (days, level) => {
    expect(floorForDaysPastDue(days)).toBe(level);
  });

  it.each([-1, 1.5, Number.NaN])('refuses %p days past due', (days) => {
    expect(() => floorForDaysPastDue(days)).toThrowDomainError('DAYS_PAST_DUE_INVALID');
  });

  describe('daily rule', () => {
    it('moves a loan down to the floor when the floor is worse', () => {
      expect(dailyRule('normal', 45)).toBe('special-mention');
      expect(dailyRule('special-mention', 91)).toBe('substandard');
    });

    it('never lifts a loan, even once the arrears are cured', () => {
      expect(dailyRule('substandard', 0)).toBe('substandard');
      expect(dailyRule('doubtful', 100)).toBe('doubtful');
      expect(dailyRule('normal', 0)).toBe('normal');
    });
  });

  describe('reclassify', () => {
    it.each(SOURCES)('applies a worse level at once when the source is %s', (source) => {
      expect(reclassify('normal', 'substandard', source, { daysPastDue: 10 })).toEqual({
        from: 'normal',
        to: 'substandard',
        source,
        direction: 'worse',
        applies: true,
        needsApproval: false,
        level: 'substandard',
      });
    });

    it.each(SOURCES)('holds a better level for approval when the source is %s', (source) => {
      const decision = reclassify('substandard', 'special-mention', source, { daysPastDue: 0 });
      expect(decision).toMatchObject({
        direction: 'better',
        applies: false,
        needsApproval: true,
        level: 'substandard',
      });
    });

    it('applies a better level once a review approves it', () => {
      const decision = reclassify('substandard', 'normal', 'manual', {
        daysPastDue: 0,
        approved: true,
      });
      expect(decision).toMatchObject({ applies: true, needsApproval: false, level: 'normal' });
    });

    it('refuses a level better than the floor, even approved', () => {
      const call = () =>
        reclassify('substandard', 'special-mention', 'inspection', {
          daysPastDue: 120,
          approved: true,
        });
      expect(call).toThrowDomainError('CLASSIFICATION_BELOW_FLOOR');
      expect(call).toThrow(/at least substandard \(次级\)/);
    });

    it('refuses a worse level that still sits below the floor', () => {
      expect(() =>
        reclassify('normal', 'special-mention', 'warning', { daysPastDue: 200 }),
      ).toThrowDomainError('CLASSIFICATION_BELOW_FLOOR');
    });

    it('changes nothing when the proposed level is the current one', () => {
      expect(reclassify('doubtful', 'doubtful', 'rule', { daysPastDue: 300 })).toMatchObject({
        direction: 'unchanged',
        applies: false,
        needsApproval: false,
        level: 'doubtful',
      });
    });

    it('refuses an unknown level or source', () => {
      expect(() =>
        reclassify('normal', 'bad' as LoanClass, 'manual', { daysPastDue: 0 }),
      ).toThrowDomainError('CLASSIFICATION_INVALID');
      expect(() =>
        reclassify('normal', 'loss', 'gut-feeling' as ReclassificationSource, { daysPastDue: 0 }),
      ).toThrowDomainError('CLASSIFICATION_INVALID');
    });
  });
});
