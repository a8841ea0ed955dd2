import type { components } from '@loanflow/api-client';
import { addWorkingDays } from '@loanflow/domain';
import { AuditEntryEntity, ComplaintEntity } from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { TasksWorkersModule } from '@loanflow/tasks';
import { endEventOf, fixtureLoanId, modelPath, stackSuite } from '../support';
import { anyNumber } from '../support/expected-text';

type ErrorAnswer = Required<components['schemas']['ErrorAnswer']>;

const ANSWER = 'loanflow:complaint-answer';
const TEXT = '客户反映催收员晚上十点以后打电话催收，并向其同事透露欠款情况，电话 13812345678';

/**
 * Complaints on the real broker: recorded by a customer manager, handed to the handler with a
 * deadline of 5 working days, answered in time from the inbox; the text and the answer stay in the
 * register, encrypted, never in the engine; figures per unit and category.
 */
describe('complaints: recorded, assigned, answered in time', () => {
  const suite = stackSuite({
    models: [modelPath('complaint-handling.bpmn')],
    workers: [TasksWorkersModule, ServicingWorkersModule],
    api: true,
  });
  let loanId: string;

  beforeAll(async () => {
    loanId = fixtureLoanId();
    await suite.stack.registerLoan(loanId, 'SB-HZ-XH');
  });

  const complaintRow = (id: string) =>
    suite.dataSource.getRepository(ComplaintEntity).findOneByOrFail({ id });
  const countOf = () => suite.dataSource.getRepository(ComplaintEntity).countBy({ loanId });

  it('refuses bad input naming each field, and writes nothing', async () => {
    const before = await countOf();
    const bad = await suite.staff.post('li.cm', `/api/loans/${loanId}/complaints`, {
      category: 'rudeness',
      channel: 'phone',
      text: 'short',
    });
    expect(bad.status).toBe(400);
    expect(
      (bad.body as ErrorAnswer).fieldErrors.map((e: { field: string }) => e.field).sort(),
    ).toEqual(['category', 'text']);
    // The handler may not be someone the complaint is about, nor someone of another branch.
    const involved = await suite.staff.post('li.cm', `/api/loans/${loanId}/complaints`, {
      category: 'collection-conduct',
      channel: 'phone',
      text: TEXT,
      staffInvolved: ['lin.collection'],
      handler: 'lin.collection',
    });
    expect(involved.status).toBe(400);
    expect((involved.body as ErrorAnswer).fieldErrors).toEqual([
      expect.objectContaining({ field: 'handler' }),
    ]);
    const ningbo = await suite.staff.post('li.cm', `/api/loans/${loanId}/complaints`, {
      category: 'collection-conduct',
      channel: 'phone',
      text: TEXT,
      handler: 'sun.cm',
    });
    expect(ningbo.status).toBe(400);
    expect((ningbo.body as ErrorAnswer).fieldErrors[0]).toMatchObject({ field: 'handler' });
    expect((ningbo.body as ErrorAnswer).fieldErrors[0].reasons[0]).toMatch(/unit/);
    const ghost = await suite.staff.post('li.cm', `/api/loans/${loanId}/complaints`, {
      category: 'other',
      channel: 'phone',
      text: TEXT,
      staffInvolved: ['no.such.person'],
    });
    expect(ghost.status).toBe(400);
    expect((ghost.body as ErrorAnswer).fieldErrors[0]).toMatchObject({ field: 'staffInvolved' });
    expect(await countOf()).toBe(before);
    // A reviewer serves no customer: 403 with its audit row.
    const refusals = () =>
      suite.dataSource
        .getRepository(AuditEntryEntity)
        .countBy({ actor: 'wang.reviewer', action: 'access.refused', outcome: 'refused' });
    const refusedBefore = await refusals();
    const reviewer = await suite.staff.post('wang.reviewer', `/api/loans/${loanId}/complaints`, {
      category: 'other',
      channel: 'phone',
      text: TEXT,
    });
    expect(reviewer.status).toBe(403);
    expect((reviewer.body as ErrorAnswer).code).toBe('ROLE_REQUIRED');
    expect(await refusals()).toBe(refusedBefore + 1);
  });

  it('hands the complaint to the customer manager with 5 working days, and records the answer given in time', async () => {
    const now = await suite.stack.clock.now();
    const filed = await suite.staff.post('li.cm', `/api/loans/${loanId}/complaints`, {
      category: 'collection-conduct',
      channel: 'phone',
      text: TEXT,
      staffInvolved: ['lin.collection'],
    });
    expect(filed.status).toBe(201);
    const expected = addWorkingDays(now, 5);
    expect(filed.body).toMatchObject({
      loanId,
      unitCode: 'SB-HZ-XH',
      category: 'collection-conduct',
      handler: 'li.cm',
      level: 'handler',
      status: 'open',
      standing: 'open',
      staffInvolved: ['lin.collection'],
      workingDays: 5,
      dueOn: expected.dueDate,
      dueAt: expected.dueAt.toISOString(),
    });
    const id = (filed.body as { id: string }).id;
    // The text is personal data: encrypted at rest, masked in answers, never in the engine.
    const [raw] = await suite.dataSource.query<
      {
        body: string;
      }[]
    >(`SELECT body FROM complaint WHERE id = ?`, [id]);
    expect(raw.body).toMatch(/^enc:v1:/);
    expect((filed.body as { text: unknown }).text).toContain('138****5678');
    // The exporter writes the instance's variables a moment after the 201.
    await suite.stack.records.waitFor(
      'VARIABLE',
      (r) =>
        String(r.value.processInstanceKey) ===
          (filed.body as { processInstanceKey: string }).processInstanceKey &&
        r.value.name === 'complaintId',
    );
    const variables = await suite.stack.records.all('VARIABLE');
    const ofInstance = variables.filter(
      (r) =>
        String(r.value.processInstanceKey) ===
        (filed.body as { processInstanceKey: string }).processInstanceKey,
    );
    expect(ofInstance.map((r) => r.value.name)).toEqual(expect.arrayContaining(['complaintId']));
    expect(JSON.stringify(ofInstance)).not.toContain('催收员');

    // The handler's task is in the inbox, with what it is about.
    const task = await suite.staff.waitForTask('li.cm', loanId, ANSWER);
    const detail = await suite.staff.get('li.cm', `/api/tasks/${task.id}`);
    expect((detail.body as { context: unknown }).context).toMatchObject({
      complaintId: id,
      complaintCategory: 'collection-conduct',
      complaintLevel: 'handler',
      complaintDueAt: expected.dueAt.toISOString(),
    });
    // Only the named handler is offered it; the collection officer it is about is not.
    const theirs = await suite.staff.get(
      'lin.collection',
      `/api/tasks?loan=${loanId}&type=${ANSWER}`,
    );
    expect((theirs.body as { items: unknown[] }).items).toEqual([]);

    const answered = await suite.staff.post('li.cm', `/api/tasks/${task.id}/complete`, {
      answer: {
        resolution: 'upheld',
        answer: '已核实催收时间违规，已对催收员批评教育并向客户致歉，今后仅在 8:00–21:00 联系',
        customerInformed: true,
      },
    });
    expect(answered.status).toBe(200);
    const row = await complaintRow(id);
    expect(row).toMatchObject({
      status: 'answered',
      resolution: 'upheld',
      answeredBy: 'li.cm',
      level: 'handler',
    });
    expect(row.answeredAt!.getTime()).toBeLessThanOrEqual(row.dueAt.getTime());
    const [rawAnswer] = await suite.dataSource.query<{ answer: string }[]>(
      `SELECT answer FROM complaint WHERE id = ?`,
      [id],
    );
    expect(rawAnswer.answer).toMatch(/^enc:v1:/);
    expect(
      await endEventOf(
        suite.stack.records,
        (filed.body as { processInstanceKey: string }).processInstanceKey,
      ),
    ).toBe('ComplaintClosed');

    // The center manager reads it with its answer; the loan's audit trail has both acts.
    const shown = await suite.staff.get('chen.center', `/api/loans/${loanId}/complaints/${id}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ standing: 'answered', resolution: 'upheld' });
    expect((shown.body as { answer: unknown }).answer).toContain('致歉');
    const trail = await suite.staff.get('chen.center', `/api/loans/${loanId}/audit`);
    const actions = (trail.body as { action: string }[]).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['complaint.file', 'task.complete']));
    expect(JSON.stringify(trail.body)).not.toContain('催收员');
  });

  it('gives a complaint about the customer manager to the branch’s center managers, and refuses an answer by the person it is about', async () => {
    const filed = await suite.staff.post('lin.collection', `/api/loans/${loanId}/complaints`, {
      category: 'service-attitude',
      channel: 'counter',
      text: '客户反映客户经理在办理时态度恶劣，多次不接电话',
      staffInvolved: ['li.cm'],
    });
    expect(filed.status).toBe(201);
    expect((filed.body as { handler: unknown }).handler).toBeNull();
    const task = await suite.staff.waitForTask('chen.center', loanId, ANSWER);
    const mine = await suite.staff.get('li.cm', `/api/tasks?loan=${loanId}&type=${ANSWER}`);
    expect((mine.body as { items: unknown[] }).items).toEqual([]);
    const done = await suite.staff.post('chen.center', `/api/tasks/${task.id}/complete`, {
      answer: {
        resolution: 'partly-upheld',
        answer: '已约谈客户经理并调整其客户联系安排，向客户说明情况',
        customerInformed: true,
      },
    });
    expect(done.status).toBe(200);
    expect((await complaintRow((filed.body as { id: string }).id)).answeredBy).toBe('chen.center');
  });

  it('counts complaints per unit and category for the units a reader oversees', async () => {
    const hangzhou = await suite.staff.get('chen.center', '/api/complaints/figures');
    expect(hangzhou.status).toBe(200);
    const row = (hangzhou.body as { rows: { unitCode: string; category: string }[] }).rows.find(
      (r) => r.unitCode === 'SB-HZ-XH' && r.category === 'collection-conduct',
    );
    expect(row).toMatchObject({ open: anyNumber(), answered: anyNumber() });
    expect((row as unknown as { answered: number }).answered).toBeGreaterThanOrEqual(1);
    const ningbo = await suite.staff.get('wu.center', '/api/complaints/figures');
    expect(
      (ningbo.body as { rows: { unitCode: string }[] }).rows.some((r) => r.unitCode.includes('HZ')),
    ).toBe(false);
    const list = await suite.staff.get('wu.center', '/api/complaints');
    expect(
      (list.body as { items: { loanId: string }[] }).items.some((c) => c.loanId === loanId),
    ).toBe(false);
    // The complaints about one member of staff.
    const aboutLin = await suite.staff.get('chen.center', '/api/complaints?staff=lin.collection');
    expect(aboutLin.status).toBe(200);
    expect((aboutLin.body as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(1);
    for (const item of (aboutLin.body as { items: { staffInvolved: string[] }[] }).items)
      expect(item.staffInvolved).toContain('lin.collection');
    const badFilter = await suite.staff.get('chen.center', '/api/complaints?status=late');
    expect(badFilter.status).toBe(400);
    expect((badFilter.body as ErrorAnswer).fieldErrors[0]).toMatchObject({ field: 'status' });
    // Another branch's loan answers as a missing one.
    const outside = await suite.staff.get('wu.center', `/api/loans/${loanId}/complaints`);
    expect(outside.status).toBe(404);
  });
});
