import { addWorkingDays } from '@loanflow/domain';
import { AuditEntryEntity, ComplaintEntity } from '@loanflow/persistence';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { TasksWorkersModule } from '@loanflow/tasks';
import {
  advanceUntilTimersFire,
  endEventOf,
  eventually,
  fixtureLoanId,
  modelPath,
  ofInstance,
  stackSuite,
} from '../support';

const ANSWER = 'loanflow:complaint-answer';

/**
 * A complaint not answered in time, on the broker's clock: the timer carries the deadline computed
 * in working days (5 for the handler, 3 for each escalated level); the spec moves the clock past
 * it. The handler's task ends, the branch's center managers get it; late again, head office.
 */
describe('a late complaint escalates to the branch’s center managers, then head office', () => {
  const suite = stackSuite({
    models: [modelPath('complaint-handling.bpmn')],
    workers: [TasksWorkersModule, ServicingWorkersModule],
    api: true,
  });

  const complaint = (id: string) =>
    suite.dataSource.getRepository(ComplaintEntity).findOneByOrFail({ id });
  const moveTo = async (at: Date, instance: string) => {
    const now = (await suite.stack.clock.now()).getTime();
    await advanceUntilTimersFire(
      suite.stack.clock,
      suite.stack.records,
      at.getTime() - now + 60_000,
      ofInstance(instance),
    );
  };

  it('moves the answer up a level at each deadline, and counts it late once answered', async () => {
    const loanId = fixtureLoanId();
    await suite.stack.registerLoan(loanId, 'SB-HZ-XH');
    const filed = await suite.staff.post('li.cm', `/api/loans/${loanId}/complaints`, {
      category: 'fees-and-charges',
      channel: 'letter',
      text: '客户认为提前还款时被多收了违约金，要求退还并书面说明计算方法',
    });
    expect(filed.status).toBe(201);
    const complaintFiled = filed.body as { id: string; processInstanceKey: string; dueAt: string };
    const id = complaintFiled.id;
    const instance = complaintFiled.processInstanceKey;
    const handlerTask = await suite.staff.waitForTask('li.cm', loanId, ANSWER);

    // Past the 5th working day: the handler's task ends, the branch's center managers take it.
    await moveTo(new Date(complaintFiled.dueAt), instance);
    const atBranch = await eventually(
      () => complaint(id),
      (row) => row.level === 'branch',
    );
    expect(atBranch.level).toBe('branch');
    expect(atBranch.escalatedToBranchAt).not.toBeNull();
    expect(atBranch.levelDueAt.toISOString()).toBe(
      addWorkingDays(atBranch.escalatedToBranchAt!, 3).dueAt.toISOString(),
    );
    // The promise to the customer stays the first deadline.
    expect(atBranch.dueAt.toISOString()).toBe(complaintFiled.dueAt);
    const branchTask = await suite.staff.waitForTask('chen.center', loanId, ANSWER);
    expect(branchTask.id).not.toBe(handlerTask.id);
    const detail = await suite.staff.get('chen.center', `/api/tasks/${branchTask.id}`);
    expect((detail.body as { context: unknown }).context).toMatchObject({
      complaintId: id,
      complaintLevel: 'branch',
      complaintDueAt: atBranch.levelDueAt.toISOString(),
    });
    const tooLate = await suite.staff.post('li.cm', `/api/tasks/${handlerTask.id}/complete`, {
      answer: {
        resolution: 'not-upheld',
        answer: '违约金按合同约定计算，并无错误',
        customerInformed: true,
      },
    });
    expect([404, 409]).toContain(tooLate.status);
    expect((await complaint(id)).status).toBe('open');
    const lateList = await suite.staff.get('chen.center', '/api/complaints?status=open');
    expect(
      (lateList.body as { items: { id: string; standing: string }[] }).items.find(
        (c) => c.id === id,
      )?.standing,
    ).toBe('open-late');

    // Late at the branch too: head office (the credit committee) takes it.
    await moveTo(atBranch.levelDueAt, instance);
    const atHeadOffice = await eventually(
      () => complaint(id),
      (row) => row.level === 'head-office',
    );
    expect(atHeadOffice.escalatedToHeadOfficeAt).not.toBeNull();
    const headOfficeTask = await suite.staff.waitForTask('xu.committee', loanId, ANSWER);
    const answered = await suite.staff.post(
      'xu.committee',
      `/api/tasks/${headOfficeTask.id}/complete`,
      {
        answer: {
          resolution: 'partly-upheld',
          answer: '违约金计算正确，但未向客户充分说明；已书面解释并致歉',
          customerInformed: true,
        },
      },
    );
    expect(answered.status).toBe(200);
    expect(await endEventOf(suite.stack.records, instance)).toBe('ComplaintClosed');
    const done = await complaint(id);
    expect(done).toMatchObject({ status: 'answered', answeredBy: 'xu.committee' });
    const shown = await suite.staff.get('chen.center', `/api/loans/${loanId}/complaints/${id}`);
    expect((shown.body as { standing: string }).standing).toBe('answered-late');

    const escalations = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .find({ where: { loanKey: loanId, action: 'complaint.escalate' }, order: { id: 'ASC' } });
    expect(escalations.map((e) => e.actor)).toEqual(['system', 'system']);
    const figures = await suite.staff.get('chen.center', '/api/complaints/figures');
    const row = (
      figures.body as { rows: { unitCode: string; category: string; late: number }[] }
    ).rows.find((r) => r.unitCode === 'SB-HZ-XH' && r.category === 'fees-and-charges');
    expect(row!.late).toBeGreaterThanOrEqual(1);
  });
});
