import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import type { FieldLabels, Language } from './form-labels';

/** The part of JSON Schema the forms use. */
export interface JsonSchema {
  type?: string;
  $ref?: string;
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  'x-i18n'?: Record<Language, FieldLabels>;
  [keyword: string]: unknown;
}

type Dto = new () => object;

// With class-transformer's metadata the generator names a nested DTO by its @Type class (without
// it, by the property's design type: `#/definitions/Array`, a definition that never exists).
const OPTIONS = { classTransformerMetadataStorage: defaultMetadataStorage };

/**
 * One DTO's schema with its nested DTOs inlined, Chinese titles and help set from the labels. A
 * schema that still names a definition it cannot resolve is an error here, never a blank page.
 */
export function schemaOfDto(dto: Dto, seen: Dto[] = []): JsonSchema {
  if (seen.includes(dto)) throw new Error(`${dto.name} contains itself: forms cannot be recursive`);
  const schema = targetConstructorToSchema(dto, OPTIONS) as JsonSchema;
  // A field the system evaluates itself (`x-system-evaluated`) is accepted but never asked.
  const asked = Object.entries(schema.properties ?? {}).filter(
    ([, property]) => property['x-system-evaluated'] !== true,
  );
  const properties = Object.fromEntries(
    asked.map(([name, property]) => [
      name,
      withTitles(inlineNested(dto, name, property, [...seen, dto])),
    ]),
  );
  const required = schema.required?.filter((name) => name in properties);
  return { ...schema, properties, ...(schema.required ? { required } : {}) };
}

function inlineNested(dto: Dto, name: string, property: JsonSchema, seen: Dto[]): JsonSchema {
  const refHolder = property.$ref ? property : property.items?.$ref ? property.items : null;
  if (!refHolder) return property;
  const nested = defaultMetadataStorage.findTypeMetadata(dto, name)?.typeFunction() as
    Dto | undefined;
  if (!nested) throw new Error(`${dto.name}.${name} refers to ${refHolder.$ref} without @Type`);
  const { $ref: _ref, ...rest } = refHolder;
  const inlined = { ...schemaOfDto(nested, seen), ...rest };
  return refHolder === property ? inlined : { ...property, items: inlined };
}

function withTitles(property: JsonSchema): JsonSchema {
  const zh = property['x-i18n']?.zh;
  if (!zh) return property;
  return { ...property, title: zh.title, ...(zh.help ? { description: zh.help } : {}) };
}
