import { AuditAct, SYSTEM_ACTOR } from '@loanflow/audit';
import { classificationFloor, InstallmentRecord, LoanClass } from '@loanflow/domain';
import { LoanEntity } from '@loanflow/persistence';
import { NonRetryableJobError } from '@loanflow/workflow';
import { InMemoryTransactions } from '@loanflow/test-support/in-memory-transactions';
import type { CollectionBands } from '../collection/collection-bands';
import type { ClassificationFacts } from './classification-facts';
import {
  ClassificationChange,
  ClassificationRecords,
  ClassificationTransaction,
} from './classification-records';
import { LoanClassifier } from './loan-classifier';

const LOAN = 'LN20240115-4QW7ZP';
/** The business day judged: Friday 20 June 2025, 10:00 in Beijing. */
const DATE = '2025-06-20';
const AT = new Date('2025-06-20T02:00:00.000Z');

/** Where the loan stands on its ledger, as the fake reads the facts from it. */
interface Position {
  daysPastDue: number;
  /** YYYY-MM-DD, the day the loan took its current level. */
  levelSince: string;
  arrearsClearedOn: string | null;
}

interface State {
  loans: Record<string, LoanEntity>;
  positions: Record<string, Position>;
  classified: ClassificationChange[];
  audited: AuditAct[];
}

/**
 * Twenty-four monthly installments from 15 January 2024, each paid on its due date once that day
 * has come.
 */
function paidOnTime(asOf: string): InstallmentRecord[] {
  return Array.from({ length: 24 }, (_, index) => {
    const dueDate = new Date(Date.UTC(2024, index, 15)).toISOString().slice(0, 10);
    return { number: index + 1, dueDate, paidOn: dueDate <= asOf ? dueDate : null };
  });
}

/**
 * The register in memory: one disbursed loan, normal, paying on time. The facts are read as the
 * SQL reads them, through the domain's floor, from the position the spec gives the loan. A failed
 * classification leaves nothing behind.
 */
class FakeClassificationRecords extends ClassificationRecords {
  readonly register: InMemoryTransactions<State>;
  /** Thrown by the next audit append inside a transaction. */
  auditFailure: Error | null = null;

  constructor(loan: Partial<LoanEntity> = {}, position: Partial<Position> = {}) {
    super();
    this.register = new InMemoryTransactions<State>(
      {
        loans: {
          [LOAN]: Object.assign(new LoanEntity(), {
            id: LOAN,
            status: 'disbursed',
            classification: 'normal',
            upgradeProposalOpen: false,
            upgradeProposedOn: null,
            upgradeProposedLevel: null,
            ...loan,
          }),
        },
        positions: {
          [LOAN]: { daysPastDue: 0, levelSince: '2024-01-15', arrearsClearedOn: null, ...position },
        },
        classified: [],
        audited: [],
      },
      (state) => structuredClone(state),
    );
  }

  get state(): State {
    return this.register.state;
  }

  get loan(): LoanEntity | undefined {
    return this.state.loans[LOAN];
  }

  transaction<T>(work: (tx: ClassificationTransaction) => Promise<T>): Promise<T> {
    return this.register.run((s) => work(this.inTransaction(s)));
  }

  private inTransaction(s: State): ClassificationTransaction {
    return {
      lockLoan: async (loanId) => s.loans[loanId] ?? null,
      facts: async (loan, asOf): Promise<ClassificationFacts> => {
        const position = s.positions[loan.id];
        if (!position) throw new Error(`no position of ${loan.id}`);
        const { daysPastDue, levelSince, arrearsClearedOn } = position;
        return {
          asOf,
          current: loan.classification as LoanClass,
          daysPastDue,
          floor: classificationFloor({ asOf, daysPastDue }),
          record: {
            asOf,
            installments: paidOnTime(asOf),
            arrearsClearedOn,
            nonPerformingSince: null,
            daysPastDue,
            levelSince,
            restructuring: null,
          },
        };
      },
      classify: async (change) => {
        const loan = s.loans[change.loanId];
        if (loan) loan.classification = change.to;
        s.classified.push(change);
      },
      openProposal: async (loanId, proposal) => {
        const loan = s.loans[loanId];
        if (!loan) return;
        loan.upgradeProposalOpen = true;
        loan.upgradeProposedOn = proposal.proposedOn;
        loan.upgradeProposedLevel = proposal.level;
      },
      audit: async (act) => {
        if (this.auditFailure) throw this.auditFailure;
        s.audited.push(act);
      },
    };
  }
}

function classifierOver(records = new FakeClassificationRecords()) {
  const reassessed: [string, string, Date][] = [];
  const bands = {
    reassess: async (loanId: string, today: string, now: Date) => {
      reassessed.push([loanId, today, now]);
      return { outcome: 'no-episode' };
    },
  } as unknown as CollectionBands;
  return { classifier: new LoanClassifier(records, bands), records, reassessed };
}

/** A special-mention loan since 20 December 2024 that has paid every installment on time. */
const earnedNormal = (loan: Partial<LoanEntity> = {}) =>
  new FakeClassificationRecords(
    { classification: 'special-mention', ...loan },
    { levelSince: '2024-12-20' },
  );

describe('the classification rule (LoanClassifier)', () => {
  describe('the floor', () => {
    it('puts an overdue loan at its floor by the system, then reassesses its collection band', async () => {
      const { classifier, records, reassessed } = classifierOver(
        new FakeClassificationRecords({}, { daysPastDue: 95 }),
      );
      const classified = await classifier.classifyAndReassess(LOAN, AT, DATE, false);
      expect(classified).toEqual({ classification: 'substandard', daysPastDue: 95 });
      expect(records.loan?.classification).toBe('substandard');
      expect(records.state.classified).toEqual([
        {
          loanId: LOAN,
          from: 'normal',
          to: 'substandard',
          daysPastDue: 95,
          source: 'rule',
          reason: 'on 2025-06-20 the floor is 次级: 95 days past due: at least substandard (次级)',
          actor: SYSTEM_ACTOR,
          at: AT,
        },
      ]);
      expect(reassessed).toEqual([[LOAN, DATE, AT]]);
    });

    it('never makes a loan better: a doubtful loan with nothing overdue stays doubtful', async () => {
      const { classifier, records, reassessed } = classifierOver(
        new FakeClassificationRecords({ classification: 'doubtful' }),
      );
      const classified = await classifier.classifyAndReassess(LOAN, AT, DATE, false);
      expect(classified).toEqual({ classification: 'doubtful', daysPastDue: 0 });
      expect(records.state.classified).toEqual([]);
      expect(records.loan?.classification).toBe('doubtful');
      expect(reassessed).toHaveLength(1);
    });

    it('changes nothing when repeated on the same day', async () => {
      const { classifier, records } = classifierOver(
        new FakeClassificationRecords({}, { daysPastDue: 12 }),
      );
      const first = await classifier.classifyAndReassess(LOAN, AT, DATE, false);
      const again = await classifier.classifyAndReassess(LOAN, AT, DATE, false);
      expect(again).toEqual(first);
      expect(first.classification).toBe('special-mention');
      expect(records.state.classified).toHaveLength(1);
    });

    it('fails the job for good on a loan the register does not have, reassessing nothing', async () => {
      const { classifier, records, reassessed } = classifierOver();
      const missing = classifier.classifyAndReassess('LN20260101-AAAAAA', AT, DATE, true);
      await expect(missing).rejects.toBeInstanceOf(NonRetryableJobError);
      await expect(missing).rejects.toThrow(
        'loan LN20260101-AAAAAA does not exist in the loan register',
      );
      expect(records.state.classified).toEqual([]);
      expect(reassessed).toEqual([]);
    });
  });

  describe('the system’s upgrade proposal', () => {
    it('proposes an earned better level for the risk manager, one open at a time', async () => {
      const { classifier, records } = classifierOver(earnedNormal());
      const classified = await classifier.classifyAndReassess(LOAN, AT, DATE, true);
      expect(classified).toEqual({
        classification: 'special-mention',
        daysPastDue: 0,
        systemUpgrade: {
          proposed: 'normal',
          reason: expect.stringMatching(
            /^the loan became special mention on 2024-12-20; /,
          ) as unknown,
        },
      });
      expect(records.loan).toMatchObject({
        classification: 'special-mention',
        upgradeProposalOpen: true,
        upgradeProposedOn: DATE,
        upgradeProposedLevel: 'normal',
      });
      expect(records.state.audited).toEqual([
        {
          actor: SYSTEM_ACTOR,
          action: 'classification.propose',
          outcome: 'ok',
          loanKey: LOAN,
          reason: expect.stringMatching(
            /^special-mention → normal \(正常\) proposed for the risk manager's approval: the loan became special mention on 2024-12-20; /,
          ) as unknown,
        },
      ]);
      expect(records.state.classified).toEqual([]);

      const again = await classifier.classifyAndReassess(LOAN, AT, DATE, true);
      expect(again.systemUpgrade).toBeNull();
      expect(records.state.audited).toHaveLength(1);
    });

    it('looks for none unless asked, nor for a loan no longer in servicing', async () => {
      const unasked = classifierOver(earnedNormal());
      const classified = await unasked.classifier.classifyAndReassess(LOAN, AT, DATE, false);
      expect(classified).not.toHaveProperty('systemUpgrade');
      expect(unasked.records.loan?.upgradeProposalOpen).toBe(false);

      const settled = classifierOver(earnedNormal({ status: 'settled' }));
      const closed = await settled.classifier.classifyAndReassess(LOAN, AT, DATE, true);
      expect(closed).toEqual({ classification: 'special-mention', daysPastDue: 0 });
      expect(settled.records.state.audited).toEqual([]);
    });

    it('waits 30 days after a proposal before proposing again', async () => {
      const within = classifierOver(earnedNormal({ upgradeProposedOn: '2025-05-22' }));
      expect(
        (await within.classifier.classifyAndReassess(LOAN, AT, DATE, true)).systemUpgrade,
      ).toBeNull();
      expect(within.records.loan).toMatchObject({
        upgradeProposalOpen: false,
        upgradeProposedOn: '2025-05-22',
      });
      expect(within.records.state.audited).toEqual([]);

      const after = classifierOver(earnedNormal({ upgradeProposedOn: '2025-05-21' }));
      expect(
        (await after.classifier.classifyAndReassess(LOAN, AT, DATE, true)).systemUpgrade,
      ).toMatchObject({ proposed: 'normal' });
      expect(after.records.loan).toMatchObject({
        upgradeProposalOpen: true,
        upgradeProposedOn: DATE,
      });
    });

    it('proposes nothing the record does not yet allow, writing nothing', async () => {
      const { classifier, records } = classifierOver(
        new FakeClassificationRecords(
          { classification: 'special-mention' },
          { levelSince: '2025-06-01' },
        ),
      );
      const classified = await classifier.classifyAndReassess(LOAN, AT, DATE, true);
      expect(classified).toEqual({
        classification: 'special-mention',
        daysPastDue: 0,
        systemUpgrade: null,
      });
      expect(records.loan?.upgradeProposalOpen).toBe(false);
      expect(records.state.audited).toEqual([]);
    });

    it('opens no proposal whose trail entry fails, and reassesses nothing', async () => {
      const records = earnedNormal();
      records.auditFailure = new Error('connection reset');
      const { classifier, reassessed } = classifierOver(records);
      await expect(classifier.classifyAndReassess(LOAN, AT, DATE, true)).rejects.toThrow(
        'connection reset',
      );
      expect(records.loan).toMatchObject({ upgradeProposalOpen: false, upgradeProposedOn: null });
      expect(reassessed).toEqual([]);
    });
  });
});
