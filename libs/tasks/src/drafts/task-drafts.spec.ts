import type { AuditAct, AuditTrail } from '@loanflow/audit';
import { TaskDraftEntity, UserTaskEntity } from '@loanflow/persistence';
import { InMemoryTransactions } from '@loanflow/test-support/in-memory-transactions';
import { staffPrincipal } from '@loanflow/test-support/principals';
import { TaskDraftRecords, TaskDraftTransaction } from './task-draft-records';
import { TaskDrafts } from './task-drafts';

const li = staffPrincipal('li.cm', ['customer-manager'], 'BR-HZ');
const zhou = staffPrincipal('zhou.cm', ['customer-manager'], 'BR-HZ');
const LOAN = 'LN20270301-7QK2M4';

interface State {
  tasks: UserTaskEntity[];
  drafts: TaskDraftEntity[];
  audited: AuditAct[];
}

function task(id: string, over: Partial<UserTaskEntity> = {}): UserTaskEntity {
  return Object.assign(new UserTaskEntity(), {
    id,
    formKey: 'loanflow:collect-documents',
    businessKey: LOAN,
    branchCode: 'BR-HZ',
    assignee: 'li.cm',
    state: 'open',
    endReason: null,
    ...over,
  });
}

/** The inbox's tasks and drafts in memory; a transaction that throws leaves nothing. */
class FakeDraftRecords extends TaskDraftRecords {
  readonly register = new InMemoryTransactions<State>(
    {
      tasks: [
        task('1'),
        task('2', { assignee: null }),
        task('3', { assignee: 'zhou.cm' }),
        task('4', { state: 'completed', endReason: 'completed by li.cm' }),
        task('5', { state: 'cancelled' }),
      ],
      drafts: [],
      audited: [],
    },
    (state) => structuredClone(state),
  );
  /** What another request does while this one waits for the task's lock. */
  meanwhile: (state: State) => void = () => {};

  get state(): State {
    return this.register.state;
  }

  async task(taskId: string) {
    return this.state.tasks.find((t) => t.id === taskId) ?? null;
  }
  async draft(taskId: string, owner: string) {
    return this.state.drafts.find((d) => d.taskId === taskId && d.owner === owner) ?? null;
  }
  async discard(taskId: string, owner: string) {
    this.state.drafts = this.state.drafts.filter((d) => d.taskId !== taskId || d.owner !== owner);
  }
  transaction<T>(work: (tx: TaskDraftTransaction) => Promise<T>): Promise<T> {
    return this.register.run((s) => {
      const tx: TaskDraftTransaction = {
        lockTask: async (taskId) => {
          this.meanwhile(s);
          return s.tasks.find((t) => t.id === taskId) ?? null;
        },
        saveDraft: async (draft) => {
          s.drafts = s.drafts.filter((d) => d.taskId !== draft.taskId || d.owner !== draft.owner);
          s.drafts.push({ ...draft });
        },
        audit: async (act) => void s.audited.push(act),
      };
      return work(tx);
    });
  }
}

function drafts(records = new FakeDraftRecords()) {
  const refusals: AuditAct[] = [];
  const audit = {
    record: async (act: AuditAct) => void refusals.push(act),
  } as unknown as AuditTrail;
  return { service: new TaskDrafts(records, audit), records, refusals };
}

const answer = { income: '20000.00', note: '待补充工资流水' };

describe('drafts of a task form', () => {
  it('saves the assignee’s half-filled form, audited as never sent to the engine, and reads it back', async () => {
    const { service, records, refusals } = drafts();
    const saved = await service.save(li, '1', answer);
    expect(saved).toEqual({
      taskId: '1',
      answer,
      savedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
    });
    expect(records.state.drafts).toEqual([
      expect.objectContaining({
        taskId: '1',
        owner: 'li.cm',
        loanId: LOAN,
        answer: JSON.stringify(answer),
      }),
    ]);
    expect(records.state.audited).toEqual([
      {
        actor: { username: 'li.cm', roles: ['customer-manager'], orgUnitCode: 'BR-HZ' },
        action: 'task.draft-save',
        outcome: 'ok',
        loanKey: LOAN,
        taskId: '1',
        inputs: answer,
        reason: 'draft saved; not sent to the engine',
      },
    ]);
    expect(await service.read(li, '1')).toEqual(saved);
    expect(refusals).toEqual([]);
  });

  it('keeps one draft per task and person: a second save replaces the first', async () => {
    const { service, records } = drafts();
    await service.save(li, '1', { income: '1' });
    await service.save(li, '1', answer);
    expect(records.state.drafts).toHaveLength(1);
    expect((await service.read(li, '1')).answer).toEqual(answer);
    expect(records.state.audited.map((act) => act.action)).toEqual([
      'task.draft-save',
      'task.draft-save',
    ]);
  });

  it('answers DRAFT_NOT_FOUND to the assignee with no draft', async () => {
    const { service, refusals } = drafts();
    await expect(service.read(li, '1')).rejects.toThrowDomainError('DRAFT_NOT_FOUND', {
      message: 'You have no draft of task 1.',
    });
    expect(refusals).toEqual([]);
  });

  it('discards the assignee’s draft', async () => {
    const { service, records } = drafts();
    await service.save(li, '1', answer);
    await service.discard(li, '1');
    expect(records.state.drafts).toEqual([]);
    await expect(service.read(li, '1')).rejects.toThrowDomainError('DRAFT_NOT_FOUND');
  });

  it('refuses whoever does not hold the task, audited with the action, and touches no draft', async () => {
    const records = new FakeDraftRecords();
    const { service, refusals } = drafts(records);
    await service.save(li, '1', answer);
    await expect(service.read(zhou, '1')).rejects.toThrowDomainError('NOT_ASSIGNEE', {
      message: 'Only the assignee may keep a draft of this task.',
    });
    await expect(service.save(zhou, '1', { income: '0' })).rejects.toThrowDomainError(
      'NOT_ASSIGNEE',
    );
    await expect(service.discard(zhou, '1')).rejects.toThrowDomainError('NOT_ASSIGNEE');
    expect(refusals).toEqual([
      {
        actor: { username: 'zhou.cm', roles: ['customer-manager'], orgUnitCode: 'BR-HZ' },
        action: 'task.draft-read',
        outcome: 'refused',
        loanKey: LOAN,
        taskId: '1',
        reason: 'NOT_ASSIGNEE: Only the assignee may keep a draft of this task.',
      },
      expect.objectContaining({ action: 'task.draft-save', outcome: 'refused' }),
      expect.objectContaining({ action: 'task.draft-discard', outcome: 'refused' }),
    ]);
    expect(records.state.drafts).toEqual([expect.objectContaining({ owner: 'li.cm' })]);
    expect(records.state.audited.map((act) => act.outcome)).toEqual(['ok']);
  });

  it('asks for a claim first on a task in the pool', async () => {
    const { service, records, refusals } = drafts();
    await expect(service.save(li, '2', answer)).rejects.toThrowDomainError('NOT_ASSIGNEE', {
      message: 'Claim the task before saving or reading a draft of it.',
    });
    expect(refusals.map((act) => act.reason)).toEqual([
      'NOT_ASSIGNEE: Claim the task before saving or reading a draft of it.',
    ]);
    expect(records.state.drafts).toEqual([]);
  });

  it('refuses a task that has ended, naming why, and one that does not exist, unaudited', async () => {
    const { service, refusals } = drafts();
    await expect(service.save(li, '4', answer)).rejects.toThrowDomainError('TASK_ENDED', {
      message: 'This task has ended: completed by li.cm.',
    });
    await expect(service.read(li, '5')).rejects.toThrowDomainError('TASK_ENDED', {
      message: 'This task has ended: cancelled.',
    });
    await expect(service.read(li, '99')).rejects.toThrowDomainError('TASK_NOT_FOUND', {
      message: 'There is no task 99.',
    });
    expect(refusals.map((act) => [act.action, act.outcome, act.reason])).toEqual([
      ['task.draft-save', 'refused', 'TASK_ENDED: This task has ended: completed by li.cm.'],
      ['task.draft-read', 'refused', 'TASK_ENDED: This task has ended: cancelled.'],
    ]);
  });

  it('writes nothing when the task ends or changes hands while the save waits for its lock', async () => {
    for (const change of [
      (t: UserTaskEntity) => Object.assign(t, { state: 'completed', endReason: 'completed' }),
      (t: UserTaskEntity) => Object.assign(t, { assignee: 'zhou.cm' }),
    ]) {
      const records = new FakeDraftRecords();
      records.meanwhile = (s) => {
        const held = s.tasks.find((t) => t.id === '1');
        if (held) change(held);
      };
      const { service } = drafts(records);
      await expect(service.save(li, '1', answer)).rejects.toThrowDomainError('TASK_ENDED', {
        message: 'Task 1 is no longer open for you.',
      });
      expect(records.state.drafts).toEqual([]);
      expect(records.state.audited).toEqual([]);
    }
  });
});
