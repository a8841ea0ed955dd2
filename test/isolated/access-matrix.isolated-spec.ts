import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  httpOf,
  LoanObjects,
  MatrixCell,
  MatrixRow,
  openAccessFixtures,
  pathWith,
  readAccessMatrix,
  Staff,
  TestStack,
} from '../support';

/**
 * Runs every route of the access matrix (docs/security/access-matrix.md) as every demo user and
 * anonymously, on objects of a Hangzhou loan ("own" for the Hangzhou staff) and of a Ningbo loan
 * ("other"), and checks each cell. Write routes get a body the validation refuses, or an object
 * already finished, so the matrix changes nothing it reads.
 *
 * It runs alone (the isolated specs, in band): each cell reads a demo user's exact grants, and some
 * specs lend a demo user a role for a moment (withExtraRole); beside one of them in the parallel
 * tier, the matrix saw the post-loan officer as a risk manager.
 */

/** The codes the access policy answers with for an object out of scope or missing. */
const SCOPE_CODES = new Set([
  'LOAN_NOT_FOUND',
  'TASK_NOT_FOUND',
  'INSTANCE_NOT_FOUND',
  'INCIDENT_NOT_FOUND',
]);

type Outcome = 'pass' | 'role' | 'scope' | 'anonymous' | 'server-error';

function outcomeOf(response: request.Response): Outcome {
  const code = (response.body as { code?: string } | undefined)?.code;
  if (response.status >= 500) return 'server-error';
  if (response.status === 401) return 'anonymous';
  if (response.status === 403 && code === 'ROLE_REQUIRED') return 'role';
  if (response.status === 404 && code && SCOPE_CODES.has(code)) return 'scope';
  return 'pass';
}

/** What each cell means for the loan of the user's own branch and the other one. */
const EXPECTED: Record<MatrixCell, { own: Outcome; other: Outcome }> = {
  '✓': { own: 'pass', other: 'pass' },
  own: { own: 'pass', other: 'scope' },
  '✗': { own: 'role', other: 'role' },
  '401': { own: 'anonymous', other: 'anonymous' },
};

type Side = LoanObjects;
const NOT_A_DTO_FIELD = { matrixProbe: true };

describe('the access matrix, cell by cell', () => {
  let stack: TestStack;
  let staff: Staff;
  let own: Side;
  let other: Side;
  let definitionKey: string;
  let incidentProcess: string;

  beforeAll(async () => {
    const fixtures = await openAccessFixtures('matrix');
    ({ stack, definitionKey } = fixtures);
    incidentProcess = fixtures.incidentProcess;
    staff = stack.staff!;
    own = fixtures.hangzhou;
    other = fixtures.ningbo;
  }, 240_000);

  afterAll(async () => {
    await stack.close();
  });

  /** The route's path for one side's objects, and a query that finds the object in a list. */
  function pathFor(row: MatrixRow, side: Side): string {
    const path = pathWith(row.method, row.path, side, definitionKey);
    if (row.path === '/api/monitor/instances') return `${path}?businessKey=${side.loanId}`;
    if (row.path === '/api/monitor/incidents')
      return `${path}?process=${incidentProcess}&pageSize=100`;
    if (row.path === '/api/tasks') return `${path}?loan=${side.loanId}`;
    if (row.path === '/api/loans') return `${path}?q=${side.loanId}`;
    return path;
  }

  /** For lists that can show the side's object: whether they do. */
  function listed(row: MatrixRow, side: Side, body: unknown): boolean | null {
    const items = (body as { items?: Record<string, unknown>[] })?.items;
    if (!items) return null;
    if (row.path === '/api/monitor/instances')
      return items.some((i) => i.processInstanceKey === side.processInstanceKey);
    if (row.path === '/api/monitor/incidents')
      return items.some((i) => i.incidentKey === side.incidentKey);
    if (row.path === '/api/loans') return items.some((i) => i.id === side.loanId);
    return null;
  }

  async function call(row: MatrixRow, user: string, path: string): Promise<request.Response> {
    const server = httpOf(stack.api!);
    const method = row.method.toLowerCase() as 'get' | 'post' | 'put';
    let pending = request(server)[method](path);
    if (user !== 'anonymous')
      pending = pending.set('authorization', `Bearer ${await staff.token(user)}`);
    return method === 'get' ? pending : pending.send(NOT_A_DTO_FIELD);
  }

  it('shows no personal data of the engine: none is there, and identifiers in incident texts are masked for everyone', async () => {
    const path = `/api/monitor/instances/${own.processInstanceKey}`;
    for (const who of ['chen.center', 'deng.designer']) {
      const shown = await staff.get(who, path);
      expect(shown.status).toBe(200);
      const { variables } = shown.body as { variables: { loan: object } };
      expect(variables.loan).toMatchObject({
        product: 'consumer',
        branchCode: 'SB-HZ-XH',
      });
      expect(Object.keys(variables.loan)).not.toEqual(expect.arrayContaining(['applicantName']));
      expect(Object.keys(variables.loan)).not.toEqual(
        expect.arrayContaining(['applicantIdNumber']),
      );
      expect(JSON.stringify(shown.body)).not.toContain('33010619900101123X');
    }

    const incidents = (who: string) =>
      staff.get(who, `/api/monitor/incidents?process=${incidentProcess}&pageSize=100`);
    const message = (body: unknown) =>
      (body as { items: { incidentKey: string; errorMessage: string }[] }).items.find(
        (i) => i.incidentKey === own.incidentKey,
      )!.errorMessage;
    for (const who of ['chen.center', 'deng.designer'])
      expect(message((await incidents(who)).body)).toContain(
        'applicant 330106********123X, tel 138****8000',
      );
  });

  it('counts a version’s heatmap over the reader’s own branches only', async () => {
    const [definition] = await stack
      .api!.get(DataSource)
      .query<{ k: string }[]>(
        `SELECT process_definition_key AS k FROM incident WHERE incident_key = ?`,
        [own.incidentKey],
      );
    const key = definition.k;
    const incidentsAt = async (who: string) => {
      const response = await staff.get(who, `/api/monitor/processes/${key}/heatmap`);
      expect(response.status).toBe(200);
      return (
        (response.body as { elements: { elementId: string; incidents: number }[] }).elements.find(
          (e) => e.elementId === 'CallCoreBanking',
        )?.incidents ?? 0
      );
    };
    const hangzhou = await incidentsAt('chen.center');
    const ningbo = await incidentsAt('wu.center');
    const wholeBank = await incidentsAt('xu.committee');
    expect(hangzhou).toBeGreaterThanOrEqual(1);
    expect(ningbo).toBeGreaterThanOrEqual(1);
    expect(wholeBank).toBe(hangzhou + ningbo);
  });

  const { rows, users } = readAccessMatrix();

  it.each(rows.map((row) => [`${row.method} ${row.path}`, row] as const))(
    '%s: every user as the matrix says',
    async (_name, row) => {
      const mismatches: string[] = [];
      const usesObject =
        /:(id|key)\b/.test(row.path) ||
        ['/api/monitor/instances', '/api/monitor/incidents', '/api/loans'].includes(row.path);
      for (const user of users) {
        const expected = EXPECTED[row.cells[user]];
        for (const [label, side] of usesObject
          ? ([
              ['own', own],
              ['other', other],
            ] as const)
          : ([['own', own]] as const)) {
          const response = await call(row, user, pathFor(row, side));
          let outcome = outcomeOf(response);
          // A list the policy lets through must leave out what the reader may not see.
          const shown = listed(row, side, response.body);
          if (outcome === 'pass' && shown === false) outcome = 'scope';
          const want = label === 'own' ? expected.own : expected.other;
          if (outcome !== want)
            mismatches.push(
              `${user} on the ${label} loan: expected ${want}, got ${outcome} (${response.status} ${JSON.stringify(response.body).slice(0, 160)})`,
            );
        }
      }
      expect(mismatches).toEqual([]);
    },
  );
});
