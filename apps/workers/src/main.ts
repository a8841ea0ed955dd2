import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig } from '@loanflow/config';
import { bootOrExit } from '@loanflow/observability';
import { WorkersModule } from './workers.module';

bootOrExit('workers', async () => {
  loadConfig();
  // An HTTP server for /health and /metrics only; the work itself arrives from the broker.
  const app = await NestFactory.create(WorkersModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const config = app.get(AppConfig);
  await app.listen(config.WORKERS_PORT, config.HTTP_HOST);
  app
    .get(Logger)
    .log(`workers health and metrics on http://${config.HTTP_HOST}:${config.WORKERS_PORT}`);
});
