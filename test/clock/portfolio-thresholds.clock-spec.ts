import {
  AuditEntryEntity,
  LoanInstallmentEntity,
  ThresholdCrossingEntity,
} from '@loanflow/persistence';
import { MonitoringWorkersModule } from '@loanflow/monitoring';
import { ServicingWorkersModule } from '@loanflow/servicing';
import { deploy, disbursedLoan, eventually, modelPath, originationSuite } from '../support';

const ACTION = 'loanflow:threshold-action';

/**
 * 总行警戒水平 on the broker clock: head office puts the overdue-rate level at 0 (any overdue loan
 * is past it); a loan of the Xihu sub-branch falls overdue when the clock passes its first due
 * date; the daily evaluation (the model's timer) opens one crossing and hands the center managers
 * an action-plan task with the figure, the level and the loans behind it. Evaluating again on
 * demand starts no second task; the plan is kept on the crossing, encrypted.
 */
describe('a unit past head office’s warning level gets one action-plan task per crossing', () => {
  const suite = originationSuite(ServicingWorkersModule, MonitoringWorkersModule);

  beforeAll(async () => {
    await deploy(suite.stack.zeebe, modelPath('portfolio-thresholds.bpmn'));
  });

  suite.beforeClose(async () => {
    // Leave a level no figure can pass: later specs on this database and broker see no crossings.
    await suite.staff.put('yang.risk', '/api/monitor/thresholds/overdue-rate', {
      value: '1.0000',
      reason: 'spec over: a level nothing crosses',
    });
    await suite.staff.post('yang.risk', '/api/monitor/thresholds/evaluate');
  });

  type ActionTask = { id: string; context?: Record<string, unknown> | null };
  const actionTasks = async () =>
    (
      (
        await suite.staff.get(
          'chen.center',
          `/api/tasks?type=${encodeURIComponent(ACTION)}&pageSize=100`,
        )
      ).body as { items?: { id: string; processInstanceKey: string }[] }
    ).items ?? [];

  it('opens the crossing from the daily timer, hands the plan to the center manager once, keeps the plan encrypted', async () => {
    // Whatever earlier runs left open is cleared first: a level nothing crosses, evaluated.
    expect(
      (
        await suite.staff.put('yang.risk', '/api/monitor/thresholds/overdue-rate', {
          value: '1.0000',
          reason: 'reset before the spec',
        })
      ).status,
    ).toBe(200);
    const reset = await suite.staff.post('yang.risk', '/api/monitor/thresholds/evaluate');
    expect(reset.status).toBe(200);
    expect((reset.body as { opened: unknown }).opened).toEqual([]);

    const loanId = await disbursedLoan(suite.stack);
    const [first] = await suite.dataSource
      .getRepository(LoanInstallmentEntity)
      .find({ where: { loanId }, order: { number: 'ASC' }, take: 1 });
    const set = await suite.staff.put('yang.risk', '/api/monitor/thresholds/overdue-rate', {
      value: '0.0000',
      reason: '压力测试：任何逾期即越过警戒水平',
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ figure: 'overdue-rate', value: '0.0000', setBy: 'yang.risk' });
    const before = new Set((await actionTasks()).map((task) => task.id));

    // Three days past the first due date: the loan is overdue, the daily timer has fired.
    const at = new Date(`${first.dueDate}T10:00:00+08:00`).getTime() + 3 * 86_400_000;
    await suite.stack.clock.advance(at - (await suite.stack.clock.now()).getTime());

    const crossing = await eventually(
      () =>
        suite.dataSource
          .getRepository(ThresholdCrossingEntity)
          .findOneBy({ openKey: 'SB-HZ-XH:overdue-rate' }),
      (row) => row !== null && row.publishedAt !== null,
      60_000,
    );
    expect(crossing).toMatchObject({ state: 'open', thresholdValue: '0.0000' });
    expect(JSON.parse(crossing!.loansJson)).toContain(loanId);
    // Each crossing's task is filed on its own: wait for this one's, among any others.
    const tasksForXihu = async () => {
      const found: ActionTask[] = [];
      for (const t of (await actionTasks()).filter((t) => !before.has(t.id))) {
        const d = await suite.staff.get('chen.center', `/api/tasks/${t.id}`);
        expect(d.status).toBe(200);
        const body = d.body as ActionTask;
        if (body.context?.crossingId === crossing!.id) found.push(body);
      }
      return found;
    };
    const forXihu = await eventually(tasksForXihu, (tasks) => tasks.length > 0);
    expect(forXihu).toHaveLength(1);
    expect(forXihu[0].context).toMatchObject({
      orgUnitCode: 'SB-HZ-XH',
      figure: 'overdue-rate',
      thresholdValue: '0.0000',
      figureValue: crossing!.value,
    });
    expect(forXihu[0].context?.crossingLoans).toContain(loanId);

    // On demand, and the next day's timer: still open, no second task.
    const again = await suite.staff.post('yang.risk', '/api/monitor/thresholds/evaluate');
    expect(again.status).toBe(200);
    const evaluated = again.body as { stillOpen: unknown[]; opened: unknown[] };
    expect(evaluated.stillOpen).toContain(crossing!.id);
    expect(evaluated.opened).not.toContain(crossing!.id);
    await suite.stack.clock.advance(86_400_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(
      await suite.dataSource
        .getRepository(ThresholdCrossingEntity)
        .countBy({ orgUnitCode: 'SB-HZ-XH', figure: 'overdue-rate', state: 'open' }),
    ).toBe(1);
    expect((await tasksForXihu()).map((t) => t.id)).toEqual([forXihu[0].id]);

    // The plan: in the crossing, encrypted at rest; the engine gets the review date only.
    const plan = {
      cause: '西湖支行消费贷首期还款集中逾期，借款人工资发放推迟',
      actions: '客户经理逐户电话催收，七日内上门走访；暂停同类客群新增投放',
      reviewOn: '2027-12-31',
    };
    expect(
      (await suite.staff.post('chen.center', `/api/tasks/${forXihu[0].id}/claim`)).status,
    ).toBe(200);
    const done = await suite.staff.post('chen.center', `/api/tasks/${forXihu[0].id}/complete`, {
      answer: plan,
    });
    expect(done.status).toBe(200);
    const answered = await suite.dataSource
      .getRepository(ThresholdCrossingEntity)
      .findOneByOrFail({ id: crossing!.id });
    expect(answered.answeredBy).toBe('chen.center');
    expect(JSON.parse(answered.actionPlan!)).toEqual(plan);
    const [raw] = await suite.dataSource.query<{ action_plan: unknown }[]>(
      'SELECT action_plan FROM threshold_crossing WHERE id = ?',
      [crossing!.id],
    );
    expect(String(raw.action_plan)).not.toContain('西湖支行');
    const trail = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ action: 'threshold.crossed' });
    expect(trail.some((row) => row.reason?.includes(`crossing ${crossing!.id}`))).toBe(true);
  });
});
