import { LoanClass } from './classification';
import { monthly, paying } from './classification-facts.fixture';
import {
  RestructuredFacts,
  restructuredFloor,
  restructuredState,
} from './restructured-classification';

// Restructured on 2024-03-10: the new terms are 24 monthly installments, numbered 13 to 36 after
// the original twelve, the first falling due on 2024-04-10. Each is paid on its due date unless a
// spec says otherwise.
const newTerms = monthly('2024-04-10', 24, undefined, 13);

const facts = (
  asOf: string,
  changes: Record<number, string | null> = {},
  more: Partial<RestructuredFacts> = {},
): RestructuredFacts => ({
  kind: 'restructuring',
  appliedOn: '2024-03-10',
  levelBefore: 'normal',
  installments: paying(newTerms, changes),
  asOf,
  daysPastDue: 0,
  ...more,
});

describe('restructured loans (重组资产)', () => {
  describe('the floor from the level before', () => {
    it.each<[LoanClass, LoanClass]>([
      ['normal', 'special-mention'],
      ['special-mention', 'special-mention'],
      ['substandard', 'substandard'],
      ['doubtful', 'substandard'],
      ['loss', 'substandard'],
    ])('puts a loan restructured from %s at least at %s', (before, floor) => {
      expect(restructuredFloor(before)).toBe(floor);
      expect(restructuredState(facts('2024-03-20', {}, { levelBefore: before })).floor).toBe(floor);
    });

    it('puts a loan restructured again while under observation (再次重组) at least at substandard', () => {
      expect(restructuredFloor('normal', true)).toBe('substandard');
      const state = restructuredState(facts('2024-03-20', {}, { whileInObservation: true }));
      expect(state.floor).toBe('substandard');
      expect(state.reasons[0]).toBe(
        'Restructured (重组) on 2024-03-10 while an earlier restructuring was still under ' +
          'observation (再次重组): at least substandard (次级) until observation ends',
      );
    });

    it('counts an extension (展期) as a restructuring', () => {
      const state = restructuredState(facts('2024-03-20', {}, { kind: 'extension' }));
      expect(state).toMatchObject({ inObservation: true, floor: 'special-mention' });
      expect(state.reasons[0]).toBe(
        'Extended (展期, a restructuring) on 2024-03-10 from normal (正常): at least ' +
          'special-mention (关注) until observation ends',
      );
    });
  });

  describe('the observation period (观察期)', () => {
    it('starts on the first payment date under the new terms', () => {
      const state = restructuredState(facts('2024-03-20'));
      expect(state).toEqual({
        inObservation: true,
        observationStartedOn: '2024-04-10',
        observationEndsOnEarliest: '2025-04-10',
        floor: 'special-mention',
        reasons: [
          'Restructured (重组) on 2024-03-10 from normal (正常): at least special-mention (关注) ' +
            'until observation ends',
          'observation (观察期) starts on 2024-04-10, the first payment date under the new terms; ' +
            'it ends on 2025-04-10 at the earliest, with installments 13–25 (at least 2 ' +
            'consecutive) paid in full on or before their due dates and 12 months since 2024-04-10',
        ],
      });
    });

    it('is still in force at 11 months with 12 installments paid on time', () => {
      expect(restructuredState(facts('2025-03-10'))).toMatchObject({
        inObservation: true,
        observationStartedOn: '2024-04-10',
        observationEndsOnEarliest: '2025-04-10',
        floor: 'special-mention',
      });
    });

    it('is still in force at 12 months with only one installment under the new terms', () => {
      const sparse = [
        { number: 13, dueDate: '2024-04-10', paidOn: '2024-04-10' },
        { number: 14, dueDate: '2025-07-10', paidOn: null },
        { number: 15, dueDate: '2026-10-10', paidOn: null },
      ];
      const state = restructuredState({ ...facts('2025-04-10'), installments: sparse });
      expect(state).toMatchObject({
        inObservation: true,
        observationStartedOn: '2024-04-10',
        observationEndsOnEarliest: '2025-07-10',
        floor: 'special-mention',
      });
      expect(
        restructuredState({
          ...facts('2025-07-10'),
          installments: [sparse[0], { ...sparse[1], paidOn: '2025-07-10' }, sparse[2]],
        }),
      ).toMatchObject({ inObservation: false, floor: 'normal' });
    });

    it('is still in force on its last day until the installment due that day is paid', () => {
      expect(restructuredState(facts('2025-04-10', { 25: null }))).toMatchObject({
        inObservation: true,
        observationEndsOnEarliest: '2025-04-10',
      });
    });

    it('ends after a year and two consecutive installments paid on time: the floor no longer applies', () => {
      const state = restructuredState(facts('2025-04-10'));
      expect(state).toMatchObject({
        inObservation: false,
        observationStartedOn: '2024-04-10',
        observationEndsOnEarliest: '2025-04-10',
        floor: 'normal',
      });
      expect(state.reasons[1]).toBe(
        'Observation ended on 2025-04-10: installments 13–25 (at least 2 consecutive) paid in ' +
          'full on or before their due dates and 12 months since 2024-04-10. The restructured ' +
          'floor no longer applies; a better level follows the upgrade rules and needs an ' +
          'approved review',
      );
      // A loan non-performing before the restructuring is released the same way.
      expect(restructuredState(facts('2025-06-01', {}, { levelBefore: 'doubtful' }))).toMatchObject(
        { inObservation: false, floor: 'normal' },
      );
    });

    it('does not end while anything is overdue (arrears from before the restructuring)', () => {
      const state = restructuredState(facts('2025-04-20', {}, { daysPastDue: 12 }));
      expect(state).toMatchObject({ inObservation: true, floor: 'special-mention' });
      expect(state.reasons[1]).toMatch(
        /it cannot end while arrears that fell due before that day are unpaid \(12 days past due now\)$/,
      );
      // A payment missed after observation ended does not bring the mark back.
      expect(
        restructuredState(facts('2025-06-20', { 27: null }, { daysPastDue: 10 })),
      ).toMatchObject({ inObservation: false, floor: 'normal' });
    });
  });

  describe('a failure during observation', () => {
    it('restarts observation after a missed payment and puts the loan at least at substandard', () => {
      // Installment 17, due 2024-08-10, paid on 2024-08-25: observation restarts on 2024-09-10.
      const state = restructuredState(facts('2024-10-01', { 17: '2024-08-25' }));
      expect(state).toEqual({
        inObservation: true,
        observationStartedOn: '2024-09-10',
        observationEndsOnEarliest: '2025-09-10',
        floor: 'substandard',
        reasons: [
          'Restructured (重组) on 2024-03-10 from normal (正常): at least special-mention (关注) ' +
            'until observation ends',
          'installment 17 (due 2024-08-10) was not paid in full when due (paid on 2024-08-25): ' +
            'observation restarts (重新计算观察期) from the first payment date after it is paid',
          'observation (观察期) restarted on 2024-09-10, the first payment date after the missed ' +
            'installment was paid; it ends on 2025-09-10 at the earliest, with installments 18–30 ' +
            '(at least 2 consecutive) paid in full on or before their due dates and 12 months ' +
            'since 2024-09-10',
          'a payment under the new terms was missed during observation: at least substandard (次级)',
        ],
      });
      expect(restructuredState(facts('2025-04-10', { 17: '2024-08-25' }))).toMatchObject({
        inObservation: true,
        floor: 'substandard',
      });
      expect(restructuredState(facts('2025-09-10', { 17: '2024-08-25' }))).toMatchObject({
        inObservation: false,
        floor: 'normal',
      });
    });

    it('waits for a missed installment to be paid before observation can restart', () => {
      const state = restructuredState(facts('2024-08-20', { 17: null }, { daysPastDue: 10 }));
      expect(state).toMatchObject({
        inObservation: true,
        observationStartedOn: null,
        observationEndsOnEarliest: null,
        floor: 'substandard',
      });
      expect(state.reasons[1]).toBe(
        'installment 17 (due 2024-08-10) was not paid in full when due and is still unpaid: ' +
          'observation restarts (重新计算观察期) from the first payment date after it is paid',
      );
    });

    it('restarts from the last cure when a later installment was also paid late', () => {
      // 17 paid late on 2024-08-25, 18 (due 2024-09-10) paid late on 2024-09-12: from 2024-10-10.
      expect(
        restructuredState(facts('2024-12-01', { 17: '2024-08-25', 18: '2024-09-12' })),
      ).toMatchObject({
        observationStartedOn: '2024-10-10',
        observationEndsOnEarliest: '2025-10-10',
        floor: 'substandard',
      });
      // 17 paid on 2024-09-20 together with 18, already due then: 18 is late too.
      expect(
        restructuredState(facts('2024-12-01', { 17: '2024-09-20', 18: '2024-09-20' })),
      ).toMatchObject({ observationStartedOn: '2024-10-10', floor: 'substandard' });
      // 17 paid late on 2024-09-20 while 18, due 2024-09-10, is still unpaid: no start yet.
      const waiting = restructuredState(
        facts('2024-10-01', { 17: '2024-09-20', 18: null }, { daysPastDue: 21 }),
      );
      expect(waiting).toMatchObject({
        observationStartedOn: null,
        observationEndsOnEarliest: null,
        floor: 'substandard',
      });
      expect(waiting.reasons).toContain(
        'installment 18 (due 2024-09-10) also fell due before then and is still unpaid: ' +
          'observation restarts once it is paid',
      );
    });

    it('puts a loan more than 90 days past due during observation at least at substandard', () => {
      // The new installments are paid; the arrears left from before the restructuring are not.
      const at90 = restructuredState(facts('2024-07-01', {}, { daysPastDue: 90 }));
      expect(at90.floor).toBe('special-mention');
      const at91 = restructuredState(facts('2024-07-01', {}, { daysPastDue: 91 }));
      expect(at91).toMatchObject({ inObservation: true, floor: 'substandard' });
      expect(at91.reasons).toContain(
        '91 days past due during observation (more than 90): at least substandard (次级)',
      );
    });

    it('restarts observation when a review finds the difficulty unresolved before it ends', () => {
      const state = restructuredState(
        facts('2025-04-20', {}, { difficultyUnresolvedOn: '2025-04-05' }),
      );
      expect(state).toMatchObject({
        inObservation: true,
        observationStartedOn: '2025-04-10',
        observationEndsOnEarliest: '2026-04-10',
        floor: 'special-mention',
      });
      expect(state.reasons[1]).toBe(
        "On 2025-04-05 a review found the borrower's financial difficulty not resolved: " +
          'observation restarts from the first payment date after it',
      );
      // A finding after observation has ended does not re-open it.
      expect(
        restructuredState(facts('2025-04-20', {}, { difficultyUnresolvedOn: '2025-04-15' })),
      ).toMatchObject({ inObservation: false, floor: 'normal' });
    });

    it('keeps the mark when no installment is left to observe', () => {
      const short = monthly('2024-04-10', 3, undefined, 13);
      const state = restructuredState({
        ...facts('2024-06-20', { 15: '2024-06-15' }),
        installments: paying(short, { 15: '2024-06-15' }),
      });
      expect(state).toMatchObject({
        inObservation: true,
        observationStartedOn: null,
        floor: 'substandard',
      });
      expect(state.reasons[state.reasons.length - 2]).toBe(
        'no installment under the new terms falls due after 2024-06-15: the restructured mark ' +
          'stays until the loan is settled',
      );
    });
  });

  it('refuses facts it cannot read', () => {
    expect(() => restructuredState(facts('2024-03-01'))).toThrowDomainError(
      'CLASSIFICATION_FACTS_INVALID',
    );
    expect(() =>
      restructuredState(facts('2024-05-01', {}, { appliedOn: '2024-04-10' })),
    ).toThrowDomainError('CLASSIFICATION_FACTS_INVALID');
    expect(() =>
      restructuredState(facts('2024-05-01', {}, { installments: [] })),
    ).toThrowDomainError('CLASSIFICATION_FACTS_INVALID');
    expect(() =>
      restructuredState(facts('2024-05-01', {}, { kind: 'refinance' as 'extension' })),
    ).toThrowDomainError('CLASSIFICATION_FACTS_INVALID');
    expect(() =>
      restructuredState(facts('2024-05-01', {}, { daysPastDue: -1 })),
    ).toThrowDomainError('DAYS_PAST_DUE_INVALID');
    expect(() =>
      restructuredState(facts('2024-05-01', {}, { levelBefore: 'fine' as LoanClass })),
    ).toThrowDomainError('CLASSIFICATION_INVALID');
  });
});
