import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { incompatibleRolesMarkdown } from '../identity/incompatible-roles';
import { incompatibleDutiesMarkdown } from './duty-table';

const page = readFileSync(join(__dirname, '../../../../docs/controls/duties.md'), 'utf8');
const between = (name: string) => {
  const found = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(page);
  if (!found) throw new Error(`docs/controls/duties.md has no ${name} section`);
  return found[1].trim();
};

describe('the duties page auditors read', () => {
  it('shows exactly the incompatible duties the code enforces', () => {
    expect(between('duties')).toBe(incompatibleDutiesMarkdown().trim());
  });

  it('shows exactly the incompatible posts the code enforces', () => {
    expect(between('roles')).toBe(incompatibleRolesMarkdown().trim());
  });
});
