import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const BPMN = join(__dirname, '../../../bpmn');
const CJK = /[\u3400-\u9fff]/;
/** Elements the diagrams draw with a label: every one named in the bank's working language too. */
const LABELLED = /<bpmn:(\w+) id="([^"]+)"[^>]*?\sname="([^"]*)"/g;
const NOT_DRAWN = new Set(['process', 'message', 'error', 'signal', 'escalation', 'collaboration']);

/**
 * The console's Chinese diagrams and step names show the Chinese term of each element's name
 * (apps/console/src/elementNames.ts): a name without one would show English in the Chinese UI.
 */
describe('the shipped models’ names', () => {
  it.each(readdirSync(BPMN).filter((file) => file.endsWith('.bpmn')))(
    '%s names every labelled element and flow in Chinese too',
    (file) => {
      const xml = readFileSync(join(BPMN, file), 'utf8');
      const named = [...xml.matchAll(LABELLED)].filter(([, tag]) => !NOT_DRAWN.has(tag));
      expect(named.length).toBeGreaterThan(2);
      const english = named
        .filter(([, , , name]) => name.trim() !== '' && !CJK.test(name))
        .map(([, tag, id, name]) => `${tag} ${id}: ${name}`);
      expect(english).toEqual([]);
    },
  );
});
