import { LoanClass } from './classification';
import {
  APPROVAL_RULE,
  assertUpgradeAllowed,
  nonPerformingUpgrade,
  NPL_UPGRADE_RULE,
  UpgradeFacts,
} from './classification-upgrade';
import { monthly, paying } from './classification-facts.fixture';
import { InstallmentRecord } from './repayment-record';

// 24 monthly installments from 2024-01-15. Installment 1 paid on time; 2 to 6 fell behind (over
// 90 days by mid-May: substandard) and were paid with their penalty interest on 2024-06-20; from 7
// on each is paid on its due date unless a spec says otherwise.
const record = monthly('2024-01-15', 24, (number, dueDate) =>
  number === 1 ? dueDate : number <= 6 ? '2024-06-20' : dueDate,
);

const facts = (
  asOf: string,
  changes: Record<number, string | null> = {},
  more: Partial<UpgradeFacts> = {},
): UpgradeFacts => ({
  current: 'substandard',
  asOf,
  installments: paying(record, changes),
  arrearsClearedOn: '2024-06-20',
  ...more,
});

describe('upgrade of a non-performing loan (不良资产上调)', () => {
  describe('arrears cleared on 2024-06-20: installments 7 and 8 and six months, whichever is longer', () => {
    it('is not earned after one on-time installment', () => {
      const verdict = nonPerformingUpgrade(facts('2024-07-20'));
      expect(verdict).toMatchObject({
        earned: false,
        earliestOn: '2024-12-20',
        rule: NPL_UPGRADE_RULE,
      });
      expect(verdict.reason).toBe(
        'Upgrade not yet earned: the arrears were paid in full on 2024-06-20; installment 7 ' +
          'paid on time, installment 8 (due 2024-08-15) still to come; the rule is met on ' +
          '2024-12-20 if every installment falling due until then is paid in full by its due date.',
      );
    });

    it('is not earned after two on-time installments inside six months: earliest six months on', () => {
      expect(nonPerformingUpgrade(facts('2024-08-20'))).toMatchObject({
        earned: false,
        earliestOn: '2024-12-20',
      });
      expect(nonPerformingUpgrade(facts('2024-12-19'))).toMatchObject({
        earned: false,
        earliestOn: '2024-12-20',
      });
    });

    it('is earned on the day six months have passed, both installments and all since on time', () => {
      const verdict = nonPerformingUpgrade(facts('2024-12-20'));
      expect(verdict).toMatchObject({ earned: true, earliestOn: '2024-12-20' });
      expect(verdict.reason).toBe(
        'Upgrade earned: the arrears were paid in full on 2024-06-20; installments 7 and 8 were ' +
          'then paid on time and six months had passed by 2024-12-20; the approving review must ' +
          'also judge the borrower able to keep paying and find no other impaired asset of the ' +
          'borrower with the bank.',
      );
    });

    it('waits for the second installment when it falls due after six months (the longer)', () => {
      // Installments five months apart: the second after the clearing falls due past six months.
      const sparse: InstallmentRecord[] = [
        { number: 1, dueDate: '2024-01-10', paidOn: '2024-03-01' },
        { number: 2, dueDate: '2024-06-10', paidOn: '2024-06-10' },
        { number: 3, dueDate: '2024-11-10', paidOn: '2024-11-10' },
        { number: 4, dueDate: '2025-04-10', paidOn: null },
      ];
      const at = (asOf: string) =>
        nonPerformingUpgrade({
          current: 'doubtful',
          asOf,
          installments: sparse,
          arrearsClearedOn: '2024-03-01',
        });
      expect(at('2024-09-01')).toMatchObject({ earned: false, earliestOn: '2024-11-10' });
      expect(at('2024-11-09')).toMatchObject({ earned: false, earliestOn: '2024-11-10' });
      expect(at('2024-11-10')).toMatchObject({ earned: true, earliestOn: '2024-11-10' });
    });
  });

  describe('a late or missed installment in the period', () => {
    it('restarts the count from the day a late installment was paid', () => {
      const late = { 9: '2024-09-25' };
      const verdict = nonPerformingUpgrade(facts('2024-12-20', late));
      expect(verdict).toMatchObject({ earned: false, earliestOn: '2025-03-25' });
      expect(verdict.reason).toContain(
        'installment 9 (due 2024-09-15) was paid late, on 2024-09-25, which restarted the count; ' +
          'installments 10 and 11 paid on time; the rule is met on 2025-03-25',
      );
      expect(nonPerformingUpgrade(facts('2025-03-24', late)).earned).toBe(false);
      expect(nonPerformingUpgrade(facts('2025-03-25', late)).earned).toBe(true);
    });

    it('counts from the later day its penalty interest was paid, when the record says so', () => {
      expect(
        nonPerformingUpgrade(
          facts('2024-12-20', { 9: '2024-09-25' }, { arrearsClearedOn: '2024-10-05' }),
        ),
      ).toMatchObject({ earned: false, earliestOn: '2025-04-05' });
    });

    it('names no day while an installment is unpaid', () => {
      const verdict = nonPerformingUpgrade(facts('2024-10-01', { 9: null }));
      expect(verdict).toMatchObject({ earned: false, earliestOn: null });
      expect(verdict.reason).toBe(
        'Upgrade not yet earned: installment 9 (due 2024-09-15) is unpaid on 2024-10-01: the ' +
          'arrears must be paid in full before the on-time count can begin.',
      );
    });

    it('does not count an installment due today as missed until the day ends', () => {
      expect(nonPerformingUpgrade(facts('2024-09-15', { 9: null }))).toMatchObject({
        earned: false,
        earliestOn: '2024-12-20',
      });
    });

    it('reads the record as it stood on asOf: a later payment does not count yet', () => {
      expect(
        nonPerformingUpgrade(facts('2024-06-19', {}, { arrearsClearedOn: null })),
      ).toMatchObject({ earned: false, earliestOn: null });
    });

    it('waits for the penalty interest when late installments have no clearing day recorded', () => {
      const verdict = nonPerformingUpgrade(facts('2024-12-20', {}, { arrearsClearedOn: null }));
      expect(verdict).toMatchObject({ earned: false, earliestOn: null });
      expect(verdict.reason).toContain('penalty interest (罚息)');
    });
  });

  describe('where the count starts and ends', () => {
    it('clamps six months to the end of a shorter month', () => {
      const cleared = (n: number, due: string) => (n <= 8 ? '2024-08-31' : due);
      expect(
        nonPerformingUpgrade({
          current: 'substandard',
          asOf: '2024-10-20',
          installments: monthly('2024-01-15', 24, cleared),
          arrearsClearedOn: '2024-08-31',
        }),
      ).toMatchObject({ earned: false, earliestOn: '2025-02-28' });
    });

    it('does not count an installment falling due on the day the arrears were cleared', () => {
      const cleared = (n: number, due: string) => (n === 1 ? due : n <= 7 ? '2024-07-15' : due);
      const verdict = nonPerformingUpgrade({
        current: 'substandard',
        asOf: '2025-01-15',
        installments: monthly('2024-01-15', 24, cleared),
        arrearsClearedOn: '2024-07-15',
      });
      expect(verdict).toMatchObject({ earned: true, earliestOn: '2025-01-15' });
      expect(verdict.reason).toContain('installments 8 and 9 were then paid on time');
    });

    it('counts from the day the loan became non-performing when that is later', () => {
      const verdict = nonPerformingUpgrade(
        facts('2024-12-20', {}, { nonPerformingSince: '2024-09-01' }),
      );
      expect(verdict).toMatchObject({ earned: false, earliestOn: '2025-03-01' });
      expect(verdict.reason).toContain('the loan became non-performing on 2024-09-01');
    });

    it('needs a day to count from for a loan never in arrears', () => {
      const clean = monthly('2024-01-15', 24);
      expect(
        nonPerformingUpgrade({
          current: 'substandard',
          asOf: '2024-12-20',
          installments: clean,
          arrearsClearedOn: null,
        }),
      ).toMatchObject({ earned: false, earliestOn: null });
      expect(
        nonPerformingUpgrade({
          current: 'substandard',
          asOf: '2024-12-20',
          installments: clean,
          arrearsClearedOn: null,
          nonPerformingSince: '2024-03-01',
        }),
      ).toMatchObject({ earned: true, earliestOn: '2024-09-01' });
    });

    it('cannot be earned when fewer than two installments are left', () => {
      const cleared = (n: number, due: string) => (n <= 23 ? '2025-11-20' : due);
      const verdict = nonPerformingUpgrade({
        current: 'loss',
        asOf: '2025-12-01',
        installments: monthly('2024-01-15', 24, cleared),
        arrearsClearedOn: '2025-11-20',
      });
      expect(verdict).toMatchObject({ earned: false, earliestOn: null });
      expect(verdict.reason).toContain('only 1 installment falls due after that day');
    });
  });

  it.each<LoanClass>(['normal', 'special-mention'])(
    'leaves a %s loan to the approval rule',
    (current) => {
      expect(nonPerformingUpgrade({ ...facts('2024-07-01'), current })).toMatchObject({
        earned: true,
        earliestOn: null,
        rule: APPROVAL_RULE,
      });
    },
  );

  it('refuses facts it cannot read', () => {
    expect(() =>
      nonPerformingUpgrade(facts('2024-06-01', {}, { arrearsClearedOn: '2024-06-20' })),
    ).toThrowDomainError('CLASSIFICATION_FACTS_INVALID');
    expect(() => nonPerformingUpgrade(facts('2024-13-01'))).toThrowDomainError(
      'CLASSIFICATION_FACTS_INVALID',
    );
    expect(() =>
      nonPerformingUpgrade({ ...facts('2024-12-20'), installments: [record[0], record[0]] }),
    ).toThrowDomainError('CLASSIFICATION_FACTS_INVALID');
    expect(() =>
      nonPerformingUpgrade({
        ...facts('2024-12-20'),
        installments: [record[1], { ...record[0], number: 3 }],
      }),
    ).toThrowDomainError('CLASSIFICATION_FACTS_INVALID');
    expect(() =>
      nonPerformingUpgrade({ ...facts('2024-12-20'), installments: [] }),
    ).toThrowDomainError('CLASSIFICATION_FACTS_INVALID');
    expect(() =>
      nonPerformingUpgrade({ ...facts('2024-12-20'), current: 'bad' as LoanClass }),
    ).toThrowDomainError('CLASSIFICATION_INVALID');
  });
});

describe('assertUpgradeAllowed', () => {
  const { current: _current, ...record2024 } = facts('2024-08-20');

  it('refuses a non-performing loan moved up before the rule is met, naming the rule and the day', () => {
    const call = () => assertUpgradeAllowed('substandard', 'special-mention', record2024);
    expect(call).toThrowDomainError('UPGRADE_NOT_EARNED', {
      details: { rule: NPL_UPGRADE_RULE, earliestOn: '2024-12-20' },
    });
    expect(call).toThrow(
      /^A substandard \(次级\) loan cannot move up to special-mention \(关注\) under the rule 不良资产上调/,
    );
    expect(call).toThrow(/It can be earned on 2024-12-20 at the earliest\.$/);
    expect(() => assertUpgradeAllowed('loss', 'normal', record2024)).toThrowDomainError(
      'UPGRADE_NOT_EARNED',
    );
  });

  it('says when no day can be named yet', () => {
    const { current: _c, ...unpaid } = facts('2024-10-01', { 9: null });
    expect(() => assertUpgradeAllowed('doubtful', 'special-mention', unpaid)).toThrowDomainError(
      'UPGRADE_NOT_EARNED',
      { details: { rule: NPL_UPGRADE_RULE, earliestOn: null }, message: /No day can be named yet/ },
    );
  });

  it('allows it once earned, to special mention or normal', () => {
    const { current: _c, ...earned } = facts('2024-12-20');
    expect(() => assertUpgradeAllowed('substandard', 'special-mention', earned)).not.toThrow();
    expect(() => assertUpgradeAllowed('doubtful', 'normal', earned)).not.toThrow();
  });

  it('leaves other moves to the approval rule and the floors', () => {
    const { current: _c, ...unpaid } = facts('2024-10-01', { 9: null });
    expect(() => assertUpgradeAllowed('doubtful', 'substandard', unpaid)).not.toThrow();
    expect(() => assertUpgradeAllowed('special-mention', 'normal', unpaid)).not.toThrow();
    expect(() => assertUpgradeAllowed('normal', 'loss', unpaid)).not.toThrow();
    expect(() => assertUpgradeAllowed('substandard', 'substandard', unpaid)).not.toThrow();
  });
});
