import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ApiModule } from '../api.module';
import { ErrorAnswer, withErrorAnswers } from './error-answer';

/** The API's OpenAPI document, as served at /docs and as the typed client is generated from. */
export function apiDocument(app: INestApplication): OpenAPIObject {
  return withErrorAnswers(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder().setTitle('LoanFlow API').setVersion('0.1.0').addBearerAuth().build(),
      { extraModels: [ErrorAnswer] },
    ),
  );
}

/**
 * The same document without a running API: Nest's preview mode builds the module graph and reads
 * the routes' metadata without creating a provider, so no database, broker or secret is needed.
 */
export async function previewApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(ApiModule, { preview: true, logger: false });
  try {
    return apiDocument(app);
  } finally {
    await app.close();
  }
}
