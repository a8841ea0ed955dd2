import type { AuditAct, AuditActor, AuditTrail } from '@loanflow/audit';
import { DomainError } from '@loanflow/domain';
import type { Directory, Principal, UnitScope } from '@loanflow/identity';
import {
  HandoverEntity,
  HandoverItemEntity,
  LoanStatus,
  UserTaskEntity,
} from '@loanflow/persistence';
import type { StaffMember } from './absence-records';
import { HandoverRecords, HandoverTransaction, ManagedLoan, NewHandover } from './handover-records';
import { HandoversService } from './handovers.service';
import type { HandoverRequest } from './staffing.views';
import type { TaskAssignments } from './task-assignments';
import { staffPrincipal } from '@loanflow/test-support/principals';

const HZ: UnitScope = { all: false, unitCodes: ['BR-HZ', 'SUB-HZ'] };
const SUB_HZ: UnitScope = { all: false, unitCodes: ['SUB-HZ'] };
const NB: UnitScope = { all: false, unitCodes: ['BR-NB'] };
const HEAD_OFFICE: UnitScope = { all: true, unitCodes: [] };
const SCOPES: Record<string, UnitScope> = { 'BR-HZ': HZ, 'SUB-HZ': SUB_HZ, 'BR-NB': NB };

const person = staffPrincipal;

const chen = person('chen.mgr', ['center-manager'], 'BR-HZ');
const li = person('li.cm', ['customer-manager'], 'BR-HZ');
const zhou = person('zhou.cm', ['customer-manager'], 'BR-HZ');
const wang = person('wang.reviewer', ['reviewer'], 'BR-HZ');
const xu = person('xu.cm', ['customer-manager'], 'SUB-HZ');
const sun = person('sun.cm', ['customer-manager'], 'BR-NB');
/** Active users, as the directory knows them. */
const ACTIVE = [chen, li, zhou, wang, xu, sun];

interface StoredLoan {
  id: string;
  branchCode: string;
  customerManager: string;
  status: LoanStatus;
}

interface Assignment {
  actor: AuditActor;
  taskId: string;
  assignee: string | null;
  action: string;
  reason: string;
}

const HANDED_AT = new Date('2027-03-10T02:00:00Z');

function task(id: string, over: Partial<UserTaskEntity> = {}): UserTaskEntity {
  return Object.assign(new UserTaskEntity(), {
    id,
    formKey: 'loanflow:review',
    businessKey: `LN-${id}`,
    branchCode: 'BR-HZ',
    assignee: 'li.cm',
    state: 'open',
    version: 3,
    ...over,
  });
}

/** The register as the handovers see it, in memory; a transaction that throws leaves nothing. */
class FakeRecords extends HandoverRecords {
  /** Every user of the register, active or not. */
  users: StaffMember[] = ACTIVE.map(({ username, orgUnitCode }) => ({ username, orgUnitCode }));
  loans: StoredLoan[] = [];
  tasks: UserTaskEntity[] = [];
  handovers: HandoverEntity[] = [];
  itemRows: HandoverItemEntity[] = [];
  assigned: Assignment[] = [];
  /** Audit entries written with the register's changes (not refusals). */
  audited: AuditAct[] = [];
  /** What each transaction did, in order. */
  steps: string[] = [];
  /** Tasks that changed since they were read: assigning them fails as TaskAssignments does. */
  readonly changed = new Set<string>();
  /** What another request does while this one waits for the lock. */
  meanwhile: () => void = () => {};

  loan(id: string, over: Partial<StoredLoan> = {}): StoredLoan {
    const loan: StoredLoan = {
      id,
      branchCode: 'BR-HZ',
      customerManager: 'li.cm',
      status: 'disbursed',
      ...over,
    };
    this.loans.push(loan);
    return loan;
  }

  addHandover(over: Partial<HandoverEntity>): HandoverEntity {
    const row = Object.assign(new HandoverEntity(), {
      id: String(this.handovers.length + 1),
      fromUser: 'li.cm',
      toUser: 'zhou.cm',
      reason: 'transferred',
      orgUnitCode: 'BR-HZ',
      handedBy: 'chen.mgr',
      handedAt: HANDED_AT,
      ...over,
    });
    this.handovers.push(row);
    return row;
  }

  async user(username: string): Promise<StaffMember | null> {
    return this.users.find((user) => user.username === username) ?? null;
  }
  async loansManagedBy(username: string, except: LoanStatus[]): Promise<ManagedLoan[]> {
    return this.loans
      .filter((loan) => loan.customerManager === username && !except.includes(loan.status))
      .sort((a, b) => a.id.localeCompare(b.id))
      .map(({ id, branchCode }) => ({ id, branchCode }));
  }
  async openTasksHeldBy(username: string): Promise<UserTaskEntity[]> {
    return this.tasks
      .filter((row) => row.assignee === username && row.state === 'open')
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((row) => Object.assign(new UserTaskEntity(), row));
  }
  async latestHandovers(): Promise<HandoverEntity[]> {
    return [...this.handovers].sort((a, b) => Number(b.id) - Number(a.id)).slice(0, 200);
  }
  async handover(id: string): Promise<HandoverEntity | null> {
    return this.handovers.find((row) => row.id === id) ?? null;
  }
  async items(handoverId: string): Promise<HandoverItemEntity[]> {
    return this.itemRows.filter((row) => row.handoverId === handoverId);
  }
  async handedOver(loanId: string, username: string): Promise<boolean> {
    return this.itemRows.some(
      (row) =>
        row.loanId === loanId &&
        row.kind === 'loan' &&
        row.outcome === 'moved' &&
        this.handovers.some((h) => h.id === row.handoverId && h.fromUser === username),
    );
  }
  async transaction<T>(work: (tx: HandoverTransaction) => Promise<T>): Promise<T> {
    const saved = {
      loans: this.loans.map((loan) => ({ ...loan })),
      tasks: this.tasks.map((row) => Object.assign(new UserTaskEntity(), row)),
      handovers: [...this.handovers],
      itemRows: [...this.itemRows],
      assigned: [...this.assigned],
      audited: [...this.audited],
    };
    const tx: HandoverTransaction = {
      lockPerson: async (username) => {
        this.meanwhile();
        this.steps.push(`lock ${username}`);
      },
      insertHandover: async (handover: NewHandover) => {
        this.steps.push('insert handover');
        return this.addHandover({ ...handover, handedAt: HANDED_AT });
      },
      moveLoan: async (loanId, from, to) => {
        this.steps.push(`move loan ${loanId}`);
        const loan = this.loans.find((row) => row.id === loanId && row.customerManager === from);
        if (loan) loan.customerManager = to;
        return !!loan;
      },
      assign: async (actor, assigning, assignee, action, reason) => {
        this.steps.push(`assign ${assigning.id}`);
        const stored = this.tasks.find((row) => row.id === assigning.id);
        if (!stored || this.changed.has(assigning.id))
          throw new DomainError('CONFLICT', 'The task changed meanwhile; reload it and try again.');
        stored.assignee = assignee;
        this.assigned.push({ actor, taskId: assigning.id, assignee, action, reason });
      },
      insertItem: async (item) => {
        this.steps.push(`item ${item.kind} ${item.taskId ?? item.loanId}`);
        this.itemRows.push(
          Object.assign(new HandoverItemEntity(), {
            ...item,
            id: String(this.itemRows.length + 1),
          }),
        );
      },
      audit: async (act) => {
        this.steps.push(`audit ${act.action}`);
        this.audited.push(act);
      },
    };
    try {
      return await work(tx);
    } catch (error) {
      Object.assign(this, saved);
      throw error;
    }
  }
}

/** TaskAssignments' answers, as the spec decides them. */
class FakeAssignments {
  /** Why the successor may not hold a task, by task id. */
  readonly taskProblems = new Map<string, DomainError>();
  /** Why the successor may not serve a loan, by loan id. */
  readonly loanConflicts = new Map<string, DomainError>();
  readonly asked: string[] = [];

  async whyNot(candidate: Principal, of: UserTaskEntity): Promise<DomainError | null> {
    this.asked.push(`${candidate.username} task ${of.id}`);
    return this.taskProblems.get(of.id) ?? null;
  }
  async loanConflict(candidate: Principal, loanId: string): Promise<DomainError | null> {
    this.asked.push(`${candidate.username} loan ${loanId}`);
    return this.loanConflicts.get(loanId) ?? null;
  }
}

function handovers(records = new FakeRecords()) {
  const refusals: AuditAct[] = [];
  const assignments = new FakeAssignments();
  const directory = {
    principalByUsername: async (username: string) =>
      ACTIVE.find((someone) => someone.username === username) ?? null,
    scopeOf: async (principal: Pick<Principal, 'orgUnitCode'>) =>
      SCOPES[principal.orgUnitCode] ?? { all: false, unitCodes: [] },
  } as unknown as Directory;
  const audit = {
    record: async (act: AuditAct) => void refusals.push(act),
  } as unknown as AuditTrail;
  return {
    records,
    refusals,
    assignments,
    service: new HandoversService(
      records,
      directory,
      audit,
      assignments as unknown as TaskAssignments,
    ),
  };
}

const request = (over: Partial<HandoverRequest> = {}): HandoverRequest => ({
  from: 'li.cm',
  to: 'zhou.cm',
  reason: 'transferred to the Ningbo branch',
  ...over,
});

const CHEN_ACTOR = { username: 'chen.mgr', roles: ['center-manager'], orgUnitCode: 'BR-HZ' };

describe('a handover: who may be handed over, and to whom', () => {
  it('answers a person outside the manager’s units, or nobody, as no such user, audited as refused', async () => {
    const { service, records, refusals } = handovers();
    records.loan('LN-NB', { customerManager: 'sun.cm', branchCode: 'BR-NB' });
    await expect(
      service.handOver(chen, HZ, request({ from: 'sun.cm' })),
    ).rejects.toThrowDomainError('USER_NOT_FOUND', {
      message: 'There is no user sun.cm in your units.',
    });
    await expect(service.handOver(chen, HZ, request({ from: 'ghost' }))).rejects.toThrowDomainError(
      'USER_NOT_FOUND',
      { message: 'There is no user ghost in your units.' },
    );
    expect(refusals).toEqual([
      {
        actor: CHEN_ACTOR,
        action: 'staff.handover',
        outcome: 'refused',
        reason: 'USER_NOT_FOUND: There is no user sun.cm in your units.',
      },
      {
        actor: CHEN_ACTOR,
        action: 'staff.handover',
        outcome: 'refused',
        reason: 'USER_NOT_FOUND: There is no user ghost in your units.',
      },
    ]);
    expect(records.handovers).toEqual([]);
    expect(records.loans[0]?.customerManager).toBe('sun.cm');
  });

  it('hands over someone no longer active: the register still knows them', async () => {
    const records = new FakeRecords();
    records.users.push({ username: 'gone.cm', orgUnitCode: 'BR-HZ' });
    records.loan('LN-1', { customerManager: 'gone.cm' });
    const view = await handovers(records).service.handOver(chen, HZ, request({ from: 'gone.cm' }));
    expect(view.items).toEqual([
      { kind: 'loan', loanId: 'LN-1', taskId: null, outcome: 'moved', detail: null },
    ]);
    expect(records.loans[0]?.customerManager).toBe('zhou.cm');
  });

  it('refuses handing a person over to themself', async () => {
    const { service, records, refusals } = handovers();
    records.loan('LN-1');
    await expect(service.handOver(chen, HZ, request({ to: 'li.cm' }))).rejects.toThrowDomainError(
      'VALIDATION_FAILED',
      {
        message: 'The handover cannot be made.',
        details: {
          fieldErrors: [
            { field: 'to', reasons: ['must be someone other than the person leaving'] },
          ],
        },
      },
    );
    expect(refusals.map((act) => act.outcome)).toEqual(['refused']);
    expect(records.handovers).toEqual([]);
  });

  it('refuses a successor who is not an active user in the manager’s units', async () => {
    const { service, records, refusals } = handovers();
    records.loan('LN-1');
    for (const to of ['sun.cm', 'ghost'])
      await expect(service.handOver(chen, HZ, request({ to }))).rejects.toThrowDomainError(
        'VALIDATION_FAILED',
        {
          details: {
            fieldErrors: [
              { field: 'to', reasons: [`there is no active user ${to} in your units`] },
            ],
          },
        },
      );
    expect(refusals.map((act) => act.reason)).toEqual([
      'VALIDATION_FAILED: The handover cannot be made.',
      'VALIDATION_FAILED: The handover cannot be made.',
    ]);
    expect(records.handovers).toEqual([]);
    expect(records.loans[0]?.customerManager).toBe('li.cm');
  });

  it('refuses a handover with nothing in the manager’s units to hand over', async () => {
    const { service, records, refusals } = handovers();
    records.loan('LN-SETTLED', { status: 'settled' });
    records.loan('LN-NB', { branchCode: 'BR-NB' });
    records.tasks.push(task('7', { branchCode: 'BR-NB' }));
    const message = 'li.cm holds no loans and no open tasks in your units: nothing to hand over.';
    await expect(service.handOver(chen, HZ, request())).rejects.toThrowDomainError(
      'HANDOVER_EMPTY',
      { message },
    );
    expect(refusals).toEqual([
      expect.objectContaining({ outcome: 'refused', reason: `HANDOVER_EMPTY: ${message}` }),
    ]);
    expect(records.handovers).toEqual([]);
    expect(records.steps).toEqual([]);
  });
});

describe('a handover: what moves', () => {
  it('moves the person’s loans and open tasks to the successor in one act, recorded item by item', async () => {
    const records = new FakeRecords();
    records.loan('LN-2', { status: 'submitted' });
    records.loan('LN-1');
    records.tasks.push(task('11', { businessKey: 'LN-1' }), task('12', { businessKey: 'LN-9' }));
    const { service, assignments } = handovers(records);
    const view = await service.handOver(chen, HZ, request());
    expect(view).toEqual({
      id: '1',
      from: 'li.cm',
      to: 'zhou.cm',
      reason: 'transferred to the Ningbo branch',
      orgUnitCode: 'BR-HZ',
      handedBy: 'chen.mgr',
      handedAt: HANDED_AT.toISOString(),
      items: [
        { kind: 'loan', loanId: 'LN-1', taskId: null, outcome: 'moved', detail: null },
        { kind: 'loan', loanId: 'LN-2', taskId: null, outcome: 'moved', detail: null },
        { kind: 'task', loanId: 'LN-1', taskId: '11', outcome: 'moved', detail: null },
        { kind: 'task', loanId: 'LN-9', taskId: '12', outcome: 'moved', detail: null },
      ],
    });
    expect(records.loans.map((loan) => loan.customerManager)).toEqual(['zhou.cm', 'zhou.cm']);
    expect(records.tasks.map((row) => row.assignee)).toEqual(['zhou.cm', 'zhou.cm']);
    expect(records.assigned).toEqual([
      {
        actor: CHEN_ACTOR,
        taskId: '11',
        assignee: 'zhou.cm',
        action: 'task.handover',
        reason: 'handover 1 from li.cm to zhou.cm',
      },
      {
        actor: CHEN_ACTOR,
        taskId: '12',
        assignee: 'zhou.cm',
        action: 'task.handover',
        reason: 'handover 1 from li.cm to zhou.cm',
      },
    ]);
    // Each loan and task was checked for the successor, not for anyone else.
    expect(assignments.asked).toEqual([
      'zhou.cm loan LN-1',
      'zhou.cm loan LN-2',
      'zhou.cm task 11',
      'zhou.cm task 12',
    ]);
  });

  it('writes everything in one transaction, after locking the person handed over', async () => {
    const records = new FakeRecords();
    records.loan('LN-1');
    records.tasks.push(task('11'));
    await handovers(records).service.handOver(chen, HZ, request());
    expect(records.steps).toEqual([
      'lock li.cm',
      'insert handover',
      'move loan LN-1',
      'item loan LN-1',
      'assign 11',
      'item task 11',
      'audit staff.handover',
      'audit loan.handover',
    ]);
  });

  it('leaves the loans that are over as they were, but hands over a written-off loan still being recovered', async () => {
    const records = new FakeRecords();
    const ended: LoanStatus[] = [
      'refused',
      'rejected',
      'declined',
      'offer-declined',
      'settled',
      'archived',
    ];
    ended.forEach((status, i) => records.loan(`LN-E${i}`, { status }));
    records.loan('LN-W', { status: 'written-off' });
    const view = await handovers(records).service.handOver(chen, HZ, request());
    expect(view.items.map((item) => item.loanId)).toEqual(['LN-W']);
    expect(
      records.loans.filter((loan) => loan.customerManager === 'li.cm').map((loan) => loan.status),
    ).toEqual(ended);
  });

  it('hands over only what lies in the manager’s units', async () => {
    const records = new FakeRecords();
    records.loan('LN-HZ');
    records.loan('LN-NB', { branchCode: 'BR-NB' });
    records.tasks.push(
      task('21'),
      task('22', { branchCode: 'BR-NB' }),
      task('23', { branchCode: null }),
    );
    const view = await handovers(records).service.handOver(chen, HZ, request());
    expect(view.items.map((item) => [item.kind, item.loanId, item.taskId])).toEqual([
      ['loan', 'LN-HZ', null],
      ['task', 'LN-21', '21'],
    ]);
    expect(records.loans.map((loan) => loan.customerManager)).toEqual(['zhou.cm', 'li.cm']);
    expect(records.tasks.map((row) => row.assignee)).toEqual(['zhou.cm', 'li.cm', 'li.cm']);
  });

  it('hands over everything in reach of a head-office manager', async () => {
    const records = new FakeRecords();
    records.loan('LN-HZ');
    records.loan('LN-NB', { branchCode: 'BR-NB' });
    const admin = person('admin', ['admin'], 'HO');
    const view = await handovers(records).service.handOver(
      admin,
      HEAD_OFFICE,
      request({ to: 'sun.cm' }),
    );
    expect(view.items.map((item) => [item.loanId, item.outcome])).toEqual([
      ['LN-HZ', 'kept'],
      ['LN-NB', 'moved'],
    ]);
    expect(view.orgUnitCode).toBe('HO');
  });

  it('keeps a loan the successor may not serve, saying why: not a customer manager, outside their units, or a conflict of interest', async () => {
    const notManager = new FakeRecords();
    notManager.loan('LN-1');
    const first = await handovers(notManager).service.handOver(
      chen,
      HZ,
      request({ to: 'wang.reviewer' }),
    );
    expect(first.items).toEqual([
      {
        kind: 'loan',
        loanId: 'LN-1',
        taskId: null,
        outcome: 'kept',
        detail: 'wang.reviewer may not be the customer manager of a loan of BR-HZ',
      },
    ]);

    const outsideTheirUnits = new FakeRecords();
    outsideTheirUnits.loan('LN-1');
    outsideTheirUnits.loan('LN-2', { branchCode: 'SUB-HZ' });
    const second = await handovers(outsideTheirUnits).service.handOver(
      chen,
      HZ,
      request({ to: 'xu.cm' }),
    );
    expect(second.items.map((item) => [item.loanId, item.outcome, item.detail])).toEqual([
      ['LN-1', 'kept', 'xu.cm may not be the customer manager of a loan of BR-HZ'],
      ['LN-2', 'moved', null],
    ]);
    expect(outsideTheirUnits.loans.map((loan) => loan.customerManager)).toEqual(['li.cm', 'xu.cm']);

    const conflicted = new FakeRecords();
    conflicted.loan('LN-1');
    conflicted.loan('LN-2');
    const setup = handovers(conflicted);
    setup.assignments.loanConflicts.set(
      'LN-1',
      new DomainError('CONFLICT_OF_INTEREST', 'zhou.cm is a relative of the applicant.'),
    );
    const third = await setup.service.handOver(chen, HZ, request());
    expect(third.items.map((item) => [item.loanId, item.outcome, item.detail])).toEqual([
      ['LN-1', 'kept', 'CONFLICT_OF_INTEREST: zhou.cm is a relative of the applicant.'],
      ['LN-2', 'moved', null],
    ]);
    expect(conflicted.loans.map((loan) => loan.customerManager)).toEqual(['li.cm', 'zhou.cm']);
    // A kept loan stays li.cm's: its trail gets no change of customer manager.
    expect(
      conflicted.audited.filter((entry) => entry.action === 'loan.handover').map((e) => e.loanKey),
    ).toEqual(['LN-2']);
  });

  it('gives a task the successor may not hold back to its group’s pool, saying why', async () => {
    const records = new FakeRecords();
    records.tasks.push(task('31'), task('32'));
    const setup = handovers(records);
    setup.assignments.taskProblems.set(
      '32',
      new DomainError('NOT_A_CANDIDATE', 'zhou.cm is not among the candidates of this task.'),
    );
    const view = await setup.service.handOver(chen, HZ, request());
    const detail = 'NOT_A_CANDIDATE: zhou.cm is not among the candidates of this task.';
    expect(view.items).toEqual([
      { kind: 'task', loanId: 'LN-31', taskId: '31', outcome: 'moved', detail: null },
      { kind: 'task', loanId: 'LN-32', taskId: '32', outcome: 'released', detail },
    ]);
    expect(
      records.assigned.map(({ taskId, assignee, reason }) => [taskId, assignee, reason]),
    ).toEqual([
      ['31', 'zhou.cm', 'handover 1 from li.cm to zhou.cm'],
      ['32', null, `handover 1 from li.cm to zhou.cm: ${detail}`],
    ]);
  });

  it('audits the handover with what it did, and each loan’s change of customer manager, in the same transaction', async () => {
    const records = new FakeRecords();
    records.loan('LN-1');
    records.loan('LN-2');
    records.tasks.push(task('41'), task('42'));
    const setup = handovers(records);
    setup.assignments.taskProblems.set('42', new DomainError('NOT_A_CANDIDATE', 'no'));
    await setup.service.handOver(chen, HZ, request());
    expect(records.audited).toEqual([
      {
        actor: CHEN_ACTOR,
        action: 'staff.handover',
        outcome: 'ok',
        reason:
          'handover 1: li.cm to zhou.cm (transferred to the Ningbo branch); loans moved 2, kept 0; tasks moved 1, released 1',
      },
      {
        actor: CHEN_ACTOR,
        action: 'loan.handover',
        outcome: 'ok',
        loanKey: 'LN-1',
        reason: 'customer manager li.cm handed over to zhou.cm (handover 1)',
      },
      {
        actor: CHEN_ACTOR,
        action: 'loan.handover',
        outcome: 'ok',
        loanKey: 'LN-2',
        reason: 'customer manager li.cm handed over to zhou.cm (handover 1)',
      },
    ]);
    expect(setup.refusals).toEqual([]);
  });

  it('keeps a loan handed over by someone else meanwhile, and says so', async () => {
    const records = new FakeRecords();
    const taken = records.loan('LN-1');
    records.loan('LN-2');
    records.meanwhile = () => {
      taken.customerManager = 'xu.cm';
    };
    const view = await handovers(records).service.handOver(chen, HZ, request());
    expect(view.items.map((item) => [item.loanId, item.outcome, item.detail])).toEqual([
      ['LN-1', 'kept', "no longer li.cm's when this handover was made"],
      ['LN-2', 'moved', null],
    ]);
    expect(records.loans.map((loan) => loan.customerManager)).toEqual(['xu.cm', 'zhou.cm']);
    // The trail says what was done, not what was planned: one loan moved, and only it audited.
    expect(records.audited.map(({ action, loanKey, reason }) => [action, loanKey, reason])).toEqual(
      [
        [
          'staff.handover',
          undefined,
          'handover 1: li.cm to zhou.cm (transferred to the Ningbo branch); loans moved 1, kept 1; tasks moved 0, released 0',
        ],
        ['loan.handover', 'LN-2', 'customer manager li.cm handed over to zhou.cm (handover 1)'],
      ],
    );
  });

  it('writes nothing at all when a task changed meanwhile', async () => {
    const records = new FakeRecords();
    records.loan('LN-1');
    records.tasks.push(task('51'), task('52'));
    records.changed.add('52');
    await expect(
      handovers(records).service.handOver(chen, HZ, request()),
    ).rejects.toThrowDomainError('CONFLICT');
    expect(records.handovers).toEqual([]);
    expect(records.itemRows).toEqual([]);
    expect(records.loans[0]?.customerManager).toBe('li.cm');
    expect(records.tasks.map((row) => row.assignee)).toEqual(['li.cm', 'li.cm']);
    expect(records.audited).toEqual([]);
  });
});

describe('reading handovers', () => {
  function register() {
    const records = new FakeRecords();
    const older = records.addHandover({ orgUnitCode: 'BR-HZ' });
    const elsewhere = records.addHandover({ orgUnitCode: 'BR-NB', fromUser: 'sun.cm' });
    const latest = records.addHandover({ orgUnitCode: 'SUB-HZ', fromUser: 'xu.cm' });
    records.itemRows.push(
      Object.assign(new HandoverItemEntity(), {
        id: '1',
        handoverId: older.id,
        kind: 'loan',
        loanId: 'LN-1',
        taskId: null,
        outcome: 'moved',
        detail: null,
      }),
    );
    return { records, older, elsewhere, latest };
  }

  it('lists the handovers made in the reader’s units, latest first, each with its items', async () => {
    const { records, older, elsewhere, latest } = register();
    const { service } = handovers(records);
    const list = await service.list(HZ);
    expect(list.map((view) => view.id)).toEqual([latest.id, older.id]);
    expect(list[1]?.items).toEqual([
      { kind: 'loan', loanId: 'LN-1', taskId: null, outcome: 'moved', detail: null },
    ]);
    expect((await service.list(HEAD_OFFICE)).map((view) => view.id)).toEqual([
      latest.id,
      elsewhere.id,
      older.id,
    ]);
  });

  it('answers a handover outside the reader’s units, an unknown or a malformed id as not found', async () => {
    const { records, older, elsewhere } = register();
    const { service } = handovers(records);
    expect((await service.get(HZ, older.id)).from).toBe('li.cm');
    for (const id of [elsewhere.id, '999', '1 OR 1=1'])
      await expect(service.get(HZ, id)).rejects.toThrowDomainError('HANDOVER_NOT_FOUND', {
        message: `There is no handover ${id}.`,
      });
  });
});
