import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORMS } from './form-registry';

const CONSOLE = join(__dirname, '../../../../apps/console/src');

describe('the console’s task types', () => {
  it('are exactly the forms the inbox knows, each with a Chinese and an English name', () => {
    const listed = [
      ...readFileSync(join(CONSOLE, 'taskTypes.ts'), 'utf8').matchAll(/'(loanflow:[a-z-]+)'/g),
    ].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...FORMS.keys()].sort());
    for (const locale of ['zh', 'en']) {
      const text = readFileSync(join(CONSOLE, `locales/${locale}.ts`), 'utf8');
      const names = text.slice(text.indexOf('taskTypes: {'));
      const missing = listed.filter((key) => !names.includes(`'${key.replace('loanflow:', '')}':`));
      expect({ locale, missing }).toEqual({ locale, missing: [] });
    }
  });
});
