import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { JobTypeFilter } from './job-type-filter';
import { JobWorker } from './job-worker.decorator';
import { WorkerDiscovery } from './worker-discovery';

@JobWorker({ type: 'loan.disburse', description: 'Disburse' })
class DisburseWorker {
  handle() {
    return undefined;
  }
}

@JobWorker({ type: 'credit.query-bureau', description: 'Query the bureau' })
class BureauWorker {
  handle() {
    return undefined;
  }
}

@JobWorker({ type: 'loan.broken', description: 'No handle method' })
class BrokenWorker {}

class PlainService {}

async function discoverAmong(providers: unknown[], spec = '*') {
  @Module({ imports: [DiscoveryModule], providers: [WorkerDiscovery, ...(providers as never[])] })
  class HostModule {}
  const moduleRef = await Test.createTestingModule({ imports: [HostModule] }).compile();
  return moduleRef.get(WorkerDiscovery).discover(JobTypeFilter.parse(spec));
}

describe('WorkerDiscovery', () => {
  it('finds every @JobWorker provider and ignores other providers', async () => {
    const found = await discoverAmong([DisburseWorker, BureauWorker, PlainService]);
    expect(found.map((r) => r.options.type)).toEqual(['credit.query-bureau', 'loan.disburse']);
    expect(found[1].handler).toBeInstanceOf(DisburseWorker);
  });

  it('keeps only the types WORKER_TYPES selects', async () => {
    const found = await discoverAmong([DisburseWorker, BureauWorker], 'credit.*');
    expect(found.map((r) => r.options.type)).toEqual(['credit.query-bureau']);
  });

  it('refuses a worker without a handle method, naming it', async () => {
    await expect(discoverAmong([BrokenWorker])).rejects.toThrow(
      /BrokenWorker is a @JobWorker for loan.broken/,
    );
  });
});

describe('@JobWorker', () => {
  it('refuses a job type that is not area.verb', () => {
    expect(() => JobWorker({ type: 'Disburse', description: 'x' })).toThrow(/must be area.verb/);
  });
});
