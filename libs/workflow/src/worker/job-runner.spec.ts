import { IsString } from 'class-validator';
import { DomainError } from '@loanflow/domain';
import { ActivatedJob, JobReporter, JobRunner } from './job-runner';
import type { JobContext, JobHandler, JobLogger } from './job-worker.types';

class Input {
  @IsString() loanId!: string;
}

/** Records what the runner reported, as the broker would receive it. */
class RecordingReporter implements JobReporter {
  readonly calls: unknown[][] = [];
  refuse = false;
  async complete(...args: unknown[]) {
    this.record('complete', args);
  }
  async throwError(...args: unknown[]) {
    this.record('throwError', args);
  }
  async fail(...args: unknown[]) {
    this.record('fail', args);
  }
  private record(name: string, args: unknown[]) {
    if (this.refuse) throw new Error('5 NOT_FOUND: job not activated');
    this.calls.push([name, ...args]);
  }
}

const silent: JobLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function job(variables: Record<string, unknown>, retries = 3): ActivatedJob {
  return {
    key: '2251799813685301',
    type: 'loan.disburse',
    processInstanceKey: '2251799813685290',
    bpmnProcessId: 'loan-origination',
    processDefinitionVersion: 2,
    elementId: 'Disburse',
    elementInstanceKey: '2251799813685299',
    retries,
    customHeaders: { channel: 'core' },
    variables,
  };
}

describe('JobRunner', () => {
  let reporter: RecordingReporter;
  let observed: [string, string][];
  let loggedFields: Record<string, unknown>[];
  let runner: JobRunner;

  beforeEach(() => {
    reporter = new RecordingReporter();
    observed = [];
    loggedFields = [];
    runner = new JobRunner(
      reporter,
      { observe: (type, outcome) => observed.push([type, outcome]) },
      { forJob: (fields) => (loggedFields.push(fields), silent) },
    );
  });

  const register = (handle: JobHandler<Input>['handle'], outputs = ['disbursementId']) => ({
    options: { type: 'loan.disburse', description: 'Disburse', input: Input, outputs },
    handler: { handle },
  });

  it('runs a guarded job type only where it ships: from anywhere else an incident, the handler never called', async () => {
    let calls = 0;
    const guarded = {
      options: {
        ...register(() => ({})).options,
        onlyAt: [{ process: 'loan-origination', element: 'Disburse' }],
      },
      handler: { handle: () => (calls++, { disbursementId: 'D-1' }) },
    };

    await runner.run(job({ loanId: 'L1' }), guarded);
    expect(calls).toBe(1);

    const rogue = {
      ...job({ loanId: 'L1' }),
      bpmnProcessId: 'nightly-payout',
      elementId: 'PayOut',
    };
    const outcome = await runner.run(rogue, guarded);
    expect(calls).toBe(1);
    expect(outcome).toMatchObject({ kind: 'failed', retries: 0 });
    expect(reporter.calls.at(-1)).toEqual([
      'fail',
      '2251799813685301',
      "job type loan.disburse moves money or changes a loan's standing and runs only where the product ships it (loan-origination/Disburse); this job comes from nightly-payout/PayOut and was not run",
      0,
      0,
    ]);
  });

  it('gives the handler validated input and the job context, and completes with its result', async () => {
    let seen: { input?: Input; context?: JobContext } = {};
    const registration = register((input, context) => {
      seen = { input, context };
      return { disbursementId: `D-${input.loanId}` };
    });

    await runner.run(job({ loanId: 'L1', businessKey: 'L1' }), registration);

    expect(seen.input).toBeInstanceOf(Input);
    expect(seen.context).toMatchObject({
      jobKey: '2251799813685301',
      businessKey: 'L1',
      retries: 3,
      headers: { channel: 'core' },
    });
    expect(reporter.calls).toEqual([['complete', '2251799813685301', { disbursementId: 'D-L1' }]]);
    expect(observed).toEqual([['loan.disburse', 'completed']]);
    expect(loggedFields[0]).toEqual({
      jobType: 'loan.disburse',
      jobKey: '2251799813685301',
      processInstanceKey: '2251799813685290',
      businessKey: 'L1',
    });
  });

  it('fails invalid input with no retries and never calls the handler', async () => {
    const handle = jest.fn();
    await runner.run(job({ loanId: 42 }), register(handle));

    expect(handle).not.toHaveBeenCalled();
    expect(reporter.calls).toEqual([
      [
        'fail',
        '2251799813685301',
        'Invalid input for loan.disburse: loanId must be a string',
        0,
        0,
      ],
    ]);
    expect(observed).toEqual([['loan.disburse', 'invalid_input']]);
  });

  it('throws a business refusal as a BPMN error', async () => {
    await runner.run(
      job({ loanId: 'L1' }),
      register(() => {
        throw new DomainError('CONTRACT_NOT_EFFECTIVE', 'the mortgage is not registered yet');
      }),
    );
    expect(reporter.calls).toEqual([
      [
        'throwError',
        '2251799813685301',
        'CONTRACT_NOT_EFFECTIVE',
        'the mortgage is not registered yet',
        {},
      ],
    ]);
  });

  it('retries a thrown infrastructure error with backoff', async () => {
    await runner.run(
      job({ loanId: 'L1' }, 2),
      register(async () => {
        throw new Error('core banking timed out');
      }),
    );
    expect(reporter.calls).toEqual([
      ['fail', '2251799813685301', 'Error: core banking timed out', 1, 2000],
    ]);
  });

  it('counts an outcome the broker refuses as lost instead of throwing', async () => {
    reporter.refuse = true;
    const outcome = await runner.run(
      job({ loanId: 'L1' }),
      register(() => ({ disbursementId: 'D1' })),
    );
    expect(outcome.kind).toBe('completed');
    expect(observed).toEqual([['loan.disburse', 'lost']]);
  });

  describe('with gates', () => {
    it('tells the observer where the job’s time went: admitted, handled, reported', async () => {
      const phases: unknown[] = [];
      const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
      const timed = new JobRunner(
        { complete: () => pause(30), throwError: () => pause(30), fail: () => pause(30) },
        { observe: (_type, _outcome, _seconds, p) => phases.push(p) },
        { forJob: () => silent },
        [{ beforeHandle: () => pause(20) }],
      );
      await timed.run(
        job({ loanId: 'L1', businessKey: 'LN1' }),
        register(async () => {
          await pause(40);
          return { disbursementId: 'D1' };
        }),
      );
      expect(phases).toHaveLength(1);
      const [{ admit, handle, report }] = phases as {
        admit: number;
        handle: number;
        report: number;
      }[];
      expect(admit).toBeGreaterThanOrEqual(0.019);
      expect(handle).toBeGreaterThanOrEqual(0.039);
      expect(report).toBeGreaterThanOrEqual(0.029);
      expect(admit).toBeLessThan(handle);
    });

    it('passes the job through every gate, in order, before its handler runs', async () => {
      const seen: string[] = [];
      const gate = (name: string) => ({
        beforeHandle: async (gated: { jobKey: string; businessKey: string | undefined }) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          seen.push(`${name} ${gated.jobKey} ${gated.businessKey}`);
        },
      });
      const gated = new JobRunner(
        reporter,
        { observe: () => undefined },
        { forJob: () => silent },
        [gate('first'), gate('second')],
      );
      await gated.run(
        job({ loanId: 'L1', businessKey: 'LN1' }),
        register(() => {
          seen.push('handler');
          return { disbursementId: 'D1' };
        }),
      );
      expect(seen).toEqual([
        'first 2251799813685301 LN1',
        'second 2251799813685301 LN1',
        'handler',
      ]);
      expect(reporter.calls).toEqual([['complete', '2251799813685301', { disbursementId: 'D1' }]]);
    });

    it('fails the job for a retry, handler not called, when a gate refuses', async () => {
      let handled = false;
      const gated = new JobRunner(
        reporter,
        { observe: () => undefined },
        { forJob: () => silent },
        [
          {
            beforeHandle: async () => {
              throw new Error('a completion on LN1 is still being recorded');
            },
          },
        ],
      );
      await gated.run(
        job({ loanId: 'L1', businessKey: 'LN1' }, 3),
        register(() => {
          handled = true;
          return { disbursementId: 'D1' };
        }),
      );
      expect(handled).toBe(false);
      expect(reporter.calls).toEqual([
        ['fail', '2251799813685301', 'Error: a completion on LN1 is still being recorded', 2, 1000],
      ]);
    });
  });

  describe('with a lease', () => {
    it('renews the hold of a job with a longer budget while its handler runs, and stops before reporting', async () => {
      const broker: string[] = [];
      let finish!: () => void;
      const leased = new JobRunner(
        {
          complete: async (key) => void broker.push(`complete ${key}`),
          throwError: async () => undefined,
          fail: async () => undefined,
        },
        { observe: () => undefined },
        { forJob: () => silent },
        [],
        { leaseMs: 40, renew: async (key, timeout) => void broker.push(`renew ${key} ${timeout}`) },
      );
      const registration = register(async () => {
        await new Promise<void>((resolve) => (finish = resolve));
        return { disbursementId: 'D1' };
      });
      const running = leased.run(job({ loanId: 'L1' }), {
        ...registration,
        options: { ...registration.options, timeoutMs: 60_000 },
      });
      await new Promise((resolve) => setTimeout(resolve, 110));
      finish();
      await running;
      await new Promise((resolve) => setTimeout(resolve, 60));
      const renewals = broker.filter((call) => call.startsWith('renew'));
      // Every half lease (20 ms) for 110 ms: about five, each for one lease.
      expect(renewals.length).toBeGreaterThanOrEqual(3);
      expect(new Set(renewals)).toEqual(new Set(['renew 2251799813685301 40']));
      expect(broker.at(-1)).toBe('complete 2251799813685301');
    });

    it('does not renew a job whose budget is one lease', async () => {
      const renew = jest.fn(async () => undefined);
      const leased = new JobRunner(
        reporter,
        { observe: () => undefined },
        { forJob: () => silent },
        [],
        { leaseMs: 20_000, renew },
      );
      await leased.run(
        job({ loanId: 'L1' }),
        register(async () => {
          await new Promise((resolve) => setTimeout(resolve, 30));
          return { disbursementId: 'D1' };
        }),
      );
      expect(renew).not.toHaveBeenCalled();
      expect(reporter.calls).toEqual([['complete', '2251799813685301', { disbursementId: 'D1' }]]);
    });
  });
});
