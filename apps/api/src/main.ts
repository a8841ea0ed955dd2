import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig } from '@loanflow/config';
import { bootOrExit } from '@loanflow/observability';
import { ApiModule } from './api.module';
import { configureHttp } from './http/configure-http';
import { apiDocument } from './openapi/api-document';

bootOrExit('api', async () => {
  // The api signs and verifies access tokens: it does not start without its own secret.
  loadConfig(process.env, { require: ['AUTH_TOKEN_SECRET'] });
  const app = await NestFactory.create(ApiModule, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  configureHttp(app);
  app.enableShutdownHooks();

  SwaggerModule.setup('docs', app, apiDocument(app));

  const config = app.get(AppConfig);
  await app.listen(config.API_PORT, config.HTTP_HOST);
  app.get(Logger).log(`API on http://${config.HTTP_HOST}:${config.API_PORT} (docs at /docs)`);
});
