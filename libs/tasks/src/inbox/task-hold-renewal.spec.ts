import type { PinoLogger } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@loanflow/config';
import type { ZeebeClient } from '@loanflow/workflow';
import { LOST_ENDING_REASON, TaskHoldRenewal } from './task-hold-renewal';
import type { TaskEnding } from './task-ending';

/** A gRPC refusal as the Zeebe client raises it. */
const grpc = (code: number, details: string) =>
  Object.assign(new Error(details), { code, details });

/** The pass over fakes: open task ids in hold order, the broker's answer per job key. */
function pass(ids: string[], answer: (jobKey: string) => Error | null) {
  const asked: string[] = [];
  const ended: string[] = [];
  const renewal = new TaskHoldRenewal(
    {
      updateJobTimeout: async ({ jobKey }: { jobKey: string }) => {
        asked.push(jobKey);
        const error = answer(jobKey);
        if (error) throw error;
      },
    } as unknown as ZeebeClient,
    {
      getRepository: () => ({
        find: async ({ take }: { take: number }) => ids.slice(0, take).map((id) => ({ id })),
        update: async () => undefined,
      }),
    } as unknown as DataSource,
    {
      endInEngine: async (id: string, _state: string, reason: string) => {
        expect(reason).toBe(LOST_ENDING_REASON);
        ended.push(id);
        return true;
      },
    } as unknown as TaskEnding,
    {} as AppConfig,
    { setContext: () => undefined, warn: () => undefined } as unknown as PinoLogger,
  );
  return { renewal, asked, ended };
}

describe('the inbox hold pass', () => {
  it('renews the tasks the broker holds, ends the ones it no longer has, leaves the not-active ones', async () => {
    const { renewal, asked, ended } = pass(['1', '2', '3'], (key) =>
      key === '2'
        ? grpc(5, "Expected to update job deadline with key '2', but no such job was found")
        : key === '3'
          ? grpc(9, "Expected to update the timeout of job with key '3', but it is not active")
          : null,
    );
    expect(await renewal.renewDue(new Date(), 10)).toEqual({ renewed: 1, ended: 1, waiting: 1 });
    expect(asked).toEqual(['1', '2', '3']);
    expect(ended).toEqual(['2']);
  });

  it('stops at the first answer that says the broker cannot serve, ending nothing', async () => {
    const { renewal, asked, ended } = pass(['1', '2', '3'], (key) =>
      key === '1' ? null : grpc(14, 'No connection established'),
    );
    expect(await renewal.renewDue(new Date(), 10)).toEqual({ renewed: 1, ended: 0, waiting: 1 });
    expect(asked).toEqual(['1', '2']);
    expect(ended).toEqual([]);
  });

  it('does not run a second pass while one is still going', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { renewal, asked } = pass(['1'], () => null);
    const slow = renewal as unknown as { check: (id: string, now: Date) => Promise<string> };
    const check = slow.check.bind(renewal);
    slow.check = async (id, now) => {
      await held;
      return check(id, now);
    };
    const first = renewal.renewDue(new Date(), 10);
    expect(await renewal.renewDue(new Date(), 10)).toEqual({ renewed: 0, ended: 0, waiting: 0 });
    release();
    expect(await first).toEqual({ renewed: 1, ended: 0, waiting: 0 });
    expect(asked).toEqual(['1']);
  });
});
