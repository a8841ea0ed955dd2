import type { AuditAct, AuditTrail } from '@loanflow/audit';
import type { ZeebeClient } from '@loanflow/workflow';
import { staffPrincipal } from '@loanflow/test-support/principals';
import { FixIncidentRequest, IncidentFix } from './incident-fix';
import type { MonitorReads, ProjectedIncident } from './monitor-reads';

const LOAN = 'LN20260930-7KQ2M9';
const INSTANCE = '2251799813690001';
const JOB_KEY = '2251799813700001';
/** The decision notice's deadline: its worker reads loanId and applicationCompleteAt. */
const NOTICE_DUE = 'loan.compute-notice-due';

const operator = staffPrincipal('ops.zhou', ['admin'], 'HO', '/HO/');

function incidentOf(over: Partial<ProjectedIncident> = {}): ProjectedIncident {
  return {
    incidentKey: '2251799813710001',
    processInstanceKey: INSTANCE,
    bpmnProcessId: 'credit-decision',
    elementId: 'compute-notice-due',
    elementInstanceKey: '2251799813690042',
    jobKey: JOB_KEY,
    errorType: 'JOB_NO_RETRIES',
    errorMessage: 'applicationCompleteAt "yesterday" is not a UTC date-time the worker can read',
    state: 'open',
    createdAt: new Date('2026-09-30T02:00:00.000Z'),
    resolvedAt: null,
    ...over,
  };
}

/** The projection holds one open incident of the notice-deadline job; the engine answers. */
function fixing(
  over: {
    incident?: Partial<ProjectedIncident>;
    jobType?: string | null;
    engine?: (call: string) => Error | undefined;
  } = {},
) {
  const incident = incidentOf(over.incident);
  const reads = {
    incident: (key: string) => Promise.resolve(key === incident.incidentKey ? incident : null),
    instance: () => Promise.resolve({ processInstanceKey: INSTANCE, businessKey: LOAN }),
    jobType: () => Promise.resolve(over.jobType === undefined ? NOTICE_DUE : over.jobType),
    variables: () =>
      Promise.resolve({ loanId: LOAN, businessKey: LOAN, applicationCompleteAt: 'yesterday' }),
  } as unknown as MonitorReads;
  const audited: AuditAct[] = [];
  const audit = {
    record: (act: AuditAct) => Promise.resolve(void audited.push(act)),
  } as unknown as AuditTrail;
  const calls: { call: string; request: unknown }[] = [];
  const engineCall = (call: string) => (request: unknown) => {
    const failure = over.engine?.(call);
    if (failure) return Promise.reject(failure);
    calls.push({ call, request });
    return Promise.resolve({});
  };
  const zeebe = {
    setVariables: engineCall('setVariables'),
    updateJobRetries: engineCall('updateJobRetries'),
    resolveIncident: engineCall('resolveIncident'),
  } as unknown as ZeebeClient;
  const fix = (variables: Record<string, unknown>, incidentKey = incident.incidentKey) =>
    new IncidentFix(reads, audit, zeebe).fix(
      operator,
      incidentKey,
      Object.assign(new FixIncidentRequest(), { variables, reason: 'date mistyped at intake' }),
    );
  return { fix, audited, calls };
}

describe('fixing a failed job’s variables and retrying it (incident fix)', () => {
  it('sets the inputs, gives the job one retry and resolves the incident, in that order, audited', async () => {
    const { fix, audited, calls } = fixing();
    const fixed = await fix({ applicationCompleteAt: '2026-09-30T02:00:00.000Z' });
    expect(fixed).toEqual({
      incidentKey: '2251799813710001',
      resolved: true,
      changed: { applicationCompleteAt: { from: 'yesterday', to: '2026-09-30T02:00:00.000Z' } },
    });
    expect(calls.map((c) => c.call)).toEqual([
      'setVariables',
      'updateJobRetries',
      'resolveIncident',
    ]);
    expect(calls[0]?.request).toEqual({
      elementInstanceKey: INSTANCE,
      variables: { applicationCompleteAt: '2026-09-30T02:00:00.000Z' },
      local: false,
    });
    expect(calls[1]?.request).toEqual({ jobKey: JOB_KEY, retries: 1 });
    expect(audited).toEqual([
      expect.objectContaining({
        action: 'incident.fix',
        outcome: 'ok',
        loanKey: LOAN,
        reason: expect.stringMatching(
          /^incident 2251799813710001 at credit-decision\/compute-notice-due: applicationCompleteAt set and loan\.compute-notice-due retried: date mistyped/,
        ) as unknown,
      }),
    ]);
  });

  it('takes only inputs the worker declares, naming the field', async () => {
    const { fix, audited, calls } = fixing();
    await expect(fix({ branchCode: 'SB-HZ-XH' })).rejects.toThrowDomainError('VALIDATION_FAILED', {
      detailsIncluding: {
        fieldErrors: [expect.objectContaining({ field: 'variables.branchCode' })],
      },
    });
    await expect(fix({})).rejects.toThrowDomainError('VALIDATION_FAILED', {
      detailsIncluding: { fieldErrors: [expect.objectContaining({ field: 'variables' })] },
    });
    expect(calls).toEqual([]);
    expect(audited.map((a) => a.outcome)).toEqual(['refused', 'refused']);
  });

  it('checks the merged variables against the worker’s own input rules', async () => {
    const { fix, calls } = fixing();
    await expect(fix({ loanId: 'not-a-loan' })).rejects.toThrowDomainError('VALIDATION_FAILED', {
      detailsIncluding: {
        fieldErrors: [expect.objectContaining({ field: 'variables.loanId' })],
      },
    });
    expect(calls).toEqual([]);
  });

  it('refuses an unknown, a resolved and an unfixable incident', async () => {
    await expect(fixing().fix({ loanId: LOAN }, '999')).rejects.toThrowDomainError(
      'INCIDENT_NOT_FOUND',
    );
    await expect(
      fixing({ incident: { state: 'resolved' } }).fix({ loanId: LOAN }),
    ).rejects.toThrowDomainError('INCIDENT_RESOLVED');
    await expect(
      fixing({ incident: { jobKey: null } }).fix({ loanId: LOAN }),
    ).rejects.toThrowDomainError('INCIDENT_NOT_FIXABLE');
    await expect(
      fixing({ jobType: 'somebody.elses-job' }).fix({ loanId: LOAN }),
    ).rejects.toThrowDomainError('INCIDENT_NOT_FIXABLE');
  });

  it('says the engine no longer has the incident, or that it did not take the fix', async () => {
    const gone = fixing({
      engine: (call) =>
        call === 'resolveIncident' ? new Error('5 NOT_FOUND: no incident') : undefined,
    });
    await expect(
      gone.fix({ applicationCompleteAt: '2026-09-30T02:00:00.000Z' }),
    ).rejects.toThrowDomainError('INCIDENT_RESOLVED');
    const down = fixing({ engine: () => new Error('14 UNAVAILABLE: broker is down') });
    await expect(
      down.fix({ applicationCompleteAt: '2026-09-30T02:00:00.000Z' }),
    ).rejects.toThrowDomainError('BROKER_UNAVAILABLE', { message: /UNAVAILABLE/ });
    expect(down.audited).toEqual([]);
  });
});
