import { ApiProperty } from '@nestjs/swagger';

interface Described {
  description?: string;
  nullable?: boolean;
  /** False for a field some answers leave out (default: always there). */
  required?: boolean;
}

/**
 * A field holding an array of objects whose fields the document does not spell out. Without it an
 * `object[]` field is documented as an array of strings (Swagger cannot see the element type), and
 * the typed client would believe it.
 */
export function ApiObjectArray(options: Described = {}): PropertyDecorator {
  return ApiProperty({
    ...options,
    type: 'array',
    items: { type: 'object' as const, additionalProperties: true },
  });
}

/** A field holding one object whose fields the document does not spell out (null where nullable). */
export function ApiLooseObject({ required = true, ...options }: Described = {}): PropertyDecorator {
  // For an object, `required` lists its own required fields; whether it is there is selfRequired.
  return ApiProperty({
    ...options,
    selfRequired: required,
    type: 'object',
    additionalProperties: true,
  });
}

/** A field holding a map of names to texts (a user name to a display name, say). */
export function ApiTextMap({
  required = true,
  ...options
}: Described & { example?: Record<string, string> } = {}): PropertyDecorator {
  return ApiProperty({
    ...options,
    selfRequired: required,
    type: 'object',
    additionalProperties: { type: 'string' },
  });
}
