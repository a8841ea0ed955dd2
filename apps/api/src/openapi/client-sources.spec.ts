import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_FILES, clientSources } from './client-sources';
import { UNDOCUMENTED_ANSWERS } from './undocumented-answers';

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

  it('describes the answer of every operation but the listed ones, and the list only shrinks', () => {
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
    // A new route without its answer described fails the first; one that gained it, the second.
    expect(undocumented.filter((op) => !UNDOCUMENTED_ANSWERS.includes(op))).toEqual([]);
    expect(UNDOCUMENTED_ANSWERS.filter((op) => !undocumented.includes(op))).toEqual([]);
  });
});
