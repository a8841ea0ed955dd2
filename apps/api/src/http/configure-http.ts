import type { INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Server } from 'node:http';
import { AppConfig } from '@loanflow/config';
import { answerClientErrorsInErrorShape } from './client-errors';
import { serveConsole } from './console';
import { correlationId } from './correlation-id';
import { GlobalExceptionFilter } from './global-exception.filter';
import { jsonBody } from './json-body';
import { MaskIdentifiersInterceptor } from './mask-identifiers.interceptor';
import { securityHeaders } from './security-headers';
import { urlGuard } from './url-guard';
import { createValidationPipe } from './validation';

/**
 * What every HTTP app of the product applies, in this order: a correlation id, the security
 * headers, the URL and body checks (the app must be created with `bodyParser: false`: jsonBody is
 * the one parser), the console; one validation pipe; identifiers masked in every answer; one
 * error shape for every refusal, from
 * Node's parser (client-errors.ts), Express middleware or a controller. Needs AppConfig (the
 * identity provider's token endpoint is in the console's CSP).
 */
export function configureHttp(app: INestApplication): INestApplication {
  answerClientErrorsInErrorShape(app.getHttpServer() as Server);
  app.use(correlationId);
  app.use(securityHeaders(app.get(AppConfig).OIDC_TOKEN_URL));
  app.use(urlGuard);
  app.use(jsonBody());
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new GlobalExceptionFilter());
  app.useGlobalInterceptors(new MaskIdentifiersInterceptor(app.get(Reflector)));
  serveConsole(app);
  return app;
}
