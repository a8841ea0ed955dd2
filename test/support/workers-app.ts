import { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { RuntimeModule } from '@loanflow/platform';
import { WorkflowWorkersModule } from '@loanflow/workflow';

/**
 * Boots the real workers stack (real broker, MySQL, Redis) with the given worker plugins, as
 * apps/workers does, without an HTTP listener. Close it in afterAll.
 */
export async function startWorkers(plugins: Type[]): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [RuntimeModule, WorkflowWorkersModule, ...plugins],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
