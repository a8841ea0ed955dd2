/* eslint-disable @typescript-eslint/no-unsafe-member-access -- reads API bodies typed any (supertest); the typed client (staff.as) is the way out */
import { DataSource } from 'typeorm';
import { MonitoringWorkersModule } from '@loanflow/monitoring';
import { AuditEntryEntity, IncidentEntity } from '@loanflow/persistence';
import {
  endEventOf,
  eventually,
  fixturePath,
  openOriginationStack,
  Staff,
  TestStack,
} from '../support';
import { deploy } from '../support/zeebe';
import { newLoanId } from '@loanflow/loans';

describe('fixing a failed job’s variables and retrying it in one act', () => {
  let stack: TestStack;
  let staff: Staff;
  let dataSource: DataSource;

  beforeAll(async () => {
    stack = await openOriginationStack(MonitoringWorkersModule);
    await deploy(stack.zeebe, fixturePath('fixable-incident.bpmn'));
    staff = stack.staff!;
    dataSource = stack.api!.get(DataSource);
  });

  afterAll(async () => {
    await stack.close();
  });

  it('takes only the worker’s inputs within its rules, then the job runs and the instance goes on', async () => {
    // A loan id of the register's form: the worker reads the loan by it.
    const businessKey = newLoanId();
    await stack.registerLoan(businessKey);
    // applicationCompleteAt is missing: the worker refuses the job and it becomes an incident.
    const instance = await stack.zeebe.createProcessInstance({
      bpmnProcessId: 'test-fixable-incident',
      variables: { businessKey, loanId: businessKey },
    });
    const processInstanceKey = String(instance.processInstanceKey);
    const incident = (await eventually(
      () =>
        dataSource.getRepository(IncidentEntity).findOneBy({ processInstanceKey, state: 'open' }),
      (row) => row !== null,
      30_000,
    ))!;
    const path = `/api/monitor/incidents/${incident.incidentKey}/fix`;

    const notDesigner = await staff.post('chen.center', path, {
      variables: { applicationCompleteAt: new Date().toISOString() },
      reason: 'set the completion time',
    });
    expect(notDesigner.status).toBe(403);
    const notAnInput = await staff.post('deng.designer', path, {
      variables: { branchCode: 'SB-HZ-XH' },
      reason: 'a variable the worker does not read',
    });
    expect(notAnInput.status).toBe(400);
    expect(notAnInput.body.fieldErrors[0]).toMatchObject({
      field: 'variables.branchCode',
      reasons: [expect.stringContaining('is not an input of loan.compute-notice-due')],
    });
    const wrongType = await staff.post('deng.designer', path, {
      variables: { applicationCompleteAt: 42 },
      reason: 'a number where the worker wants a string',
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.fieldErrors[0].field).toBe('variables.applicationCompleteAt');

    const completeAt = new Date().toISOString();
    const fixed = await staff.post('deng.designer', path, {
      variables: { applicationCompleteAt: completeAt },
      reason: 'completion time lost at intake',
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.changed).toEqual({
      applicationCompleteAt: { from: null, to: completeAt },
    });
    expect(await endEventOf(stack.records, processInstanceKey)).toBe('Done');
    const trail = await dataSource
      .getRepository(AuditEntryEntity)
      .findBy({ loanKey: businessKey, action: 'incident.fix' });
    expect(trail.filter((e) => e.outcome === 'ok')).toHaveLength(1);
    expect(trail.filter((e) => e.outcome === 'refused').length).toBeGreaterThanOrEqual(2);
  });
});
