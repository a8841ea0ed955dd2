import { monthly, paying } from './classification-facts.fixture';
import { RestructuringRecord } from './restructured-classification';
import { ProposalFacts, upgradeProposal } from './upgrade-proposal';
import { textMatching } from '@loanflow/test-support/expected-text';

// As in the upgrade spec: 24 monthly installments from 2024-01-15, 2 to 6 paid late on 2024-06-20
// with their penalty interest; every other one on its due date.
const record = monthly('2024-01-15', 24, (number, dueDate) =>
  number === 1 ? dueDate : number <= 6 ? '2024-06-20' : dueDate,
);

const facts = (asOf: string, more: Partial<ProposalFacts> = {}): ProposalFacts => ({
  asOf,
  installments: record,
  arrearsClearedOn: '2024-06-20',
  daysPastDue: 0,
  levelSince: '2024-05-16',
  ...more,
});

describe('upgradeProposal', () => {
  describe('a non-performing loan', () => {
    it('is proposed for special mention once the upgrade is earned, not before', () => {
      expect(upgradeProposal('substandard', facts('2024-12-19'))).toBeNull();
      const proposal = upgradeProposal('substandard', facts('2024-12-20'));
      expect(proposal).toEqual({
        proposed: 'special-mention',
        reason: textMatching(
          /^Upgrade earned: the arrears were paid in full on 2024-06-20; .* Proposed: substandard \(次级\) → special-mention \(关注\), one step out of non-performing; normal \(正常\) can follow on a later review\.$/,
        ),
      });
      expect(upgradeProposal('loss', facts('2024-12-20'))?.proposed).toBe('special-mention');
    });

    it('is not proposed while anything is overdue', () => {
      expect(upgradeProposal('substandard', facts('2024-12-20', { daysPastDue: 3 }))).toBeNull();
    });

    it('is not proposed while a restructured floor holds it at substandard', () => {
      const restructuring: RestructuringRecord = {
        kind: 'restructuring',
        appliedOn: '2024-06-20',
        levelBefore: 'substandard',
        installments: record.filter((i) => i.number >= 7),
      };
      expect(upgradeProposal('substandard', facts('2024-12-20', { restructuring }))).toBeNull();
      expect(upgradeProposal('substandard', facts('2025-07-15', { restructuring }))).toMatchObject({
        proposed: 'special-mention',
      });
    });
  });

  describe('a special-mention loan', () => {
    it('is not proposed for normal the day after it was approved for special mention', () => {
      expect(
        upgradeProposal('special-mention', facts('2024-12-21', { levelSince: '2024-12-20' })),
      ).toBeNull();
    });

    it('is proposed for normal after two installments and six months on time at that level', () => {
      const since = { levelSince: '2024-12-20' };
      expect(upgradeProposal('special-mention', facts('2025-06-19', since))).toBeNull();
      expect(upgradeProposal('special-mention', facts('2025-06-20', since))).toEqual({
        proposed: 'normal',
        reason:
          'the loan became special mention on 2024-12-20; installments 13 and 14 were then paid ' +
          'on time and six months had passed by 2025-06-20; nothing is overdue and no floor ' +
          'holds it at special-mention (关注). Proposed: special-mention (关注) → normal (正常); ' +
          'the review confirms that whatever else put it at special mention (a warning, an ' +
          'inspection finding) is resolved.',
      });
    });

    it('counts from the arrears cleared when they were cleared after it took the level', () => {
      const late = paying(record, { 9: '2024-09-25' });
      expect(
        upgradeProposal(
          'special-mention',
          facts('2025-03-24', {
            installments: late,
            arrearsClearedOn: '2024-09-25',
            levelSince: '2024-06-01',
          }),
        ),
      ).toBeNull();
      expect(
        upgradeProposal(
          'special-mention',
          facts('2025-03-25', {
            installments: late,
            arrearsClearedOn: '2024-09-25',
            levelSince: '2024-06-01',
          }),
        )?.proposed,
      ).toBe('normal');
    });

    it('is not proposed while restructured and under observation, and is once it ends', () => {
      const restructuring: RestructuringRecord = {
        kind: 'extension',
        appliedOn: '2024-03-10',
        levelBefore: 'normal',
        installments: monthly('2024-04-10', 24, undefined, 13),
      };
      const clean = monthly('2024-01-15', 24);
      const at = (asOf: string) =>
        upgradeProposal(
          'special-mention',
          facts(asOf, {
            installments: clean,
            arrearsClearedOn: null,
            levelSince: '2024-03-10',
            restructuring,
          }),
        );
      expect(at('2025-04-09')).toBeNull();
      expect(at('2025-04-10')?.proposed).toBe('normal');
    });

    it('is not proposed while anything is overdue', () => {
      expect(
        upgradeProposal(
          'special-mention',
          facts('2025-06-20', { daysPastDue: 1, levelSince: '2024-12-20' }),
        ),
      ).toBeNull();
    });
  });

  it('proposes nothing for a normal loan', () => {
    expect(upgradeProposal('normal', facts('2025-06-20'))).toBeNull();
  });
});
