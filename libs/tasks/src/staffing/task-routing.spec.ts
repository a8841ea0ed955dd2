import { UserAbsenceEntity, UserTaskEntity } from '@loanflow/persistence';
import type { BusinessClock } from '@loanflow/workflow';
import type { AbsenceRoute, AbsenceRouting } from './absence-routing';
import { HandoverRecords, HandoverTransaction } from './handover-records';
import { TaskRouting } from './task-routing';

const TODAY = '2027-03-15';
const LOAN = 'LN20270310-HZ0001';

function task(over: Partial<UserTaskEntity> = {}): UserTaskEntity {
  return Object.assign(new UserTaskEntity(), {
    id: '41',
    formKey: 'loanflow:follow-up',
    businessKey: LOAN,
    branchCode: 'BR-HZ',
    assignee: 'li.cm',
    state: 'open',
    version: 1,
    ...over,
  });
}

function absence(username: string, deputy: string): UserAbsenceEntity {
  return Object.assign(new UserAbsenceEntity(), {
    id: '7',
    username,
    deputy,
    startsOn: '2027-03-15',
    endsOn: '2027-03-19',
    reason: 'annual leave',
  });
}

/** Who handed which loan over, as the handover register answers. */
class FakeHandovers extends HandoverRecords {
  /** `loanId:username` of every loan item moved away from that person. */
  readonly moved = new Set<string>();
  readonly asked: string[] = [];

  async handedOver(loanId: string, username: string): Promise<boolean> {
    this.asked.push(`${loanId}:${username}`);
    return this.moved.has(`${loanId}:${username}`);
  }
  // The handovers' own reads and writes: not the routing's.
  async user(): Promise<null> {
    throw new Error('not used by the routing');
  }
  async loansManagedBy(): Promise<never[]> {
    throw new Error('not used by the routing');
  }
  async openTasksHeldBy(): Promise<UserTaskEntity[]> {
    throw new Error('not used by the routing');
  }
  async latestHandovers(): Promise<never[]> {
    throw new Error('not used by the routing');
  }
  async handover(): Promise<null> {
    throw new Error('not used by the routing');
  }
  async items(): Promise<never[]> {
    throw new Error('not used by the routing');
  }
  async transaction<T>(_work: (tx: HandoverTransaction) => Promise<T>): Promise<T> {
    throw new Error('not used by the routing');
  }
}

function routing() {
  const handovers = new FakeHandovers();
  /** Absences by the person away. */
  const away = new Map<string, UserAbsenceEntity>();
  /** Deputies who may not take the task: the unit whose center is told. */
  const deputyRefused = new Map<string, string>();
  const looked: string[] = [];
  const routed: UserTaskEntity[] = [];
  const told: { taskId: string; absenceId: string; unit: string }[] = [];
  const absences = {
    activeAbsence: async (username: string, day: string) => {
      looked.push(`${username} on ${day}`);
      return away.get(username) ?? null;
    },
    routeNew: async (t: UserTaskEntity, a: UserAbsenceEntity): Promise<AbsenceRoute> => {
      routed.push(t);
      const unit = deputyRefused.get(a.deputy);
      return unit
        ? {
            assignee: null,
            reason: `${a.username} is away and the deputy ${a.deputy} may not take it: offered to the task's group`,
            tellCenterOf: unit,
          }
        : {
            assignee: a.deputy,
            reason: `${a.username} is away: given to the deputy ${a.deputy}`,
            tellCenterOf: null,
          };
    },
    tellCenter: async (t: UserTaskEntity, a: UserAbsenceEntity, unit: string) =>
      void told.push({ taskId: t.id, absenceId: a.id, unit }),
  } as unknown as AbsenceRouting;
  const clock = { today: async () => TODAY } as unknown as BusinessClock;
  return {
    service: new TaskRouting(handovers, absences, clock),
    handovers,
    away,
    deputyRefused,
    looked,
    routed,
    told,
  };
}

describe('TaskRouting: where a task the model gives one person goes', () => {
  it('leaves it with the model’s person when they neither handed the loan over nor are away', async () => {
    const { service, looked } = routing();
    await expect(service.route(task(), 'li.cm')).resolves.toEqual({
      assignee: 'li.cm',
      reason: null,
    });
    await expect(service.route(task({ assignee: 'wang.reviewer' }), 'li.cm')).resolves.toEqual({
      assignee: 'wang.reviewer',
      reason: null,
    });
    expect(looked).toEqual([`li.cm on ${TODAY}`, `wang.reviewer on ${TODAY}`]);
  });

  it('gives the task of a loan its person handed over to the customer manager the register names', async () => {
    const { service, handovers } = routing();
    handovers.moved.add(`${LOAN}:li.cm`);
    await expect(service.route(task(), 'zhou.cm')).resolves.toEqual({
      assignee: 'zhou.cm',
      reason: 'li.cm handed this loan over: given to its customer manager zhou.cm',
    });
  });

  it('asks about a handover only when the register names someone else for a loan', async () => {
    const { service, handovers } = routing();
    handovers.moved.add(`${LOAN}:li.cm`);
    await expect(service.route(task(), null)).resolves.toMatchObject({ assignee: 'li.cm' });
    await expect(service.route(task(), 'li.cm')).resolves.toMatchObject({ assignee: 'li.cm' });
    await expect(service.route(task({ businessKey: null }), 'zhou.cm')).resolves.toMatchObject({
      assignee: 'li.cm',
    });
    expect(handovers.asked).toEqual([]);
    // Someone who handed over another loan keeps this one's tasks.
    await expect(
      service.route(task({ businessKey: 'LN20270310-HZ0002' }), 'zhou.cm'),
    ).resolves.toMatchObject({ assignee: 'li.cm', reason: null });
    expect(handovers.asked).toEqual(['LN20270310-HZ0002:li.cm']);
  });

  it('leaves a task for the pool in the pool, asking about no one', async () => {
    const { service, handovers, looked } = routing();
    await expect(service.route(task({ assignee: null }), 'zhou.cm')).resolves.toEqual({
      assignee: null,
      reason: null,
    });
    expect(handovers.asked).toEqual([]);
    expect(looked).toEqual([]);
  });

  it('gives the task of someone away today to their deputy', async () => {
    const { service, away, routed } = routing();
    away.set('li.cm', absence('li.cm', 'zhou.cm'));
    const routedTask = await service.route(task(), 'li.cm');
    expect(routedTask).toEqual({
      assignee: 'zhou.cm',
      reason: 'li.cm is away: given to the deputy zhou.cm',
      unrouted: undefined,
    });
    expect(routed.map((t) => t.assignee)).toEqual(['li.cm']);
  });

  it('routes the successor’s absence after a handover, giving both reasons', async () => {
    const { service, handovers, away, routed, looked } = routing();
    handovers.moved.add(`${LOAN}:li.cm`);
    away.set('zhou.cm', absence('zhou.cm', 'xu.cm'));
    const routedTask = await service.route(task(), 'zhou.cm');
    expect(routedTask).toMatchObject({
      assignee: 'xu.cm',
      reason:
        'li.cm handed this loan over: given to its customer manager zhou.cm; zhou.cm is away: given to the deputy xu.cm',
    });
    expect(looked).toEqual([`zhou.cm on ${TODAY}`]);
    expect(routed.map((t) => [t.id, t.assignee])).toEqual([['41', 'zhou.cm']]);
  });

  it('offers it to the pool when the deputy may not take it, and tells the center only when asked to', async () => {
    const { service, away, deputyRefused, told } = routing();
    away.set('li.cm', absence('li.cm', 'zhou.cm'));
    deputyRefused.set('zhou.cm', 'BR-HZ');
    const routedTask = await service.route(task(), 'li.cm');
    expect(routedTask).toMatchObject({
      assignee: null,
      reason: "li.cm is away and the deputy zhou.cm may not take it: offered to the task's group",
    });
    expect(told).toEqual([]);
    await routedTask.unrouted?.();
    expect(told).toEqual([{ taskId: '41', absenceId: '7', unit: 'BR-HZ' }]);
  });
});
