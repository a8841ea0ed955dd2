import { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuditModule } from '@loanflow/audit';
import { ConfigModule } from '@loanflow/config';
import { LoggingModule, ObservabilityModule } from '@loanflow/observability';
import { PersistenceModule, RedisModule } from '@loanflow/persistence';
import { WorkflowWorkersModule, ZeebeModule } from '@loanflow/workflow';

/**
 * Boots the real workers stack (real broker, MySQL, Redis) with the given worker plugins, as
 * apps/workers does, without an HTTP listener. Close it in afterAll.
 */
export async function startWorkers(
  plugins: Type[],
  providers: Type[] = [],
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule,
      LoggingModule,
      PersistenceModule,
      RedisModule,
      ObservabilityModule,
      ZeebeModule,
      AuditModule,
      WorkflowWorkersModule,
      ...plugins,
    ],
    providers,
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
