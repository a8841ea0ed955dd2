import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type MatrixCell = '✓' | 'own' | '✗' | '401';

export interface MatrixRow {
  method: string;
  path: string;
  policy: string;
  /** By user name; `anonymous` for a caller without a token. */
  cells: Record<string, MatrixCell>;
}

export const ACCESS_MATRIX_PATH = join(__dirname, '../../docs/security/access-matrix.md');

/** The access matrix as the repository keeps it for auditors (docs/security/access-matrix.md). */
export function readAccessMatrix(): { users: string[]; rows: MatrixRow[] } {
  const lines = readFileSync(ACCESS_MATRIX_PATH, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('|'));
  const cellsOf = (line: string) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
  const [header = '', , ...body] = lines;
  const columns = cellsOf(header);
  if (columns[0] !== 'route' || columns[1] !== 'policy')
    throw new Error(`${ACCESS_MATRIX_PATH}: the table must start with | route | policy |`);
  const users = columns.slice(2);
  const rows = body.map((line) => {
    const [route = '', policy, ...cells] = cellsOf(line);
    const [method, path] = route.split(' ');
    if (!method || !path || !policy)
      throw new Error(`${ACCESS_MATRIX_PATH}: "${line}" is not | METHOD /path | policy | cells |`);
    const byUser: Record<string, MatrixCell> = {};
    users.forEach((user, index) => {
      const cell = cells[index] as MatrixCell;
      if (!['✓', 'own', '✗', '401'].includes(cell))
        throw new Error(`${route}, ${user}: "${cell}" is not a matrix cell`);
      byUser[user] = cell;
    });
    return { method, path, policy, cells: byUser };
  });
  return { users, rows };
}
