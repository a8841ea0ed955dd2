import type { INestApplication } from '@nestjs/common';
import { AppConfig } from '@loanflow/config';
import { serveConsole } from './console';
import { GlobalExceptionFilter } from './global-exception.filter';
import { securityHeaders } from './security-headers';
import { createValidationPipe } from './validation';

/**
 * What every HTTP app of the product applies: the security headers, one validation pipe, one
 * error shape; the console. Needs AppConfig (the identity provider's token endpoint is in the
 * console's CSP).
 */
export function configureHttp(app: INestApplication): INestApplication {
  app.use(securityHeaders(app.get(AppConfig).OIDC_TOKEN_URL));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new GlobalExceptionFilter());
  serveConsole(app);
  return app;
}
