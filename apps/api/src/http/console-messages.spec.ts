import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { en } from '../../../console/src/locales/en';
import { zh } from '../../../console/src/locales/zh';

const ROOT = join(__dirname, '../../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/spec\.ts$/.test(name) ? [path] : [];
  });
}

const code = [...sources(join(ROOT, 'libs')), ...sources(join(ROOT, 'apps/api'))]
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');

const all = (pattern: RegExp) => [...code.matchAll(pattern)].map((match) => match[1]);
const at = (tree: object, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], tree);

/**
 * The console says every refusal of the api in the reader's language: each code a DomainError,
 * refusal() or Node's parser can answer, and each act the audit trail records, has a Chinese and
 * an English text in the console's locales (apps/console/src/locales).
 */
describe('the console’s messages for the api', () => {
  it('has a message for every error code the api answers', () => {
    const codes = new Set([
      ...all(/new DomainError\(\s*'([A-Z][A-Z_]+)'/g),
      ...all(/refusal\(\s*\d{3},\s*'([A-Z][A-Z_]+)'/g),
      ...all(/\[\s*\d{3},\s*'([A-Z][A-Z_]+)'/g),
      ...Object.keys(
        Object.fromEntries(all(/^\s{2}([A-Z][A-Z_]+): \d{3},$/gm).map((c) => [c, true])),
      ),
    ]);
    expect(codes.size).toBeGreaterThan(60);
    const missing = [...codes].filter((c) => !(c in zh.errors) || !(c in en.errors));
    expect(missing).toEqual([]);
  });

  it('has a phrase for every act the audit trail records', () => {
    const domains =
      'application|credit|decision|contracts|collateral|loan|collection|warning|inspection|accountability|task|access|auth|user|model|incident|absence|staff|committee|complaint|report|key-customer';
    const act = `((?:${domains})\\.[a-z][a-z-]*(?:\\.[a-z-]+)?)`;
    const actions = new Set([
      // An action named where the act is recorded (ternaries included)…
      ...all(new RegExp(`action[^'\\n]{0,60}'${act}'`, 'g')),
      // …or handed down by the inbox (claim, unclaim, delegate, complete, view).
      ...all(/'(task\.[a-z-]+)'/g),
    ]);
    // Built from a template in the collection workers.
    actions.add('collection.cure').add('collection.close');
    expect(actions.size).toBeGreaterThan(30);
    const missing = [...actions].filter(
      (action) =>
        typeof at(zh.audit.actions, action) !== 'string' ||
        typeof at(en.audit.actions, action) !== 'string',
    );
    expect(missing).toEqual([]);
  });
});
