import { SYSTEM_ACTOR } from '@loanflow/audit';
import type { AuditAct } from '@loanflow/audit';
import { DomainError } from '@loanflow/domain';
import type { PublishRequest, ZeebeClient } from '@loanflow/workflow';
import type { Classified, LoanClassifier } from '../classification/loan-classifier';
import { UPGRADE_PROPOSED_MESSAGE } from '../servicing.contract';
import { DailyBookRecords, OpenProposal } from './daily-book-records';
import { DailyBookInput, DailyBookWorker } from './daily-book.worker';

/** 01:00 in Beijing on 3 May 2026, when the day's book runs. */
const AS_OF = '2026-05-02T17:00:00.000Z';
const DATE = '2026-05-03';

class FakeDailyBookRecords extends DailyBookRecords {
  /** The active loans, in id order. */
  active: string[] = [];
  legacy = new Set<string>();
  proposals = new Map<string, OpenProposal>();
  /** The trail, with the (loan, day) each refusal was kept under. */
  readonly skipped = new Map<string, AuditAct>();

  activeLoansAfter(cursor: string | null, limit: number): Promise<string[]> {
    return Promise.resolve(
      this.active.filter((id) => cursor === null || id > cursor).slice(0, limit),
    );
  }
  withLegacyDailyTimer(loanIds: readonly string[]): Promise<Set<string>> {
    return Promise.resolve(new Set(loanIds.filter((id) => this.legacy.has(id))));
  }
  openProposal(loanId: string): Promise<OpenProposal | null> {
    return Promise.resolve(this.proposals.get(loanId) ?? null);
  }
  recordSkippedOnce(loanId: string, date: string, act: AuditAct): Promise<void> {
    const key = `${loanId}:${date}`;
    if (!this.skipped.has(key)) this.skipped.set(key, act);
    return Promise.resolve();
  }
}

function book(register: FakeDailyBookRecords, rule: (loanId: string) => Classified | Error) {
  const ruled: [string, boolean][] = [];
  const classifier = {
    classifyAndReassess: (loanId: string, _at: Date, date: string, propose: boolean) => {
      expect(date).toBe(DATE);
      ruled.push([loanId, propose]);
      const outcome = rule(loanId);
      return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
    },
  } as unknown as LoanClassifier;
  const published: PublishRequest[] = [];
  const zeebe = {
    publishMessage: (message: PublishRequest) =>
      Promise.resolve(void published.push(message)).then(() => ({ key: '1' })),
  } as unknown as ZeebeClient;
  const worker = new DailyBookWorker(register, classifier, zeebe);
  const chunk = (cursor: string | null, chunkSize: number) =>
    worker.handle(Object.assign(new DailyBookInput(), { asOf: AS_OF, cursor, chunkSize }));
  return { ruled, published, chunk };
}

const normal: Classified = { classification: 'normal', daysPastDue: 0 };
const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `LN20260101-${String(i).padStart(6, '0')}`);

describe('one chunk of the day’s book (servicing.daily-book)', () => {
  it('rules the next loans after the cursor and says where the next chunk starts', async () => {
    const register = new FakeDailyBookRecords();
    register.active = ids(7);
    const { ruled, chunk } = book(register, () => normal);
    expect(await chunk(null, 5)).toEqual({
      cursor: register.active[4],
      bookDone: false,
      loansRuled: 5,
      loansSkipped: 0,
    });
    expect(await chunk(register.active[4], 5)).toEqual({
      cursor: register.active[6],
      bookDone: true,
      loansRuled: 2,
      loansSkipped: 0,
    });
    expect(ruled.map(([id]) => id)).toEqual(register.active);
  });

  it('ends the book on an empty chunk, keeping the cursor it was given', async () => {
    const register = new FakeDailyBookRecords();
    expect(await book(register, () => normal).chunk('LN20260101-000009', 5)).toEqual({
      cursor: 'LN20260101-000009',
      bookDone: true,
      loansRuled: 0,
      loansSkipped: 0,
    });
  });

  it('publishes an earned upgrade once a day by its id; a loan on the legacy timer proposes in its own instance', async () => {
    const register = new FakeDailyBookRecords();
    register.active = ids(2);
    const [current, legacy] = register.active as [string, string];
    register.legacy.add(legacy);
    const upgrade = { proposed: 'normal' as const, reason: 'six months paid on time' };
    const { ruled, published, chunk } = book(register, () => ({
      ...normal,
      systemUpgrade: upgrade,
    }));
    await chunk(null, 5);
    expect(ruled).toEqual([
      [current, true],
      [legacy, false],
    ]);
    expect(published).toEqual([
      {
        name: UPGRADE_PROPOSED_MESSAGE,
        correlationKey: current,
        messageId: `${UPGRADE_PROPOSED_MESSAGE}:${current}:${DATE}`,
        timeToLive: 24 * 3_600_000,
        variables: { systemUpgrade: upgrade },
      },
    ]);
  });

  it('publishes today’s proposal left on the loan by a delivery that failed before publishing, not an older one', async () => {
    const register = new FakeDailyBookRecords();
    register.active = ids(2);
    const [today, older] = register.active as [string, string];
    register.proposals.set(today, { proposedOn: DATE, proposedLevel: 'normal' });
    register.proposals.set(older, { proposedOn: '2026-04-20', proposedLevel: 'special-mention' });
    const { published, chunk } = book(register, () => normal);
    await chunk(null, 5);
    expect(published.map((m) => [m.correlationKey, m.variables])).toEqual([
      [
        today,
        {
          systemUpgrade: {
            proposed: 'normal',
            reason: `proposed on ${DATE} (the reason is in the loan's audit trail)`,
          },
        },
      ],
    ]);
  });

  it('skips a loan whose records the rule refuses, once on its trail, and rules the rest', async () => {
    const register = new FakeDailyBookRecords();
    register.active = ids(6);
    const bad = register.active[2];
    const refusal = new DomainError(
      'CLASSIFICATION_HISTORY_AHEAD',
      'a level is dated after the day judged',
    );
    const { ruled, chunk } = book(register, (id) => (id === bad ? refusal : normal));
    expect(await chunk(null, 10)).toMatchObject({ loansRuled: 5, loansSkipped: 1, bookDone: true });
    await chunk(null, 10);
    expect(ruled).toHaveLength(12);
    expect([...register.skipped]).toEqual([
      [
        `${bad}:${DATE}`,
        {
          actor: SYSTEM_ACTOR,
          action: 'loan.classify',
          outcome: 'refused',
          loanKey: bad,
          reason: `daily book of ${DATE} skipped the loan: CLASSIFICATION_HISTORY_AHEAD: a level is dated after the day judged`,
        },
      ],
    ]);
  });

  it('fails the chunk, to be tried again, when the database is away', async () => {
    const register = new FakeDailyBookRecords();
    register.active = ids(3);
    const { chunk } = book(register, () => new Error('connect ECONNREFUSED 127.0.0.1:3306'));
    await expect(chunk(null, 10)).rejects.toThrow('ECONNREFUSED');
    expect(register.skipped.size).toBe(0);
  });
});
