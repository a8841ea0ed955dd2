import type { INestApplication } from '@nestjs/common';
import { serveConsole } from './console';
import { GlobalExceptionFilter } from './global-exception.filter';
import { createValidationPipe } from './validation';

/** What every HTTP app of the product applies: one validation pipe, one error shape; the console. */
export function configureHttp(app: INestApplication): INestApplication {
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new GlobalExceptionFilter());
  serveConsole(app);
  return app;
}
