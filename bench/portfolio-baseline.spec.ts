import type { ExportedRecord } from '@loanflow/workflow';
import { replayPlan } from './portfolio-baseline';

const DAY = 86_400_000;
const MOVES = [1_000, 5_000, 9_000];

const record = (
  valueType: string,
  intent: string,
  timestamp: number,
  value: Record<string, unknown>,
): ExportedRecord => ({
  valueType,
  recordType: 'EVENT',
  intent,
  key: timestamp,
  position: timestamp,
  timestamp,
  value,
});

const loanVariable = (instance: number, bpmnProcessId: string, loanId: string) =>
  record('VARIABLE', 'CREATED', 1_100, {
    name: 'loanId',
    value: JSON.stringify(loanId),
    processInstanceKey: instance,
    bpmnProcessId,
  });

const job = (
  instance: number,
  bpmnProcessId: string,
  elementId: string,
  type: string,
  variables: Record<string, unknown>,
) =>
  record('JOB', 'COMPLETED', 2_000, {
    processInstanceKey: instance,
    bpmnProcessId,
    elementId,
    type,
    variables,
  });

const message = (
  timestamp: number,
  name: string,
  correlationKey: string,
  variables: Record<string, unknown>,
  messageId = '',
) =>
  record('MESSAGE', 'PUBLISHED', timestamp, {
    name,
    correlationKey,
    messageId,
    timeToLive: 60_000,
    variables,
  });

const run = {
  variables: [
    loanVariable(1, 'loan-servicing', 'LN-B'),
    loanVariable(2, 'loan-servicing', 'LN-A'),
    loanVariable(3, 'collection', 'LN-B'),
    loanVariable(9, 'loan-origination', 'LN-B'),
  ],
  jobs: [
    job(1, 'loan-servicing', 'CheckInstallment', 'servicing.check-installment', { paid: true }),
    job(1, 'loan-servicing', 'CheckInstallment', 'servicing.check-installment', { paid: false }),
    job(2, 'loan-servicing', 'CheckInstallment', 'servicing.check-installment', { paid: true }),
    job(1, 'loan-servicing', 'InspectLoan', 'io.camunda.zeebe:userTask', {}),
    job(3, 'collection', 'CloseEpisode', 'collection.close-episode', { cured: true }),
    job(9, 'loan-origination', 'Disburse', 'loan.disburse', { disbursementId: 'D1' }),
    job(50, 'daily-book', 'RunDay', 'servicing.daily-book', { ruled: 1 }),
    job(51, 'daily-book', 'RunDay', 'servicing.daily-book', { ruled: 2 }),
  ],
  messages: [
    message(500, 'repayment-received', 'LN-B', { loanId: 'LN-B' }),
    message(1_200, 'loan-disbursed', 'LN-B', { loanId: 'LN-B', firstDue: '2027-01-15' }, 'd:LN-B'),
    message(1_300, 'loan-disbursed', 'LN-A', { loanId: 'LN-A' }),
    message(6_000, 'band-changed', 'LN-B:E1', { band: 'over-30', at: '2027-02-14T16:00:00.000Z' }),
    message(7_000, 'repayment-received', 'LN-Z', { loanId: 'LN-Z' }),
    message(9_500, 'loan-settled', 'LN-A', { loanId: 'LN-A' }),
  ],
};

describe('replayPlan', () => {
  const plan = replayPlan(run, MOVES, 3);

  it('scripts each paid-out loan, by loan id, with its servicing and collection jobs in order', () => {
    expect(plan.scripts).toHaveLength(2);
    const [a, b] = plan.scripts;
    expect(a?.variables).toEqual({ loanId: 'LN-A' });
    expect(b?.completions.get('loan-servicing/CheckInstallment')).toEqual([
      { paid: true },
      { paid: false },
    ]);
    expect(b?.completions.get('collection/CloseEpisode')).toEqual([{ cured: true }]);
  });

  it("leaves people's tasks and the origination out of the scripts", () => {
    const types = plan.scripts.flatMap((script) => [...script.types.values()]);
    expect(types).not.toContain('io.camunda.zeebe:userTask');
    expect(types).not.toContain('loan.disburse');
    expect(types).toEqual(
      expect.arrayContaining(['servicing.check-installment', 'collection.close-episode']),
    );
  });

  it('completes jobs of processes no loan owns as their last completion in the run', () => {
    expect([...plan.unscripted.types.values()]).toEqual(['servicing.daily-book']);
    expect(plan.unscripted.completions.get('daily-book/RunDay')).toEqual([{ ruled: 2 }]);
  });

  it('publishes each message of a paid-out loan after the clock move it followed', () => {
    expect(plan.steps.map((step) => step.map((m) => m.name))).toEqual([
      ['loan-disbursed', 'loan-disbursed'],
      ['band-changed'],
      ['loan-settled'],
    ]);
  });

  it('renames the loan, moves the dates and tells the workers which script the loan follows', () => {
    const [disbursedB] = plan.steps[0] ?? [];
    expect(disbursedB).toEqual({
      name: 'loan-disbursed',
      correlationKey: 'NB-LN-B',
      messageId: 'baseline:d:NB-LN-B',
      timeToLive: 60_000,
      variables: { loanId: 'NB-LN-B', firstDue: '2027-01-18', benchScript: 1 },
    });
    const [band] = plan.steps[1] ?? [];
    expect(band?.correlationKey).toBe('NB-LN-B:E1');
    expect(band?.messageId).toBeUndefined();
    expect(band?.variables).toEqual({
      band: 'over-30',
      at: new Date(Date.parse('2027-02-14T16:00:00.000Z') + 3 * DAY).toISOString(),
      loanId: 'NB-LN-B',
      benchScript: 1,
    });
  });
});
