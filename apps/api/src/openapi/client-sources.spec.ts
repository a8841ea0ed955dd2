import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CLIENT_FILES, clientSources } from './client-sources';

const ROOT = join(__dirname, '../../../..');
const committed = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface Operation {
  responses?: Record<string, { content?: unknown }>;
}

describe('the typed client generated from the OpenAPI document', () => {
  let sources: { document: string; schema: string };

  beforeAll(async () => {
    sources = await clientSources(ROOT);
  }, 120_000);

  it('is committed as the code describes the API now (else run npm run api:client)', () => {
    expect(committed(CLIENT_FILES.document)).toBe(sources.document);
    expect(committed(CLIENT_FILES.schema)).toBe(sources.schema);
  });

  it('describes the answer of every operation', () => {
    const paths = (
      JSON.parse(sources.document) as { paths: Record<string, Record<string, Operation>> }
    ).paths;
    const undocumented: string[] = [];
    for (const [path, operations] of Object.entries(paths))
      for (const [method, operation] of Object.entries(operations)) {
        const answers = Object.entries(operation.responses ?? {}).filter(([code]) =>
          code.startsWith('2'),
        );
        if (!answers.some(([code, answer]) => code === '204' || answer.content !== undefined))
          undocumented.push(`${method.toUpperCase()} ${path}`);
      }
    // The reader finds the operations it checks: a hundred and more, not none.
    expect(Object.keys(paths).length).toBeGreaterThan(100);
    expect(undocumented).toEqual([]);
  });

  it('names the element type of every array field it documents (else Swagger says strings)', () => {
    const fields = documentedFields();
    // The reader finds the fields it checks: hundreds of them, not none.
    expect(fields.length).toBeGreaterThan(300);
    const unnamed = fields
      .filter(({ type }) => /\[\]\s*(\|\s*null)?$/.test(type))
      .filter(({ options }) => !/\b(type|items)\s*:/.test(options))
      .map(({ file, name }) => `${file}: ${name}`);
    expect(unnamed).toEqual([]);
  });

  it('names the type of every nullable text, number or flag (else Swagger says object)', () => {
    const unnamed = documentedFields()
      .filter(({ type }) =>
        /^((string|number|boolean)\s*\|\s*null|null\s*\|\s*(string|number|boolean))$/.test(type),
      )
      .filter(({ options }) => !/\b(type|enum)\s*:/.test(options))
      .map(({ file, name }) => `${file}: ${name}`);
    expect(unnamed).toEqual([]);
  });

  it('spells out every object field (a class, or the values of a map); a loose one says so', () => {
    const loose = documentedFields()
      .filter(({ type }) => /^(\{|Record<|object\b)/.test(type))
      .filter(({ options }) => !/\b(type|additionalProperties)\s*:/.test(options))
      .map(({ file, name, type }) => `${file}: ${name}: ${type.replace(/\s+/g, ' ')}`);
    expect(loose).toEqual([]);
  });

  it('describes the fields of every object it names (a class without decorators has none)', () => {
    const schemas = (
      JSON.parse(sources.document) as {
        components: {
          schemas: Record<
            string,
            { type?: string; properties?: object; additionalProperties?: unknown }
          >;
        };
      }
    ).components.schemas;
    const empty = Object.entries(schemas)
      .filter(([, schema]) => schema.type === 'object' && !schema.additionalProperties)
      .filter(([, schema]) => Object.keys(schema.properties ?? {}).length === 0)
      .map(([name]) => name);
    expect(empty).toEqual([]);
  });

  it('documents a field every answer carries as required, even when it may be null', () => {
    // `@ApiPropertyOptional() x!: T | null` tells the typed client the field may be missing.
    const misdocumented = documentedFields()
      .filter(({ documentedOptional, alwaysThere }) => documentedOptional && alwaysThere)
      .map(({ file, name }) => `${file}: ${name}`);
    expect(misdocumented).toEqual([]);
  });

  it('documents every field that may be null as nullable', () => {
    const unmarked = documentedFields()
      .filter(({ type }) => /(^|\|)\s*null\s*(\||$)/.test(type))
      .filter(({ options }) => !/\bnullable\s*:\s*true/.test(options))
      .map(({ file, name }) => `${file}: ${name}`);
    expect(unmarked).toEqual([]);
  });

  it('types no parameter or field as a bare object (a field typed only by its initial value)', () => {
    // `page = 1` under @ApiPropertyOptional() without a type is documented as the schema "Object".
    const bare = [...sources.document.matchAll(/"#\/components\/schemas\/Object"/g)];
    expect(bare).toHaveLength(0);
    expect(sources.document).not.toMatch(/"Object":\s*\{/);
  });
});

interface DocumentedField {
  file: string;
  name: string;
  /** The decorator's options, as written. */
  options: string;
  /** The field's declared type, as written. */
  type: string;
  documentedOptional: boolean;
  /** Declared `name!:`: every value of the class has it (null at most). */
  alwaysThere: boolean;
}

/**
 * Every field under an `@ApiProperty` decorator in the server's code, with the decorator's options
 * and the field's declared type as written (read to the `;` that ends it, past inline objects).
 */
function documentedFields(): DocumentedField[] {
  const fields: DocumentedField[] = [];
  const decorated = /@ApiProperty(Optional)?\(([^@]*?)\)\s*(?:readonly\s+)?(\w+)([!?])?:/g;
  for (const file of sourceFiles([join(ROOT, 'libs'), join(ROOT, 'apps/api')])) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(decorated)) {
      let depth = 0;
      let end = match.index + match[0].length;
      while (end < text.length && !(depth === 0 && text[end] === ';')) {
        if ('{(['.includes(text[end])) depth += 1;
        if ('})]'.includes(text[end])) depth -= 1;
        end += 1;
      }
      fields.push({
        file: relative(ROOT, file),
        name: match[3],
        options: match[2],
        type: text.slice(match.index + match[0].length, end).trim(),
        documentedOptional: match[1] !== undefined,
        alwaysThere: match[4] === '!',
      });
    }
  }
  return fields;
}

function sourceFiles(dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && /(?<!\.spec)\.ts$/.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name)),
  );
}
