import { MonitoringWorkersModule } from '@loanflow/monitoring';
import { AuditEntryEntity, IncidentEntity } from '@loanflow/persistence';
import { endEventOf, eventually, fixturePath, originationSuite } from '../support';
import { deploy } from '../support/zeebe';
import { newLoanId } from '@loanflow/loans';
import { components } from '@loanflow/api-client';
import { textContaining } from '../support/expected-text';

describe('fixing a failed job’s variables and retrying it in one act', () => {
  const suite = originationSuite(MonitoringWorkersModule);

  beforeAll(async () => {
    await deploy(suite.stack.zeebe, fixturePath('fixable-incident.bpmn'));
  });

  it('takes only the worker’s inputs within its rules, then the job runs and the instance goes on', async () => {
    // A loan id of the register's form: the worker reads the loan by it.
    const businessKey = newLoanId();
    await suite.stack.registerLoan(businessKey);
    // applicationCompleteAt is missing: the worker refuses the job and it becomes an incident.
    const instance = await suite.stack.zeebe.createProcessInstance({
      bpmnProcessId: 'test-fixable-incident',
      variables: { businessKey, loanId: businessKey },
    });
    const processInstanceKey = String(instance.processInstanceKey);
    const incident = (await eventually(
      () =>
        suite.dataSource
          .getRepository(IncidentEntity)
          .findOneBy({ processInstanceKey, state: 'open' }),
      (row) => row !== null,
      30_000,
    ))!;
    const key = incident.incidentKey;
    const fix = (username: string, body: components['schemas']['FixIncidentRequest']) =>
      suite.staff.as(username, (api) =>
        api.POST('/api/monitor/incidents/{key}/fix', { params: { path: { key } }, body }),
      );

    const notDesigner = await fix('chen.center', {
      variables: { applicationCompleteAt: new Date().toISOString() },
      reason: 'set the completion time',
    });
    expect(notDesigner.response.status).toBe(403);
    const notAnInput = await fix('deng.designer', {
      variables: { branchCode: 'SB-HZ-XH' },
      reason: 'a variable the worker does not read',
    });
    expect(notAnInput.response.status).toBe(400);
    expect(notAnInput.error?.fieldErrors?.[0]).toMatchObject({
      field: 'variables.branchCode',
      reasons: [textContaining('is not an input of loan.compute-notice-due')],
    });
    const wrongType = await fix('deng.designer', {
      variables: { applicationCompleteAt: 42 },
      reason: 'a number where the worker wants a string',
    });
    expect(wrongType.response.status).toBe(400);
    expect(wrongType.error?.fieldErrors?.[0].field).toBe('variables.applicationCompleteAt');

    const completeAt = new Date().toISOString();
    const fixed = await fix('deng.designer', {
      variables: { applicationCompleteAt: completeAt },
      reason: 'completion time lost at intake',
    });
    expect(fixed.response.status).toBe(200);
    expect(fixed.data?.changed).toEqual({
      applicationCompleteAt: { from: null, to: completeAt },
    });
    expect(await endEventOf(suite.stack.records, processInstanceKey)).toBe('Done');
    const trail = await suite.dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ loanKey: businessKey, action: 'incident.fix' });
    expect(trail.filter((e) => e.outcome === 'ok')).toHaveLength(1);
    expect(trail.filter((e) => e.outcome === 'refused').length).toBeGreaterThanOrEqual(2);
  });
});
