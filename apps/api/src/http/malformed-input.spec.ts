import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { calls, startDummyApi } from './dummy-api.fixture';
import { httpOf } from '@loanflow/test-support';
import { anyText } from '@loanflow/test-support/expected-text';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const bytes = (...values: number[]) => Buffer.from(values);

/** Bodies sent as application/json that no route takes, whether it reads a body or not. */
const MALFORMED: (string | Buffer)[] = [
  ' ',
  '{',
  '}',
  '{"title"',
  '{"title":}',
  '{"title":"a"',
  '{"title":"a"}}',
  '{title:"a"}',
  "{'title':'a'}",
  '{"title":"a",}',
  '[1,]',
  'NaN',
  'Infinity',
  'undefined',
  '-',
  '01',
  '1.',
  '.5',
  '"\\x"',
  '"\\u12"',
  '"\u0000"',
  '{"title":"a"}\u0000',
  '{"title":"a"}/*c*/',
  nested(10_000),
  '{"a":'.repeat(10_000),
  `{"title":${nested(33)}}`,
  '{"title":"a","title":"a"}',
  '{"title":"a","x":[{"k":1,"k":2}]}',
  '{"title":"a","__proto__":{"admin":true}}',
  '{"title":"a","constructor":{"prototype":{"admin":true}}}',
  '{"title":"a","\\u0070rototype":1}',
  bytes(0xff),
  bytes(0x7b, 0xc0, 0x80, 0x7d),
  bytes(0x22, 0xed, 0xa0, 0x80, 0x22),
  bytes(0x22, 0xe4, 0xb8),
  bytes(0xfe, 0xff, 0x00, 0x7b, 0x00, 0x7d),
];

/** Well-formed JSON that a route expecting an object of its DTO refuses. */
const WRONG_SHAPE = [
  '"a string"',
  '12',
  'true',
  'null',
  '[]',
  '[{"title":"a"}]',
  '{"title":1}',
  '{"title":"a","unknown":1}',
];

/** Content types sent with a valid body: only application/json in UTF-8 is taken. */
const CONTENT_TYPES = [
  'text/plain',
  'text/json',
  'application/xml',
  'application/json; charset=latin1',
  'application/json; charset=utf-8; x=1',
  'application/json, text/plain',
  'application/json-patch+json',
  'application/vnd.api+json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  '*/*',
  'json',
];

/** Each route with what it refuses: the claim takes no body, so any well-formed JSON passes. */
const ROUTES: [string, (string | Buffer)[]][] = [
  ['/api/notes', [...MALFORMED, ...WRONG_SHAPE]],
  ['/api/models/check', [...MALFORMED, ...WRONG_SHAPE]],
  ['/api/tasks/1/claim', MALFORMED],
];

describe('malformed input (corpus)', () => {
  let app: INestApplication;
  const post = (path: string, type: string, body: string | Buffer) =>
    request(httpOf(app))
      .post(path)
      .set('content-type', type)
      .serialize((value: unknown) => value as string)
      .send(body as string);

  beforeAll(async () => {
    app = await startDummyApi();
  });
  afterAll(() => app.close());

  /** A 4xx in the one error shape; `what` names the input in a failure. */
  function expectClientError(response: request.Response, what: string) {
    const { code, message, correlationId } = response.body as Record<string, unknown>;
    expect({ what, clientError: response.status >= 400 && response.status < 500 }).toEqual({
      what,
      clientError: true,
    });
    expect({ what, code, message, correlationId }).toEqual({
      what,
      code: anyText(),
      message: anyText(),
      correlationId: anyText(),
    });
  }

  it.each(ROUTES)(
    '%s answers every malformed body with a 4xx, never calling the route',
    async (route, bodies) => {
      calls.count = 0;
      for (const body of bodies) {
        const what = Buffer.isBuffer(body) ? body.toString('hex') : body.slice(0, 60);
        expectClientError(await post(route, 'application/json', body), `${route} ${what}`);
      }
      expect(calls.count).toBe(0);
    },
  );

  it.each(ROUTES)('%s answers every other content type with 415', async (route) => {
    calls.count = 0;
    for (const type of CONTENT_TYPES) {
      const response = await post(route, type, '{"title":"a"}');
      expectClientError(response, `${route} ${type}`);
      expect({ type, status: response.status }).toEqual({ type, status: 415 });
    }
    expect(calls.count).toBe(0);
  });

  it('answers malformed URLs with a 4xx, never calling the route', async () => {
    calls.count = 0;
    for (const path of [
      '/api/loans/%E0%A4%A',
      '/api/loans/%',
      '/api/loans/%%32',
      '/api/loans/%u0041',
      '/api/loans/1?page=%',
      '/api/loans/1?page=1&page=2',
      '/api/loans/1?page=one',
      '/api/loans/1?page[]=1',
      `/api/loans/${'x'.repeat(9000)}`,
    ]) {
      expectClientError(await request(httpOf(app)).get(path), path.slice(0, 60));
    }
    expect(calls.count).toBe(0);
  });
});
