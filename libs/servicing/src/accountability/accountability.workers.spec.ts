import { staffActor, SYSTEM_ACTOR } from '@loanflow/audit';
import type { AuditAct } from '@loanflow/audit';
import { AccountabilityFacts, buildAccountabilityDossier } from '@loanflow/domain';
import type { LoanFile, LoanRecords } from '@loanflow/loans';
import { AccountabilityCaseEntity, LoanEntity } from '@loanflow/persistence';
import { NonRetryableJobError } from '@loanflow/workflow';
import { LOAN, servicedLoanRecords } from '../requests/loan-request-records.fixture';
import { AccountabilityRecords, AccountabilityTransaction } from './accountability-records';
import {
  BuildDossierWorker,
  RecordDecisionInput,
  RecordDecisionWorker,
} from './accountability.workers';

const AS_OF = '2027-06-01T02:00:00.000Z';

/** A loan whose inspection came late and whose approver decided below the level it needed. */
const FACTS: AccountabilityFacts = {
  customerManager: 'li.cm',
  acts: [
    { duty: 'application', username: 'li.cm' },
    { duty: 'review', username: 'wang.rv' },
    { duty: 'approval', username: 'zhao.ap' },
    { duty: 'inspection', username: 'zhou.pl' },
  ],
  documents: { required: ['income-proof'], handedIn: ['income-proof'] },
  approvals: [{ username: 'zhao.ap', level: 'branch', requiredLevel: 'center', final: true }],
  inspections: [
    { number: 1, dueOn: '2026-06-15', completedOn: '2026-07-02', inspector: 'zhou.pl' },
  ],
  episodes: [],
  asOf: '2027-06-01',
};

/** Accountability cases in memory; the facts of every loan are FACTS. */
class FakeAccountabilityRecords extends AccountabilityRecords {
  cases: AccountabilityCaseEntity[] = [];
  audited: AuditAct[] = [];
  factsAsked: string[] = [];

  caseOf(loanId: string) {
    return Promise.resolve(this.cases.find((row) => row.loanId === loanId) ?? null);
  }
  writeOffOf() {
    return Promise.resolve(null);
  }

  async transaction<T>(work: (tx: AccountabilityTransaction) => Promise<T>): Promise<T> {
    const cases = this.cases.map((row) => ({ ...row }));
    const audited = [...this.audited];
    const now = <R>(run: () => R): Promise<R> => Promise.resolve(run());
    const result = await work({
      caseOf: (loanId) => now(() => cases.find((row) => row.loanId === loanId) ?? null),
      facts: (loan: LoanEntity, asOf) =>
        now(() => {
          this.factsAsked.push(`${loan.id}@${asOf}`);
          return FACTS;
        }),
      open: (row) =>
        now(
          () =>
            void cases.push(
              Object.assign(new AccountabilityCaseEntity(), {
                ...row,
                decisionJson: null,
                decidedBy: null,
                decidedAt: null,
              }),
            ),
        ),
      decideIfOpen: (loanId, decision) =>
        now(() => {
          const open = cases.find((row) => row.loanId === loanId && row.decidedAt === null);
          if (open) Object.assign(open, decision);
          return open !== undefined;
        }),
      audit: (act) => now(() => void audited.push(act)),
    });
    this.cases = cases;
    this.audited = audited;
    return result;
  }
}

describe('the accountability dossier of a written-off loan (accountability.build-dossier)', () => {
  const { loan, parties } = servicedLoanRecords({ status: 'written-off' });
  const records = {
    fileForJob: () =>
      Promise.resolve({ loan, applicant: parties[0], guarantors: parties.slice(1) } as LoanFile),
  } as unknown as LoanRecords;
  const built = buildAccountabilityDossier(FACTS);

  it('builds it from the record as of the engine’s day, keeps it and names who needs a finding', async () => {
    const register = new FakeAccountabilityRecords();
    const answer = await new BuildDossierWorker(register, records).handle({
      loanId: LOAN,
      asOf: AS_OF,
    });
    expect(register.factsAsked).toEqual([`${LOAN}@2027-06-01`]);
    expect(answer.accountabilityDossier).toEqual(built);
    expect(answer.accountabilityGaps).toBe(built.gaps.length);
    expect(built.gaps.map((gap) => gap.code).sort()).toEqual([
      'above-authority',
      'late-inspection',
    ]);
    expect(answer.loan).toMatchObject({ accountableActors: built.actors.map((a) => a.username) });
    expect(register.cases).toEqual([
      expect.objectContaining({
        loanId: LOAN,
        dossierJson: JSON.stringify(built),
        builtAt: new Date(AS_OF),
      }),
    ]);
    expect(register.audited).toEqual([
      expect.objectContaining({
        actor: SYSTEM_ACTOR,
        action: 'accountability.dossier',
        loanKey: LOAN,
        reason: expect.stringMatching(/^dossier built: \d+ people named, 2 gap\(s\): /) as string,
      }),
    ]);
  });

  it('returns the dossier already kept when the job is delivered again, building nothing', async () => {
    const register = new FakeAccountabilityRecords();
    const worker = new BuildDossierWorker(register, records);
    const first = await worker.handle({ loanId: LOAN, asOf: AS_OF });
    const again = await worker.handle({ loanId: LOAN, asOf: '2027-06-09T02:00:00.000Z' });
    expect(again).toEqual(first);
    expect(register.factsAsked).toHaveLength(1);
    expect(register.audited).toHaveLength(1);
  });
});

describe('the committee’s accountability decision (accountability.record-decision)', () => {
  const findings = [
    {
      username: 'zhao.ap',
      decision: 'responsible' as const,
      consequence: 'warning' as const,
      reasons: '越权审批',
    },
    { username: 'zhou.pl', decision: 'exempt' as const, reasons: '已尽职，延误因客户失联' },
  ];
  const decide = (register: FakeAccountabilityRecords) =>
    new RecordDecisionWorker(register).handle(
      Object.assign(new RecordDecisionInput(), {
        loanId: LOAN,
        asOf: AS_OF,
        accountabilityDecision: { findings, by: 'qian.cm' },
      }),
    );

  function withCase() {
    const register = new FakeAccountabilityRecords();
    register.cases.push(
      Object.assign(new AccountabilityCaseEntity(), {
        loanId: LOAN,
        dossierJson: '{}',
        builtAt: new Date(AS_OF),
        decisionJson: null,
        decidedBy: null,
        decidedAt: null,
      }),
    );
    return register;
  }

  it('keeps the decision with the case and puts each finding on the trail as the committee’s', async () => {
    const register = withCase();
    await decide(register);
    expect(register.cases[0]).toMatchObject({
      decisionJson: JSON.stringify({ findings }),
      decidedBy: 'qian.cm',
      decidedAt: new Date(AS_OF),
    });
    expect(register.audited).toEqual([
      {
        actor: staffActor('qian.cm', 'committee-member'),
        action: 'accountability.decide',
        outcome: 'ok',
        loanKey: LOAN,
        reason: 'zhao.ap: responsible (warning): 越权审批',
      },
      {
        actor: staffActor('qian.cm', 'committee-member'),
        action: 'accountability.decide',
        outcome: 'ok',
        loanKey: LOAN,
        reason: 'zhou.pl: exempt (尽职免责): 已尽职，延误因客户失联',
      },
    ]);
  });

  it('records it once however often the job is delivered', async () => {
    const register = withCase();
    await decide(register);
    await decide(register);
    expect(register.audited).toHaveLength(2);
  });

  it('fails without retry when the loan has no case', async () => {
    await expect(decide(new FakeAccountabilityRecords())).rejects.toThrow(
      new NonRetryableJobError(`loan ${LOAN} has no accountability case`),
    );
  });
});
