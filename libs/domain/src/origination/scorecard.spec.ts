import { gradeFor, scoreApplication, ScorecardInput } from './scorecard';

/** 280 + 120 + 100 + 60 + 80 + 50 + 0 = 690 points. */
const steadyEarner: ScorecardInput = {
  bureauScore: 720,
  overdueAccounts: 0,
  maxDaysOverdue: 0,
  inquiriesLast6Months: 2,
  debtToIncome: '0.35',
  age: 35,
  guaranteeType: 'credit',
};
const pointsWith = (changes: Partial<ScorecardInput>) =>
  scoreApplication({ ...steadyEarner, ...changes }).points;
/** Points for each value in turn, to show a factor's direction. */
const pointsAcross = <K extends keyof ScorecardInput>(field: K, values: ScorecardInput[K][]) =>
  values.map((value) => pointsWith({ [field]: value }));
const strictlyDecreasing = (points: number[]) =>
  points.every((value, i) => i === 0 || value < points[i - 1]);

describe('application scorecard (申请评分卡)', () => {
  it('adds up the factors and explains each one', () => {
    const card = scoreApplication(steadyEarner);
    expect(card.points).toBe(690);
    expect(card.grade).toBe('B');
    expect(card.factors).toEqual([
      { factor: 'bureau-score', points: 280, note: 'bureau score 720 (700–749)' },
      { factor: 'overdue-accounts', points: 120, note: 'no account overdue now' },
      { factor: 'max-days-overdue', points: 100, note: 'worst delinquency 0 days (never overdue)' },
      { factor: 'inquiries', points: 60, note: '2 credit inquiries in 6 months' },
      { factor: 'debt-to-income', points: 80, note: 'debt-to-income 0.35' },
      { factor: 'age', points: 50, note: 'age 35' },
      { factor: 'guarantee', points: 0, note: 'secured by credit' },
    ]);
  });

  it('grades A at 700 points and above', () => {
    const mortgaged = scoreApplication({ ...steadyEarner, guaranteeType: 'mortgage' });
    expect(mortgaged.points).toBe(770);
    expect(mortgaged.grade).toBe('A');
    expect(scoreApplication({ ...steadyEarner, guaranteeType: 'guarantor' })).toMatchObject({
      points: 730,
      grade: 'A',
    });
  });

  it('grades C and D as the record worsens', () => {
    // 230 + 120 + 100 + 30 + 30 + 50 + 0 = 560
    expect(
      scoreApplication({
        ...steadyEarner,
        bureauScore: 660,
        inquiriesLast6Months: 4,
        debtToIncome: '0.45',
      }),
    ).toMatchObject({ points: 560, grade: 'C' });
    // 100 + 50 + 0 + 0 − 20 + 50 + 0 = 180
    expect(
      scoreApplication({
        ...steadyEarner,
        bureauScore: 580,
        overdueAccounts: 1,
        maxDaysOverdue: 45,
        inquiriesLast6Months: 7,
        debtToIncome: '0.55',
      }),
    ).toMatchObject({ points: 180, grade: 'D' });
  });

  it('cuts grades exactly at the thresholds', () => {
    expect([700, 699, 600, 599, 480, 479, -310].map(gradeFor)).toEqual([
      'A',
      'B',
      'B',
      'C',
      'C',
      'D',
      'D',
    ]);
  });

  it('gives more points for a better bureau score', () => {
    const points = pointsAcross('bureauScore', [900, 750, 749, 700, 650, 600, 550, 549, 300]);
    expect(points).toEqual([730, 730, 690, 690, 640, 580, 510, 440, 440]);
  });

  it('takes points for each account overdue now', () => {
    expect(strictlyDecreasing(pointsAcross('overdueAccounts', [0, 1, 2, 3]))).toBe(true);
    expect(pointsWith({ overdueAccounts: 3 })).toBe(pointsWith({ overdueAccounts: 9 }));
  });

  it('takes the most for a past default beyond 90 days', () => {
    const points = pointsAcross('maxDaysOverdue', [0, 1, 30, 31, 90, 91]);
    expect(points).toEqual([690, 650, 650, 590, 590, 440]);
  });

  it('takes points for credit hunger (many inquiries)', () => {
    expect(strictlyDecreasing(pointsAcross('inquiriesLast6Months', [2, 3, 6, 10]))).toBe(true);
    expect(pointsWith({ inquiriesLast6Months: 0 })).toBe(pointsWith({ inquiriesLast6Months: 2 }));
  });

  it('takes points as debt-to-income rises, and most when there is no income', () => {
    const points = pointsAcross('debtToIncome', [
      '0.10',
      '0.3000',
      '0.3001',
      '0.40',
      '0.50',
      '0.60',
      '0.61',
    ]);
    expect(points).toEqual([730, 730, 690, 690, 640, 590, 510]);
    expect(pointsWith({ debtToIncome: null })).toBe(510);
    expect(scoreApplication({ ...steadyEarner, debtToIncome: null }).factors[4].note).toBe(
      'no verifiable income',
    );
  });

  it('favours the middle years of working life', () => {
    expect(pointsAcross('age', [18, 24, 25, 50, 51, 55, 56, 70])).toEqual([
      670, 670, 690, 690, 670, 670, 650, 650,
    ]);
  });

  it('gives points for security, most for a mortgage', () => {
    expect(pointsAcross('guaranteeType', ['mortgage', 'pledge', 'guarantor', 'credit'])).toEqual([
      770, 760, 730, 690,
    ]);
  });

  it('refuses impossible inputs, naming the field', () => {
    expect(() => pointsWith({ bureauScore: 950 })).toThrowDomainError('SCORECARD_INPUT_INVALID', {
      details: { field: 'bureauScore' },
    });
    expect(() => pointsWith({ bureauScore: 299 })).toThrowDomainError('SCORECARD_INPUT_INVALID', {
      details: { field: 'bureauScore' },
    });
    expect(() => pointsWith({ overdueAccounts: -1 })).toThrowDomainError(
      'SCORECARD_INPUT_INVALID',
      { details: { field: 'overdueAccounts' } },
    );
    expect(() => pointsWith({ maxDaysOverdue: 1.5 })).toThrowDomainError(
      'SCORECARD_INPUT_INVALID',
      { details: { field: 'maxDaysOverdue' } },
    );
    expect(() => pointsWith({ debtToIncome: '35%' })).toThrowDomainError(
      'SCORECARD_INPUT_INVALID',
      { details: { field: 'debtToIncome' } },
    );
    expect(() => pointsWith({ debtToIncome: '-0.1' })).toThrowDomainError(
      'SCORECARD_INPUT_INVALID',
      { details: { field: 'debtToIncome' } },
    );
    expect(() =>
      pointsWith({ guaranteeType: 'promise' as unknown as ScorecardInput['guaranteeType'] }),
    ).toThrowDomainError('SCORECARD_INPUT_INVALID', { details: { field: 'guaranteeType' } });
  });
});
