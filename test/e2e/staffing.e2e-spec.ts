import type { components } from '@loanflow/api-client';
import {
  AuditEntryEntity,
  NotificationEntity,
  UserAbsenceEntity,
  UserEntity,
  UserRoleEntity,
  UserTaskEntity,
} from '@loanflow/persistence';
import { AbsenceSweep, TasksWorkersModule } from '@loanflow/tasks';
import type { ZeebeClient } from '@loanflow/workflow';
import { eventually, fixturePath, GOOD_INVESTIGATION, loanVariables, stackSuite } from '../support';
import { anyText } from '../support/expected-text';

type ErrorAnswer = Required<components['schemas']['ErrorAnswer']>;

const VISIT = 'loanflow:investigation-report';

/**
 * Absences with deputies, bulk reassignment and handovers, on the real broker and database. The
 * people away and handing over are made for this spec (so no other spec's tasks are rerouted);
 * their deputies and successors pass, or fail, the same checks as a delegation.
 */
describe('staffing: absences with a deputy, bulk reassignment, handover', () => {
  const suite = stackSuite({
    models: [fixturePath('assigned-tasks.bpmn'), fixturePath('credit-decision.bpmn')],
    workers: [TasksWorkersModule],
    api: true,
  });
  let zeebe: ZeebeClient;
  const run = Date.now().toString(36).slice(-6);
  // Each person is a customer manager of the Xihu sub-branch with an ID number of their own.
  const people = {
    away: { username: `away${run}.cm`, idNumber: '110101198001010011' },
    deputy: { username: `dep${run}.cm`, idNumber: '110101198002020022' },
    leaving: { username: `leave${run}.cm`, idNumber: '110101198003030033' },
    successor: { username: `succ${run}.cm`, idNumber: '110101198004040044' },
    twice: { username: `twice${run}.cm`, idNumber: '110101198005050055' },
  };

  beforeAll(async () => {
    zeebe = suite.stack.zeebe;
    // Same password as the demo users: their hash is reused.
    const { passwordHash } = await suite.dataSource
      .getRepository(UserEntity)
      .findOneByOrFail({ username: 'li.cm' });
    for (const [i, person] of Object.values(people).entries()) {
      const user = await suite.dataSource.getRepository(UserEntity).save({
        username: person.username,
        displayName: `测试 Test ${i}`,
        orgUnitCode: 'SB-HZ-XH',
        idNumber: person.idNumber,
        passwordHash,
        active: true,
      });
      await suite.dataSource
        .getRepository(UserRoleEntity)
        .insert({ userId: user.id, role: 'customer-manager' });
    }
  });

  suite.beforeClose(async () => {
    // Absences of these people end with the spec: nothing of theirs lingers for other runs.
    await suite.dataSource
      .getRepository(UserAbsenceEntity)
      .update({ username: people.away.username }, { cancelledAt: new Date() });
  });

  /** A fixture loan with the given customer manager (and applicant), its process started. */
  async function loanOf(
    customerManager: string,
    process: 'test-assigned-tasks' | 'test-credit-decision',
    applicantIdNumber?: string,
  ) {
    const variables = { ...loanVariables(), customerManager };
    await suite.stack.registerLoan(variables.businessKey, 'SB-HZ-XH', { applicantIdNumber });
    await suite.dataSource.query(`UPDATE loan SET customer_manager = ? WHERE id = ?`, [
      customerManager,
      variables.businessKey,
    ]);
    await zeebe.createProcessInstance({ bpmnProcessId: process, variables });
    return variables.businessKey;
  }

  const taskRow = (loanId: string) =>
    eventually(
      () =>
        suite.dataSource
          .getRepository(UserTaskEntity)
          .findOneBy({ businessKey: loanId, state: 'open' }),
      (row) => row !== null,
    ).then((row) => row!);

  const auditOf = (loanId: string, action: string) =>
    suite.dataSource.getRepository(AuditEntryEntity).findBy({ loanKey: loanId, action });

  it('refuses absences without a fitting deputy, overlapping ones and declarations for others by non-managers', async () => {
    const today = (
      (await suite.staff.get('li.cm', '/api/system/business-date')).body as { date: string }
    ).date;
    const noRole = await suite.staff.post(people.away.username, '/api/absences', {
      deputy: 'wang.reviewer',
      startsOn: today,
      endsOn: today,
      reason: 'annual leave',
    });
    expect(noRole.status).toBe(400);
    expect((noRole.body as ErrorAnswer).fieldErrors).toEqual([
      { field: 'deputy', reasons: [expect.stringContaining('holds none of')] },
    ]);
    const backwards = await suite.staff.post(people.away.username, '/api/absences', {
      deputy: people.deputy.username,
      startsOn: today,
      endsOn: '2020-01-01',
      reason: 'annual leave',
    });
    expect(backwards.status).toBe(400);
    expect((backwards.body as ErrorAnswer).fieldErrors[0].field).toBe('endsOn');
    const forOther = await suite.staff.post('li.cm', '/api/absences', {
      username: people.away.username,
      deputy: people.deputy.username,
      startsOn: today,
      endsOn: today,
      reason: 'sick leave',
    });
    expect(forOther.status).toBe(403);
    expect((forOther.body as ErrorAnswer).code).toBe('ABSENCE_FORBIDDEN');
    const refusals = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ actor: 'li.cm', action: 'absence.declare', outcome: 'refused' });
    expect(refusals.length).toBeGreaterThan(0);
  });

  it('takes one of two overlapping declarations sent at once', async () => {
    const today = (
      (await suite.staff.get('li.cm', '/api/system/business-date')).body as { date: string }
    ).date;
    const declare = () =>
      suite.staff.post(people.twice.username, '/api/absences', {
        deputy: people.deputy.username,
        startsOn: today,
        endsOn: today,
        reason: 'sent twice',
      });
    const answers = await Promise.all([declare(), declare()]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const created = answers.find((a) => a.status === 201)!;
    const cancelled = await suite.staff.post(
      people.twice.username,
      `/api/absences/${(created.body as { id: string }).id}/cancel`,
    );
    expect((cancelled.body as { state: unknown }).state).toBe('cancelled');
  });

  it('moves the tasks the person holds at the start, routes new ones to the deputy while it lasts, and to the pool when the deputy may not take them', async () => {
    const held = await loanOf(people.away.username, 'test-assigned-tasks');
    // The deputy is the applicant of this one: a conflict of interest.
    const ownLoan = await loanOf(
      people.away.username,
      'test-assigned-tasks',
      people.deputy.idNumber,
    );
    expect((await taskRow(held)).assignee).toBe(people.away.username);
    expect((await taskRow(ownLoan)).assignee).toBe(people.away.username);

    const today = (
      (await suite.staff.get('li.cm', '/api/system/business-date')).body as { date: string }
    ).date;
    const declared = await suite.staff.post('chen.center', '/api/absences', {
      username: people.away.username,
      deputy: people.deputy.username,
      startsOn: today,
      endsOn: today,
      reason: 'training in Shanghai',
    });
    expect(declared.status).toBe(201);
    expect(declared.body).toMatchObject({ state: 'active', declaredBy: 'chen.center' });
    const heldTask = await taskRow(held);
    const ownTask = await taskRow(ownLoan);
    expect((declared.body as { moves: unknown }).moves).toEqual({
      moved: [heldTask.id],
      released: [ownTask.id],
    });
    expect(heldTask.assignee).toBe(people.deputy.username);
    expect(ownTask.assignee).toBeNull();
    // Back in the pool, where another customer manager of the sub-branch finds it.
    await suite.staff.waitForTask('li.cm', ownLoan, VISIT);
    const told = await suite.dataSource
      .getRepository(NotificationEntity)
      .findOneBy({ loanId: ownLoan, kind: 'absence-unrouted' });
    expect(told).toMatchObject({ channel: 'inbox', recipient: 'role:center-manager:SB-HZ-XH' });
    expect((await auditOf(held, 'task.absence'))[0].reason).toContain(
      `given to the deputy ${people.deputy.username}`,
    );

    const overlapping = await suite.staff.post(people.away.username, '/api/absences', {
      deputy: people.deputy.username,
      startsOn: today,
      endsOn: today,
      reason: 'again',
    });
    expect(overlapping.status).toBe(409);
    expect((overlapping.body as ErrorAnswer).code).toBe('ABSENCE_OVERLAPS');

    // A task created while the absence lasts goes to the deputy at once.
    const later = await loanOf(people.away.username, 'test-assigned-tasks');
    const routed = await taskRow(later);
    expect(routed.assignee).toBe(people.deputy.username);
    expect((await auditOf(later, 'task.route'))[0].reason).toContain(
      `${people.away.username} → ${people.deputy.username}`,
    );
    const listed = await suite.staff.get(people.deputy.username, '/api/absences');
    expect(listed.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: (declared.body as { id: string }).id, state: 'active' }),
      ]),
    );

    // Cancelled, it routes nothing: the next task is the person's again.
    const cancelled = await suite.staff.post(
      people.away.username,
      `/api/absences/${(declared.body as { id: string }).id}/cancel`,
    );
    expect((cancelled.body as { state: unknown }).state).toBe('cancelled');
    const back = await loanOf(people.away.username, 'test-assigned-tasks');
    expect((await taskRow(back)).assignee).toBe(people.away.username);
  });

  it('starts an absence declared ahead on its first day (the workers’ pass)', async () => {
    const held = await loanOf(people.away.username, 'test-assigned-tasks');
    expect((await taskRow(held)).assignee).toBe(people.away.username);
    const today = (
      (await suite.staff.get('li.cm', '/api/system/business-date')).body as { date: string }
    ).date;
    // As if declared last week for today: not yet started.
    await suite.dataSource.getRepository(UserAbsenceEntity).insert({
      username: people.away.username,
      deputy: people.deputy.username,
      startsOn: today,
      endsOn: today,
      reason: 'declared ahead',
      declaredBy: people.away.username,
      claimedMovedAt: null,
      cancelledAt: null,
      cancelledBy: null,
    });
    expect(await suite.stack.workers!.get(AbsenceSweep).run()).toBeGreaterThanOrEqual(1);
    expect((await taskRow(held)).assignee).toBe(people.deputy.username);
    // Once: a second pass moves nothing again.
    expect(await suite.stack.workers!.get(AbsenceSweep).run()).toBe(0);
  });

  it('reassigns many tasks in one act, each checked as a delegation, with one result per task', async () => {
    const a = await loanOf('li.cm', 'test-credit-decision');
    const conflicted = await loanOf('li.cm', 'test-credit-decision', people.successor.idNumber);
    const ningbo = loanVariables({ branchCode: 'SB-NB-YZ' });
    await suite.stack.registerLoan(ningbo.businessKey, 'SB-NB-YZ');
    await zeebe.createProcessInstance({ bpmnProcessId: 'test-credit-decision', variables: ningbo });
    const ids = [
      (await taskRow(a)).id,
      (await taskRow(conflicted)).id,
      (await taskRow(ningbo.businessKey)).id,
    ];
    const forbidden = await suite.staff.post('wang.reviewer', '/api/tasks/bulk-assign', {
      taskIds: ids,
      assignee: people.successor.username,
    });
    expect(forbidden.status).toBe(403);

    const bulk = await suite.staff.post('chen.center', '/api/tasks/bulk-assign', {
      taskIds: ids,
      assignee: people.successor.username,
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body).toMatchObject({ done: 1, refused: 2 });
    expect((bulk.body as { results: unknown }).results).toEqual([
      { taskId: ids[0], outcome: 'ok' },
      expect.objectContaining({ taskId: ids[1], outcome: 'refused', code: 'CONFLICT_OF_INTEREST' }),
      // Another branch’s task answers as missing, as the single routes do.
      expect.objectContaining({ taskId: ids[2], outcome: 'refused', code: 'TASK_NOT_FOUND' }),
    ]);
    expect((await taskRow(a)).assignee).toBe(people.successor.username);
    expect((await taskRow(conflicted)).assignee).toBeNull();

    const released = await suite.staff.post('chen.center', '/api/tasks/bulk-assign', {
      taskIds: [ids[0]],
      assignee: null,
    });
    expect(released.body).toMatchObject({ done: 1, refused: 0 });
    expect((await taskRow(a)).assignee).toBeNull();
  });

  it('hands a leaver’s loans and tasks to the successor in one act; later tasks of those loans follow', async () => {
    const loan = await loanOf(people.leaving.username, 'test-assigned-tasks');
    // A loan the successor may not serve: they are its applicant.
    const theirs = await loanOf(
      people.leaving.username,
      'test-assigned-tasks',
      people.successor.idNumber,
    );
    const visit = await taskRow(loan);
    const theirsTask = await taskRow(theirs);
    expect(visit.assignee).toBe(people.leaving.username);

    expect(
      (
        await suite.staff.post('li.cm', '/api/handovers', {
          from: people.leaving.username,
          to: people.successor.username,
          reason: 'moves to the Ningbo branch',
        })
      ).status,
    ).toBe(403);
    const same = await suite.staff.post('chen.center', '/api/handovers', {
      from: people.leaving.username,
      to: people.leaving.username,
      reason: 'a mistake',
    });
    expect(same.status).toBe(400);

    const handover = await suite.staff.post('chen.center', '/api/handovers', {
      from: people.leaving.username,
      to: people.successor.username,
      reason: 'moves to the Ningbo branch',
    });
    expect(handover.status).toBe(201);
    expect(handover.body).toMatchObject({
      from: people.leaving.username,
      to: people.successor.username,
      handedBy: 'chen.center',
    });
    expect((handover.body as { items: unknown[] }).items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'loan', loanId: loan, outcome: 'moved' }),
        expect.objectContaining({ kind: 'loan', loanId: theirs, outcome: 'kept' }),
        expect.objectContaining({ kind: 'task', taskId: visit.id, outcome: 'moved' }),
        expect.objectContaining({ kind: 'task', taskId: theirsTask.id, outcome: 'released' }),
      ]),
    );
    expect((await taskRow(loan)).assignee).toBe(people.successor.username);
    expect((await taskRow(theirs)).assignee).toBeNull();

    // The successor completes the visit; the follow-up the model gives the old customer manager
    // goes to the successor, whom the register now names.
    const done = await suite.staff.post(
      people.successor.username,
      `/api/tasks/${visit.id}/complete`,
      {
        answer: GOOD_INVESTIGATION,
      },
    );
    expect(done.status).toBe(200);
    const followUp = await eventually(
      () =>
        suite.dataSource
          .getRepository(UserTaskEntity)
          .findOneBy({ businessKey: loan, state: 'open', elementId: 'FollowUp' }),
      (row) => row !== null,
    );
    expect(followUp!.assignee).toBe(people.successor.username);

    const dossier = await suite.staff.get('chen.center', `/api/loans/${loan}`);
    expect(dossier.status).toBe(200);
    expect((dossier.body as { customerManager: unknown }).customerManager).toBe(
      people.successor.username,
    );
    expect((dossier.body as { responsibility: unknown }).responsibility).toEqual([
      expect.objectContaining({ username: people.leaving.username, until: anyText() }),
      expect.objectContaining({
        username: people.successor.username,
        until: null,
        handoverId: (handover.body as { id: string }).id,
      }),
    ]);
    const shown = await suite.staff.get(
      'jiang.audit',
      `/api/handovers/${(handover.body as { id: string }).id}`,
    );
    expect((shown.body as { items: unknown[] }).items).toHaveLength(
      (handover.body as { items: unknown[] }).items.length,
    );
    expect(await auditOf(loan, 'loan.handover')).toHaveLength(1);
  });
});
