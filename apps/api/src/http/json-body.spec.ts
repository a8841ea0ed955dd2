import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { bodyLimitFor } from './body-limits';
import { calls, sendRaw, startDummyApi } from './dummy-api.fixture';
import { httpOf } from '@loanflow/test-support';
import { anyText } from '@loanflow/test-support/expected-text';
import type { ErrorBody } from './error-body';

const DEFAULT_LIMIT = 64 * 1024;
const MODELS_LIMIT = 5 * 1024 * 1024;

/** A JSON text of exactly `bytes` bytes: `{"title":"xxx…"}` */
const noteOf = (bytes: number) => `{"title":"${'x'.repeat(bytes - '{"title":""}'.length)}"}`;
const modelsOf = (bytes: number) => {
  const shell = '{"files":[{"name":"a.bpmn","content":""}]}';
  return shell.replace('"content":""', `"content":"${'x'.repeat(bytes - shell.length)}"`);
};

describe('JSON bodies', () => {
  let app: INestApplication;
  const post = (path: string, body: string | Buffer, type = 'application/json') =>
    request(httpOf(app))
      .post(path)
      .set('content-type', type)
      .serialize((value: unknown) => value as string)
      .send(body as string);

  beforeAll(async () => {
    app = await startDummyApi();
    await app.listen(0, '127.0.0.1');
  });
  afterAll(() => app.close());
  beforeEach(() => (calls.count = 0));

  /** Every refusal: the one error shape (its body, so typed), and the controller never called. */
  function expectRefused(
    response: { status: number; body: unknown },
    status: number,
    code: string,
  ): ErrorBody {
    const body = response.body as ErrorBody;
    expect({ status: response.status, code: body.code }).toEqual({ status, code });
    expect(body).toEqual(expect.objectContaining({ message: anyText(), correlationId: anyText() }));
    expect(calls.count).toBe(0);
    return body;
  }

  describe('size limits', () => {
    it('has the limits of its table: 64 kB, and 5 MB for the model routes', () => {
      expect(bodyLimitFor('/api/notes')).toBe(DEFAULT_LIMIT);
      for (const path of ['/api/models', '/api/models/check', '/api/models/migrations'])
        expect(bodyLimitFor(path)).toBe(MODELS_LIMIT);
      expect(bodyLimitFor('/api/modelsx')).toBe(DEFAULT_LIMIT);
    });

    it('takes a body of exactly 64 kB and refuses one byte more with 413 naming the limit', async () => {
      const body = noteOf(DEFAULT_LIMIT);
      expect(Buffer.byteLength(body)).toBe(DEFAULT_LIMIT);
      await post('/api/notes', body).expect(201);
      calls.count = 0;
      const refused = expectRefused(
        await post('/api/notes', noteOf(DEFAULT_LIMIT + 1)),
        413,
        'PAYLOAD_TOO_LARGE',
      );
      expect(refused.message).toContain('64 kB');
    });

    it('counts bytes, not characters', async () => {
      const chinese = `{"title":"${'中'.repeat(DEFAULT_LIMIT / 3)}"}`;
      expectRefused(await post('/api/notes', chinese), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('refuses a chunked body past the limit (no content-length to go by)', async () => {
      const response = await sendRaw(
        app,
        'POST',
        '/api/notes',
        { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        noteOf(DEFAULT_LIMIT + 1),
      );
      expectRefused(response, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('takes exactly 5 MB on the model routes and refuses one byte more', async () => {
      await post('/api/models/check', modelsOf(MODELS_LIMIT)).expect(200);
      calls.count = 0;
      const refused = expectRefused(
        await post('/api/models/check', modelsOf(MODELS_LIMIT + 1)),
        413,
        'PAYLOAD_TOO_LARGE',
      );
      expect(refused.message).toContain('5 MB');
    });

    it('takes every model in bpmn/ in one request, with room to spare', async () => {
      const dir = join(__dirname, '../../../../bpmn');
      const files = readdirSync(dir)
        .filter((name) => /\.(bpmn|dmn)$/.test(name))
        .map((name) => ({ name, content: readFileSync(join(dir, name), 'utf8') }));
      const body = JSON.stringify({ files });
      expect(files.length).toBeGreaterThan(5);
      expect(Buffer.byteLength(body) * 10).toBeLessThan(MODELS_LIMIT);
      const response = await post('/api/models/check', body).expect(200);
      expect(response.body).toEqual({ files: files.length });
    });
  });

  describe('media type', () => {
    it.each([
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON;charset=UTF-8',
      'application/json; charset="utf-8"',
    ])('takes %s', async (type) => {
      const response = await post('/api/notes', '{"title":"标题"}', type).expect(201);
      expect(response.body).toEqual({ received: { title: '标题' } });
    });

    it.each([
      'text/plain',
      'application/json; charset=iso-8859-1',
      'application/json; charset=utf-16',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonp',
      'application/json; boundary=x',
    ])('refuses %s with 415, naming what is accepted', async (type) => {
      const refused = expectRefused(
        await post('/api/notes', '{"title":"a"}', type),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      expect(refused.message).toContain('application/json');
      expect(refused.details).toEqual({ accepted: 'application/json; charset=utf-8' });
    });

    it('refuses a body sent without a content type', async () => {
      const response = await sendRaw(app, 'POST', '/api/notes', {}, '{"title":"a"}');
      expectRefused(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('refuses a compressed body rather than inflating it', async () => {
      const response = await sendRaw(
        app,
        'POST',
        '/api/notes',
        { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        Buffer.from([0x1f, 0x8b, 0x08, 0x00]),
      );
      expectRefused(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('lets a bodyless POST through, whatever its content type', async () => {
      await request(httpOf(app)).post('/api/tasks/9/claim').expect(200, { claimed: '9' });
      await request(httpOf(app))
        .post('/api/tasks/9/claim')
        .set('content-type', 'text/plain')
        .expect(200);
      const raw = await sendRaw(app, 'POST', '/api/tasks/9/claim', { 'content-length': '0' });
      expect(raw.status).toBe(200);
    });

    it('takes a chunked JSON body', async () => {
      const response = await sendRaw(
        app,
        'POST',
        '/api/notes',
        { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        '{"title":"chunked"}',
      );
      expect(response).toMatchObject({ status: 201, body: { received: { title: 'chunked' } } });
    });
  });

  describe('content', () => {
    it('refuses 10,000 levels of nesting with 400, fast', async () => {
      const started = Date.now();
      const refused = await post(
        '/api/notes',
        `{"title":"a","nested":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      );
      expectRefused(refused, 400, 'JSON_TOO_DEEP');
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('refuses malformed JSON with the position', async () => {
      const refused = expectRefused(
        await post('/api/notes', '{"title":"a",}'),
        400,
        'MALFORMED_JSON',
      );
      expect(refused.message).toContain('at position 13');
      expect(refused.details).toEqual({ position: 13 });
    });

    it.each([
      ['{"title":"a","title":"b"}', 'title'],
      ['{"title":"a","nested":{"x":1,"y":{"z":[],"z":[]}}}', 'z'],
    ])('refuses duplicate keys: %s', async (body, key) => {
      const refused = expectRefused(await post('/api/notes', body), 400, 'DUPLICATE_KEY');
      expect(refused.details).toMatchObject({ key });
    });

    it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s', async (key) => {
      const refused = expectRefused(
        await post('/api/notes', `{"title":"a","nested":{"${key}":{"x":1}}}`),
        400,
        'FORBIDDEN_KEY',
      );
      expect(refused.message).toContain(key);
    });

    it('refuses invalid UTF-8 rather than replacing it', async () => {
      const bytes = Buffer.concat([
        Buffer.from('{"title":"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}'),
      ]);
      expectRefused(await post('/api/notes', bytes), 400, 'INVALID_UTF8');
    });

    it.each(['"a string"', '42', '[{"title":"a"}]', 'null', 'true'])(
      'refuses %s where the DTO expects an object',
      async (body) => {
        expectRefused(await post('/api/notes', body), 400, 'VALIDATION_FAILED');
      },
    );

    it('hands a valid body to the controller as parsed', async () => {
      const body = { title: 't', text: 'x', tags: ['a'], nested: { n: [1, 2.5, null, true] } };
      const response = await post('/api/notes', JSON.stringify(body)).expect(201);
      expect(response.body).toEqual({ received: body });
      expect(calls.count).toBe(1);
    });

    it('answers with the caller’s correlation id', async () => {
      const refused = await request(httpOf(app))
        .post('/api/notes')
        .set('content-type', 'text/plain')
        .set('x-correlation-id', 'case-42')
        .send('x');
      expect(refused.body).toMatchObject({ correlationId: 'case-42' });
      expect(refused.headers['x-correlation-id']).toBe('case-42');
    });
  });
});
