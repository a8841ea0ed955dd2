import type { ZeebeClient } from '@loanflow/workflow';
import { InstanceScript, scriptedWorkers } from './replay-baseline';

type Handler = (job: FakeJob) => Promise<unknown>;

interface FakeJob {
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  variables: Record<string, unknown>;
  complete: jest.Mock;
  forward: jest.Mock;
}

/** A client whose createWorker keeps each type's handler, for the spec to hand jobs to. */
function fakeClient(): { zeebe: ZeebeClient; handlers: Map<string, Handler> } {
  const handlers = new Map<string, Handler>();
  const zeebe = {
    createWorker: ({ taskType, taskHandler }: { taskType: string; taskHandler: Handler }) => {
      handlers.set(taskType, taskHandler);
      return {};
    },
  } as unknown as ZeebeClient;
  return { zeebe, handlers };
}

const job = (
  processInstanceKey: string,
  elementId: string,
  variables: Record<string, unknown>,
): FakeJob => ({
  processInstanceKey,
  bpmnProcessId: 'loan-origination',
  elementId,
  variables,
  complete: jest.fn().mockResolvedValue('completed'),
  forward: jest.fn().mockReturnValue('forwarded'),
});

/** A loan whose run completed its start-servicing job, and never its follow-up task. */
const script: InstanceScript = {
  variables: { loanId: 'LN-1' },
  startedAt: 0,
  completions: new Map([['loan-origination/StartServicing', [{ started: true }]]]),
  types: new Map([
    ['loan-origination/StartServicing', 'loan.start-servicing'],
    ['loan-origination/FollowUp', 'io.camunda.zeebe:userTask'],
  ]),
};

describe('the no-op baseline’s scripted workers', () => {
  it('does what a job type did beside completing before it completes, with the instance', async () => {
    const { zeebe, handlers } = fakeClient();
    const order: string[] = [];
    scriptedWorkers(zeebe, [script], {
      alsoDoes: {
        'loan.start-servicing': (index, instance) => {
          order.push(`published for script ${index}, instance ${instance}`);
          return Promise.resolve();
        },
      },
    });
    const started = job('7', 'StartServicing', { benchScript: 0 });
    started.complete.mockImplementation(() => order.push('completed'));
    await handlers.get('loan.start-servicing')?.(started);
    expect(order).toEqual(['published for script 0, instance 7', 'completed']);
    expect(started.complete).toHaveBeenCalledWith({ started: true });
  });

  it('leaves a task the run never completed held, when asked to; completes it empty otherwise', async () => {
    const held = fakeClient();
    scriptedWorkers(held.zeebe, [script], { leaveUnrecorded: true });
    const followUp = job('8', 'FollowUp', { benchScript: 0 });
    await held.handlers.get('io.camunda.zeebe:userTask')?.(followUp);
    expect(followUp.forward).toHaveBeenCalled();
    expect(followUp.complete).not.toHaveBeenCalled();

    const completed = fakeClient();
    scriptedWorkers(completed.zeebe, [script]);
    const again = job('9', 'FollowUp', { benchScript: 0 });
    await completed.handlers.get('io.camunda.zeebe:userTask')?.(again);
    expect(again.complete).toHaveBeenCalledWith({});
    expect(again.forward).not.toHaveBeenCalled();
  });

  it('does nothing beside completing for an instance with no script', async () => {
    const { zeebe, handlers } = fakeClient();
    const also = jest.fn().mockResolvedValue(undefined);
    scriptedWorkers(zeebe, [script], {
      unscripted: script,
      leaveUnrecorded: true,
      alsoDoes: { 'loan.start-servicing': also },
    });
    const unscripted = job('10', 'StartServicing', {});
    await handlers.get('loan.start-servicing')?.(unscripted);
    expect(also).not.toHaveBeenCalled();
    expect(unscripted.complete).toHaveBeenCalledWith({ started: true });
  });
});
