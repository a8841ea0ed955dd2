import { ApiProperty, ApiPropertyOptional, getSchemaPath, OpenAPIObject } from '@nestjs/swagger';
import type { ErrorBody } from '../http/error-body';

class FieldErrorView {
  @ApiProperty({ example: 'amount' }) field!: string;
  @ApiProperty({ type: [String] }) reasons!: string[];
  @ApiPropertyOptional({
    type: [String],
    description: 'the rule behind each reason (class-validator’s constraint name)',
  })
  rules?: string[];
}

/** The API's one error body, as the global exception filter writes it for every refusal. */
export class ErrorAnswer implements ErrorBody {
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: [FieldErrorView] }) fieldErrors?: FieldErrorView[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'facts a client can act on, e.g. the approval level a refusal requires',
  })
  details?: Record<string, unknown>;
  @ApiPropertyOptional() correlationId?: string;
}

/** Every operation answers a refusal or a failure with the one error body: say so once for all. */
export function withErrorAnswers(document: OpenAPIObject): OpenAPIObject {
  const answer = {
    content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorAnswer) } } },
  };
  for (const operations of Object.values(document.paths))
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = operations[method];
      if (!operation) continue;
      operation.responses['4XX'] ??= { description: 'refused: the error body says why', ...answer };
      operation.responses['5XX'] ??= { description: 'failed: the error body says what', ...answer };
    }
  return document;
}
