import { AuditActor, SYSTEM_ACTOR } from '@loanflow/audit';
import { DomainError } from '@loanflow/domain';
import type { Directory, Principal } from '@loanflow/identity';
import { UserAbsenceEntity, UserTaskEntity } from '@loanflow/persistence';
import { RecordedNotifier } from '@loanflow/test-support/recorded-notifier';
import { staffPrincipal } from '@loanflow/test-support/principals';
import { AbsenceRecords, AbsenceTransaction, StaffMember } from './absence-records';
import { AbsenceRouting } from './absence-routing';
import type { TaskAssignments } from './task-assignments';

const TODAY = '2027-03-15';
const MOVED_AT = new Date('2027-03-15T02:00:00Z');

const li = staffPrincipal('li.cm', ['customer-manager'], 'BR-HZ');
const zhou = staffPrincipal('zhou.cm', ['customer-manager'], 'BR-HZ');
const wang = staffPrincipal('wang.reviewer', ['reviewer'], 'SUB-HZ');
const STAFF: Principal[] = [li, zhou, wang];

function task(id: string, over: Partial<UserTaskEntity> = {}): UserTaskEntity {
  return Object.assign(new UserTaskEntity(), {
    id,
    formKey: 'loanflow:collect-documents',
    businessKey: `LN-${id}`,
    branchCode: 'BR-HZ',
    assignee: 'li.cm',
    state: 'open',
    version: 1,
    ...over,
  });
}

function absence(id: string, over: Partial<UserAbsenceEntity> = {}): UserAbsenceEntity {
  return Object.assign(new UserAbsenceEntity(), {
    id,
    username: 'li.cm',
    deputy: 'zhou.cm',
    startsOn: '2027-03-15',
    endsOn: '2027-03-19',
    reason: 'annual leave',
    declaredBy: 'li.cm',
    declaredAt: new Date('2027-03-01T02:00:00Z'),
    claimedMovedAt: null,
    cancelledAt: null,
    cancelledBy: null,
    ...over,
  });
}

/** The absences and tasks in memory, as the routing reads and marks them. */
class FakeRecords extends AbsenceRecords {
  absences: UserAbsenceEntity[] = [];
  tasks: UserTaskEntity[] = [];

  async activeAbsence(username: string, day: string) {
    return (
      this.absences
        .filter(
          (a) => a.username === username && a.startsOn <= day && a.endsOn >= day && !a.cancelledAt,
        )
        .sort((a, b) => Number(b.id) - Number(a.id))[0] ?? null
    );
  }
  async openTasksHeldBy(username: string) {
    return this.tasks
      .filter((t) => t.assignee === username && t.state === 'open')
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((t) => Object.assign(new UserTaskEntity(), t));
  }
  async markClaimedMoved(absenceId: string, at: Date) {
    const row = this.absences.find((a) => a.id === absenceId);
    if (row) row.claimedMovedAt = at;
  }
  async begunUnmoved(day: string) {
    return this.absences.filter(
      (a) => a.startsOn <= day && a.endsOn >= day && !a.claimedMovedAt && !a.cancelledAt,
    );
  }
  // The declaration's reads and writes: not the routing's.
  async staff(): Promise<StaffMember[]> {
    throw new Error('not used by the routing');
  }
  async absencesOf(): Promise<UserAbsenceEntity[]> {
    throw new Error('not used by the routing');
  }
  async absence(): Promise<UserAbsenceEntity | null> {
    throw new Error('not used by the routing');
  }
  async absenceOrFail(): Promise<UserAbsenceEntity> {
    throw new Error('not used by the routing');
  }
  async cancel(): Promise<void> {
    throw new Error('not used by the routing');
  }
  async transaction<T>(_work: (tx: AbsenceTransaction) => Promise<T>): Promise<T> {
    throw new Error('not used by the routing');
  }
}

interface Assignment {
  actor: AuditActor;
  taskId: string;
  assignee: string | null;
  action: string;
  reason: string;
}

function routing(records = new FakeRecords()) {
  const assigned: Assignment[] = [];
  /** Who may not hold which task, and why (as TaskAssignments.whyNot answers). */
  const refusedTo = new Map<string, DomainError>();
  /** Tasks that changed since they were read: assigning them fails as TaskAssignments does. */
  const changed = new Set<string>();
  const assignments = {
    whyNot: async (person: Principal, t: UserTaskEntity) =>
      refusedTo.get(`${person.username}:${t.id}`) ?? null,
    assign: async (
      actor: AuditActor,
      t: UserTaskEntity,
      assignee: string | null,
      action: string,
      reason: string,
    ) => {
      if (changed.has(t.id))
        throw new DomainError('CONFLICT', 'The task changed meanwhile; reload it and try again.');
      assigned.push({ actor, taskId: t.id, assignee, action, reason });
      const row = records.tasks.find((candidate) => candidate.id === t.id);
      if (row) row.assignee = assignee;
    },
  } as unknown as TaskAssignments;
  const directory = {
    principalByUsername: async (username: string) =>
      STAFF.find((someone) => someone.username === username) ?? null,
  } as unknown as Directory;
  const notifier = new RecordedNotifier();
  return {
    service: new AbsenceRouting(records, directory, assignments, notifier),
    records,
    assigned,
    refusedTo,
    changed,
    notifier,
  };
}

beforeEach(() => {
  jest.useFakeTimers({ now: MOVED_AT, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
});
afterEach(() => {
  jest.useRealTimers();
});

describe('routing a new task of someone away (代岗)', () => {
  it('gives it to the deputy who may hold it, saying why', async () => {
    const { service } = routing();
    const route = await service.routeNew(task('1'), absence('7'));
    expect(route).toEqual({
      assignee: 'zhou.cm',
      reason: 'li.cm is away (2027-03-15 to 2027-03-19): given to the deputy zhou.cm',
      tellCenterOf: null,
    });
  });

  it('offers it to the group when the deputy may not hold it, and names the unit to tell', async () => {
    const { service, refusedTo } = routing();
    refusedTo.set('zhou.cm:1', new DomainError('SEPARATION_OF_DUTIES', 'already reviewed'));
    const route = await service.routeNew(task('1'), absence('7'));
    expect(route).toEqual({
      assignee: null,
      reason:
        "li.cm is away (2027-03-15 to 2027-03-19) and the deputy zhou.cm may not take it (SEPARATION_OF_DUTIES): offered to the task's group",
      tellCenterOf: 'BR-HZ',
    });
  });

  it('treats a deputy who is no active user as one who may not hold it', async () => {
    const { service } = routing();
    const route = await service.routeNew(task('1'), absence('7', { deputy: 'ghost' }));
    expect(route.assignee).toBeNull();
    expect(route.reason).toMatch(/the deputy ghost may not take it \(USER_NOT_FOUND\)/);
  });

  it('tells the center of the absent person’s unit when the task has no branch, and of none when they are unknown', async () => {
    const { service, refusedTo } = routing();
    refusedTo.set('li.cm:2', new DomainError('NOT_A_CANDIDATE', 'not a reviewer'));
    const unbranched = task('2', { branchCode: null });
    const ofWang = await service.routeNew(
      unbranched,
      absence('8', { username: 'wang.reviewer', deputy: 'li.cm' }),
    );
    expect(ofWang.tellCenterOf).toBe('SUB-HZ');
    const ofNobody = await service.routeNew(
      unbranched,
      absence('9', { username: 'gone.cm', deputy: 'ghost' }),
    );
    expect(ofNobody).toMatchObject({ assignee: null, tellCenterOf: null });
  });
});

describe('moving the tasks held at an absence’s start', () => {
  function holding() {
    const setup = routing();
    setup.records.absences = [absence('7')];
    setup.records.tasks = [
      task('1'),
      task('2', { formKey: 'loanflow:review' }),
      task('3', { assignee: 'zhou.cm' }),
      task('4', { state: 'completed' }),
    ];
    setup.refusedTo.set('zhou.cm:2', new DomainError('SEPARATION_OF_DUTIES', 'already reviewed'));
    return setup;
  }

  it('gives each open task to the deputy or the pool, audited as the absence, and tells the center of those left', async () => {
    const { service, records, assigned, notifier } = holding();
    const moves = await service.moveClaimed(absence('7'), li);
    expect(moves).toEqual({ moved: ['1'], released: ['2'] });
    expect(assigned).toEqual([
      {
        actor: li,
        taskId: '1',
        assignee: 'zhou.cm',
        action: 'task.absence',
        reason: 'li.cm is away (2027-03-15 to 2027-03-19): given to the deputy zhou.cm',
      },
      expect.objectContaining({
        taskId: '2',
        assignee: null,
        action: 'task.absence',
        reason: expect.stringMatching(
          /\(SEPARATION_OF_DUTIES\): offered to the task's group$/,
        ) as unknown,
      }),
    ]);
    expect(notifier.sent).toEqual([
      {
        dedupeKey: 'absence-unrouted:7:2',
        loanId: 'LN-2',
        channel: 'inbox',
        recipient: 'role:center-manager:BR-HZ',
        kind: 'absence-unrouted',
        subject: '代岗人不能接手 Deputy cannot take a task: LN-2',
        body:
          'li.cm is away from 2027-03-15 to 2027-03-19; their deputy zhou.cm may not take task 2 ' +
          "(loanflow:review), so it waits in its group's pool. Please assign it.",
      },
    ]);
    expect(records.absences[0]?.claimedMovedAt).toEqual(MOVED_AT);
  });

  it('skips a task that changed meanwhile, moving the others, telling nobody of it', async () => {
    const { service, records, changed, notifier } = holding();
    changed.add('2');
    const moves = await service.moveClaimed(absence('7'), li);
    expect(moves).toEqual({ moved: ['1'], released: [] });
    expect(notifier.sent).toEqual([]);
    expect(records.absences[0]?.claimedMovedAt).toEqual(MOVED_AT);
  });

  it('marks the absence moved even when the person held nothing', async () => {
    const { service, records, assigned } = routing();
    records.absences = [absence('7')];
    expect(await service.moveClaimed(absence('7'), li)).toEqual({ moved: [], released: [] });
    expect(assigned).toEqual([]);
    expect(records.absences[0]?.claimedMovedAt).toEqual(MOVED_AT);
  });
});

describe('the sweep of absences begun', () => {
  it('moves, as the system, the tasks of each absence begun and not yet moved, once per absence', async () => {
    const { service, records, assigned } = routing();
    records.absences = [
      absence('7'),
      absence('8', { username: 'wang.reviewer', deputy: 'zhou.cm' }),
      absence('9', { username: 'sun.cm', claimedMovedAt: new Date('2027-03-14T16:00:00Z') }),
      absence('10', { username: 'sun.cm', startsOn: '2027-03-16' }),
      absence('11', { username: 'sun.cm', cancelledAt: new Date('2027-03-10T01:00:00Z') }),
    ];
    records.tasks = [
      task('1'),
      task('2', { assignee: 'wang.reviewer' }),
      task('3', { assignee: 'sun.cm' }),
    ];
    expect(await service.sweep(TODAY)).toBe(2);
    expect(assigned.map((a) => [a.actor, a.taskId, a.assignee])).toEqual([
      [SYSTEM_ACTOR, '1', 'zhou.cm'],
      [SYSTEM_ACTOR, '2', 'zhou.cm'],
    ]);
    expect(records.absences.map((a) => a.claimedMovedAt)).toEqual([
      MOVED_AT,
      MOVED_AT,
      new Date('2027-03-14T16:00:00Z'),
      null,
      null,
    ]);
    expect(await service.sweep(TODAY)).toBe(0);
    expect(assigned).toHaveLength(2);
  });
});
