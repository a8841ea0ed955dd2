import type { AuditAct, AuditActor } from '@loanflow/audit';
import type { DutyRecord, LoanParties } from '@loanflow/domain';
import type { Directory, Principal, UnitScope } from '@loanflow/identity';
import { UserTaskEntity } from '@loanflow/persistence';
import { InMemoryTransactions } from '@loanflow/test-support/in-memory-transactions';
import { staffPrincipal } from '@loanflow/test-support/principals';
import type { DutyFacts, DutyFactsReader } from '../api/duty-facts';
import { AssignmentTransaction, TaskAssignmentRecords } from './task-assignment-records';
import { TaskAssignments } from './task-assignments';

const LOAN = 'LN20270310-HZ0001';
const APPLICANT_ID = '330106199001011234';
const RELATIVE_ID = '330106196502024321';

/** The org tree: head office above the Hangzhou branch, and its sub-branch below it. */
const PATHS: Record<string, string> = {
  HO: '/HO/',
  'BR-HZ': '/HO/BR-HZ/',
  'SUB-HZ': '/HO/BR-HZ/SUB-HZ/',
  'BR-NB': '/HO/BR-NB/',
};
const SCOPES: Record<string, UnitScope> = {
  HO: { all: true, unitCodes: [] },
  'BR-HZ': { all: false, unitCodes: ['BR-HZ', 'SUB-HZ'] },
  'SUB-HZ': { all: false, unitCodes: ['SUB-HZ'] },
  'BR-NB': { all: false, unitCodes: ['BR-NB'] },
};

const person = (username: string, roles: Principal['roles'], unit: string): Principal =>
  staffPrincipal(username, roles, unit, PATHS[unit]);
const wang = person('wang.reviewer', ['reviewer'], 'BR-HZ');
const qian = person('qian.reviewer', ['reviewer'], 'SUB-HZ');
const sun = person('sun.reviewer', ['reviewer'], 'BR-NB');
const li = person('li.cm', ['customer-manager'], 'BR-HZ');
const lu = person('lu.committee', ['committee-member'], 'HO');
const zhao = person('zhao.collector', ['collection-officer'], 'BR-HZ');

const CHEN: AuditActor = { username: 'chen.mgr', roles: ['center-manager'], orgUnitCode: 'BR-HZ' };

function task(id: string, over: Partial<UserTaskEntity> = {}): UserTaskEntity {
  return Object.assign(new UserTaskEntity(), {
    id,
    formKey: 'loanflow:review-opinion',
    businessKey: LOAN,
    branchCode: 'SUB-HZ',
    candidateGroups: '["reviewer:SUB-HZ"]',
    candidateUsers: '[]',
    assignee: null,
    state: 'open',
    version: 1,
    ...over,
  });
}

interface StoredTask {
  id: string;
  assignee: string | null;
  state: string;
  version: number;
}

interface AssignmentState {
  tasks: StoredTask[];
  /** The tasks in their candidates' inboxes. */
  offered: string[];
  audited: AuditAct[];
  /** What each committed transaction wrote, in order. */
  steps: string[];
}

/** The register's tasks in memory; a transaction that throws leaves nothing. */
class FakeAssignmentRecords extends TaskAssignmentRecords {
  readonly store = new InMemoryTransactions<AssignmentState>(
    { tasks: [], offered: [], audited: [], steps: [] },
    (s) => ({
      tasks: s.tasks.map((t) => ({ ...t })),
      offered: [...s.offered],
      audited: [...s.audited],
      steps: [...s.steps],
    }),
  );
  transactions = 0;

  get state(): AssignmentState {
    return this.store.state;
  }

  add(row: UserTaskEntity, inPool = row.assignee === null): UserTaskEntity {
    const { id, assignee, state, version } = row;
    this.state.tasks.push({ id, assignee, state, version });
    if (inPool) this.state.offered.push(id);
    return row;
  }

  async transaction<T>(work: (tx: AssignmentTransaction) => Promise<T>): Promise<T> {
    this.transactions++;
    return this.store.run((next) => work(FakeAssignmentRecords.on(next)));
  }

  /** The writes on a state a caller's own transaction holds. */
  static on(s: AssignmentState): AssignmentTransaction {
    return {
      setAssignee: async (t, assignee) => {
        const row = s.tasks.find((r) => r.id === t.id);
        if (!row || row.version !== t.version || row.state !== 'open') return false;
        row.assignee = assignee;
        row.version++;
        s.steps.push(`assign ${t.id} to ${assignee ?? 'the pool'}`);
        return true;
      },
      withdrawFromCandidates: async (taskId) => {
        s.offered = s.offered.filter((id) => id !== taskId);
        s.steps.push(`withdraw ${taskId}`);
      },
      offerToCandidates: async (t) => {
        s.offered.push(t.id);
        s.steps.push(`offer ${t.id}`);
      },
      audit: async (act) => {
        s.audited.push(act);
        s.steps.push(`audit ${act.action}`);
      },
    };
  }
}

/** The loan's parties and who did what on it, as DutyFactsReader reads them. */
class FakeDutyFacts {
  parties: LoanParties = { applicantIdNumber: APPLICANT_ID, guarantorIdNumbers: [] };
  history: DutyRecord[] = [];
  dossierNames: string[] = [];
  readonly asked: { loanId: string; withDossier: boolean }[] = [];

  async of(loanId: string, withDossier = false): Promise<DutyFacts> {
    this.asked.push({ loanId, withDossier });
    return { parties: this.parties, history: this.history, dossierNames: this.dossierNames };
  }
}

function assignments() {
  const records = new FakeAssignmentRecords();
  const facts = new FakeDutyFacts();
  const directory = {
    orgPaths: async () => (code: string) => PATHS[code],
    scopeOf: async (p: Pick<Principal, 'orgUnitCode'>) =>
      SCOPES[p.orgUnitCode] ?? { all: false, unitCodes: [] },
  } as unknown as Directory;
  return {
    records,
    facts,
    service: new TaskAssignments(records, directory, facts as unknown as DutyFactsReader),
  };
}

describe('TaskAssignments: who may hold a task', () => {
  it('lets a holder of the candidate role in the task’s unit or above it hold the task', async () => {
    const { service } = assignments();
    expect(await service.whyNot(qian, task('1'))).toBeNull();
    expect(await service.whyNot(wang, task('1'))).toBeNull();
  });

  it('refuses someone without the role, or of another unit, or below the task’s unit', async () => {
    const { service } = assignments();
    const refusals: [Principal, UserTaskEntity][] = [
      [li, task('1')],
      [sun, task('1')],
      [qian, task('2', { candidateGroups: '["reviewer:BR-HZ"]', branchCode: 'BR-HZ' })],
    ];
    for (const [who, of] of refusals)
      await expect(service.whyNot(who, of)).resolves.toMatchObject({
        code: 'NOT_A_CANDIDATE',
        message: `${who.username} is not among the candidates of this task.`,
      });
  });

  it('does not count holding the task as being its candidate', async () => {
    const { service } = assignments();
    await expect(service.whyNot(li, task('1', { assignee: 'li.cm' }))).resolves.toMatchObject({
      code: 'NOT_A_CANDIDATE',
    });
  });

  it('lets a candidate user by name hold it, but only within their units', async () => {
    const { service } = assignments();
    const named = task('1', { candidateGroups: '[]', candidateUsers: '["li.cm","sun.reviewer"]' });
    expect(await service.whyNot(li, named)).toBeNull();
    await expect(service.whyNot(sun, named)).resolves.toMatchObject({ code: 'NOT_A_CANDIDATE' });
  });

  it('refuses a candidate whose units do not reach the task’s branch', async () => {
    const { service } = assignments();
    const anyReviewer = task('1', { candidateGroups: '["reviewer"]', branchCode: 'BR-HZ' });
    expect(await service.whyNot(wang, anyReviewer)).toBeNull();
    await expect(service.whyNot(qian, anyReviewer)).resolves.toMatchObject({
      code: 'NOT_A_CANDIDATE',
    });
    await expect(service.whyNot(sun, anyReviewer)).resolves.toMatchObject({
      code: 'NOT_A_CANDIDATE',
    });
  });

  it('refuses a candidate who did a duty the task’s duty is kept apart from', async () => {
    const { service, facts } = assignments();
    facts.history = [{ duty: 'investigation', username: 'wang.reviewer' }];
    await expect(service.whyNot(wang, task('1'))).resolves.toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
      message: expect.stringMatching(/^wang.reviewer did the investigation/) as unknown,
    });
    expect(await service.whyNot(qian, task('1'))).toBeNull();
  });

  it('refuses a candidate whose declared relative is a party to the loan', async () => {
    const { service } = assignments();
    const related = { ...qian, relativeIdNumbers: [APPLICANT_ID] };
    await expect(service.whyNot(related, task('1'))).resolves.toMatchObject({
      code: 'CONFLICT_OF_INTEREST',
    });
  });
});

describe('TaskAssignments: duties and conflict of interest', () => {
  it('judges nothing on a task of no loan or of no known form, and reads no facts', async () => {
    const { service, facts } = assignments();
    expect(await service.dutyProblem(wang, task('1', { businessKey: null }))).toBeNull();
    expect(await service.dutyProblem(wang, task('2', { formKey: 'loanflow:unknown' }))).toBeNull();
    expect(facts.asked).toEqual([]);
  });

  it('checks only conflict of interest on a task that carries no duty', async () => {
    const { service, facts } = assignments();
    facts.history = [{ duty: 'investigation', username: 'zhao.collector' }];
    const contact = task('1', { formKey: 'loanflow:collection-contact' });
    expect(await service.dutyProblem(zhao, contact)).toBeNull();
    const own = { ...zhao, idNumber: APPLICANT_ID };
    await expect(service.dutyProblem(own, contact)).resolves.toMatchObject({
      code: 'CONFLICT_OF_INTEREST',
      message: 'zhao.collector may not work on this loan: it is their own',
    });
  });

  it('lets a committee member vote again in a later round, but not after approving below', async () => {
    const { service, facts } = assignments();
    const ballot = task('1', { formKey: 'loanflow:committee-vote' });
    facts.history = [{ duty: 'approval', username: 'lu.committee', ref: 'committee-vote' }];
    expect(await service.dutyProblem(lu, ballot)).toBeNull();
    facts.history = [
      { duty: 'approval', username: 'lu.committee', ref: 'committee-vote' },
      { duty: 'approval', username: 'lu.committee', ref: null },
    ];
    await expect(service.dutyProblem(lu, ballot)).resolves.toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
    });
  });

  it('reads the accountability dossier for its decision, and refuses a person it names', async () => {
    const { service, facts } = assignments();
    const decision = task('1', { formKey: 'loanflow:accountability-decision' });
    facts.dossierNames = ['wang.reviewer'];
    await expect(service.dutyProblem(wang, decision)).resolves.toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
    });
    expect(await service.dutyProblem(qian, decision)).toBeNull();
    expect(facts.asked).toEqual([
      { loanId: LOAN, withDossier: true },
      { loanId: LOAN, withDossier: true },
    ]);
    await service.dutyProblem(qian, task('2'));
    expect(facts.asked[2]).toEqual({ loanId: LOAN, withDossier: false });
  });

  it('answers whether someone may serve a loan at all (theirs, a guarantor’s, a relative’s)', async () => {
    const { service, facts } = assignments();
    facts.parties = { applicantIdNumber: APPLICANT_ID, guarantorIdNumbers: [RELATIVE_ID] };
    expect(await service.loanConflict(li, LOAN)).toBeNull();
    await expect(
      service.loanConflict({ ...li, relativeIdNumbers: [RELATIVE_ID] }, LOAN),
    ).resolves.toMatchObject({
      code: 'CONFLICT_OF_INTEREST',
      message: 'li.cm may not work on this loan: a declared relative is a party to it',
    });
    await expect(
      service.loanConflict({ ...li, idNumber: RELATIVE_ID }, LOAN),
    ).resolves.toMatchObject({ code: 'CONFLICT_OF_INTEREST' });
  });
});

describe('TaskAssignments: moving a task', () => {
  it('gives the task to the person, takes it out of the pool and audits it, in one transaction', async () => {
    const { service, records } = assignments();
    const pooled = records.add(task('1'));
    await service.assign(CHEN, pooled, 'qian.reviewer', 'task.delegate', 'on leave next week');
    expect(records.transactions).toBe(1);
    expect(records.state.tasks[0]).toMatchObject({ assignee: 'qian.reviewer' });
    expect(records.state.offered).toEqual([]);
    expect(records.state.steps).toEqual([
      'assign 1 to qian.reviewer',
      'withdraw 1',
      'audit task.delegate',
    ]);
    expect(records.state.audited).toEqual([
      {
        actor: CHEN,
        action: 'task.delegate',
        outcome: 'ok',
        loanKey: LOAN,
        taskId: '1',
        reason: 'on leave next week',
      },
    ]);
  });

  it('puts a task given back to nobody in its candidates’ inboxes again', async () => {
    const { service, records } = assignments();
    const held = records.add(task('1', { assignee: 'wang.reviewer' }));
    await service.assign(CHEN, held, null, 'task.release', 'back to the pool');
    expect(records.state.tasks[0]?.assignee).toBeNull();
    expect(records.state.offered).toEqual(['1']);
    expect(records.state.steps).toEqual([
      'assign 1 to the pool',
      'withdraw 1',
      'offer 1',
      'audit task.release',
    ]);
  });

  it('refuses a task that changed since it was read, writing and auditing nothing', async () => {
    const { service, records } = assignments();
    const read = records.add(task('1'));
    const completed = records.add(task('2', { state: 'completed', assignee: 'wang.reviewer' }));
    await service.assign(CHEN, read, 'wang.reviewer', 'task.claim', 'claimed');
    for (const stale of [read, completed])
      await expect(
        service.assign(CHEN, stale, 'qian.reviewer', 'task.delegate', 'again'),
      ).rejects.toThrowDomainError('CONFLICT', {
        message: 'The task changed meanwhile; reload it and try again.',
      });
    expect(records.state.tasks.map((t) => t.assignee)).toEqual(['wang.reviewer', 'wang.reviewer']);
    expect(records.state.audited.map((a) => a.action)).toEqual(['task.claim']);
  });

  it('writes inside the caller’s transaction when given one, opening none of its own', async () => {
    const { service, records } = assignments();
    const held = records.add(task('1', { assignee: 'li.cm' }));
    const handover: AssignmentState = { ...records.state, steps: [] };
    await service.assign(
      CHEN,
      held,
      'zhou.cm',
      'task.handover',
      'li.cm → zhou.cm',
      FakeAssignmentRecords.on(handover),
    );
    expect(records.transactions).toBe(0);
    expect(handover.steps).toEqual(['assign 1 to zhou.cm', 'withdraw 1', 'audit task.handover']);
  });
});
