import Decimal from 'decimal.js';
import { AuditEntryEntity, FigureThresholdEntity } from '@loanflow/persistence';
import { MonitoringWorkersModule } from '@loanflow/monitoring';
import { originationSuite } from '../support';
import { withExtraRole } from '../support/roles';

/**
 * Head office's warning levels (总行警戒水平): only head office sets them, with a reason, each change
 * kept; a branch risk manager is refused (403) and the refusal audited. The figures carry the
 * interest collection rate (收息率), per month too.
 */
describe('warning levels on the figures are head office’s', () => {
  const suite = originationSuite(MonitoringWorkersModule);

  it('refuses bad input with the field, and a branch risk manager with 403 (audited), nothing written', async () => {
    const before = await suite.dataSource.getRepository(FigureThresholdEntity).count();
    const bad = await suite.staff.put('yang.risk', '/api/monitor/thresholds/overdue-rate', {
      value: '5%',
      reason: 'x',
    });
    expect(bad.status).toBe(400);
    const { fieldErrors } = bad.body as { fieldErrors: { field: string }[] };
    expect(fieldErrors.map((f) => f.field).sort()).toEqual(['reason', 'value']);
    const unknown = await suite.staff.put('yang.risk', '/api/monitor/thresholds/profit', {
      value: '0.0500',
      reason: 'not a figure with a level',
    });
    expect(unknown.status).toBe(400);

    const marker = `branch attempt ${Date.now()}`;
    await withExtraRole(suite.dataSource, 'guo.postloan', 'risk-manager', async () => {
      const refused = await suite.staff.put(
        'guo.postloan',
        '/api/monitor/thresholds/bad-loan-ratio',
        {
          value: '0.9000',
          reason: marker,
        },
      );
      expect(refused.status).toBe(403);
      expect((refused.body as { code: string }).code).toBe('THRESHOLD_FORBIDDEN');
      const evaluate = await suite.staff.post('guo.postloan', '/api/monitor/thresholds/evaluate');
      expect(evaluate.status).toBe(403);
    });
    const byRole = await suite.staff.put('chen.center', '/api/monitor/thresholds/bad-loan-ratio', {
      value: '0.9000',
      reason: marker,
    });
    expect(byRole.status).toBe(403);
    expect(await suite.dataSource.getRepository(FigureThresholdEntity).count()).toBe(before);
    const refusals = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ actor: 'guo.postloan', action: 'threshold.set', outcome: 'refused' });
    expect(refusals.length).toBeGreaterThan(0);
    expect(
      (
        await suite.dataSource
          .getRepository(AuditEntryEntity)
          .findBy({ actor: 'chen.center', outcome: 'refused' })
      ).length,
    ).toBeGreaterThan(0);
  });

  it('keeps every change with who, when and why; the one in force per figure', async () => {
    const reason = `2026 年度风险偏好 ${Date.now()}`;
    const first = await suite.staff.put('yang.risk', '/api/monitor/thresholds/bad-loan-ratio', {
      value: '0.9500',
      reason,
    });
    expect(first.status).toBe(200);
    const second = await suite.staff.put('admin', '/api/monitor/thresholds/bad-loan-ratio', {
      value: '0.9900',
      reason: `${reason} 调整`,
    });
    expect(second.status).toBe(200);
    const read = await suite.staff.as('chen.center', (api) => api.GET('/api/monitor/thresholds'));
    expect(read.response.status).toBe(200);
    const { current, history } = read.data!;
    expect(current.find((c) => c.figure === 'bad-loan-ratio')).toMatchObject({
      name: '不良率',
      direction: 'above',
      value: '0.9900',
      setBy: 'admin',
    });
    expect(current.find((c) => c.figure === 'interest-collection-rate')).toMatchObject({
      name: '收息率',
      direction: 'below',
    });
    const mine = history.filter((h) => h.reason.startsWith(reason));
    expect(mine.map((h) => [h.value, h.supersededAt === null])).toEqual([
      ['0.9900', true],
      ['0.9500', false],
    ]);
    const trail = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ action: 'threshold.set', outcome: 'ok', actor: 'admin' });
    expect(trail.some((row) => row.reason?.includes('0.9500 → 0.9900'))).toBe(true);
  });

  it('reports the interest collection rate as received ÷ due, now and month by month', async () => {
    const figures = await suite.staff.as('chen.center', (api) => api.GET('/api/monitor/figures'));
    expect(figures.response.status).toBe(200);
    const collection = figures.data!.interestCollection;
    const rate = (due: string, received: string) =>
      new Decimal(due).isZero()
        ? '0.0000'
        : new Decimal(received).dividedBy(due).toFixed(4, Decimal.ROUND_HALF_UP);
    expect(collection.rate).toBe(rate(collection.interestDue, collection.interestReceived));
    expect(new Decimal(collection.interestReceived).lte(collection.interestDue)).toBe(true);

    const monthly = await suite.staff.as('chen.center', (api) =>
      api.GET('/api/monitor/figures/monthly', {
        params: { query: { from: '2026-01', to: '2026-06' } },
      }),
    );
    expect(monthly.response.status).toBe(200);
    const months = monthly.data!;
    expect(months.map((m) => m.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    for (const point of months)
      expect(point.rate).toBe(rate(point.interestDue, point.interestReceived));
    expect(months[1]).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    const bad = await suite.staff.get('chen.center', '/api/monitor/figures/monthly?from=2026-13');
    expect(bad.status).toBe(400);
    expect((bad.body as { fieldErrors: { field: string }[] }).fieldErrors[0]?.field).toBe('from');
  });
});
