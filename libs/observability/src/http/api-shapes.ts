import { ApiProperty } from '@nestjs/swagger';

interface Described {
  description?: string;
  nullable?: boolean;
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
export function ApiLooseObject(options: Described = {}): PropertyDecorator {
  return ApiProperty({ ...options, type: 'object', additionalProperties: true });
}
