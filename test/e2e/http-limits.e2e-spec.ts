import { INestApplication } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import request from 'supertest';
import { httpOf, modelPath, Staff, startApi } from '../support';
import { anyText } from '../support/expected-text';

/** The real api answers client errors as client errors, in its one error shape, with its headers. */
describe('HTTP limits and headers of the api', () => {
  let api: INestApplication;
  let staff: Staff;

  beforeAll(async () => {
    api = await startApi();
    staff = new Staff(api);
  });

  afterAll(async () => {
    await api.close();
  });

  const post = async (path: string, body: string, contentType = 'application/json') =>
    request(httpOf(api))
      .post(path)
      .set('authorization', `Bearer ${await staff.token('li.cm')}`)
      .set('content-type', contentType)
      .send(body);
  const codeOf = (response: request.Response) => (response.body as { code: string }).code;

  it('answers 413, 415 and 400 where the penetration test got 500', async () => {
    const big = await post('/api/applications', JSON.stringify({ purpose: 'x'.repeat(110_000) }));
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      correlationId: anyText(),
    });
    const latin = await post('/api/applications', '{}', 'application/json; charset=iso-8859-1');
    expect(latin.status).toBe(415);
    expect(codeOf(latin)).toBe('UNSUPPORTED_MEDIA_TYPE');
    const deep = await post('/api/applications', `${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(deep.status).toBe(400);
    expect(codeOf(deep)).toBe('JSON_TOO_DEEP');
    const twice = await post('/api/applications', '{"amount":"1.00","amount":"9.00"}');
    expect(twice.status).toBe(400);
    expect(codeOf(twice)).toBe('DUPLICATE_KEY');
  });

  it('takes every shipped model at once on the model routes', async () => {
    const dir = modelPath('.');
    const files = readdirSync(dir)
      .filter((name) => /\.(bpmn|dmn)$/.test(name))
      .map((name) => ({ name, content: readFileSync(`${dir}/${name}`, 'utf8') }));
    expect(JSON.stringify({ files }).length).toBeGreaterThan(100_000);
    const checked = await staff.as('deng.designer', (api) =>
      api.POST('/api/models/check', { body: { files } }),
    );
    expect(checked.response.status).toBe(200);
    expect(checked.data?.ok).toBe(true);
  });

  it('sends the security headers and no X-Powered-By', async () => {
    const response = await request(httpOf(api)).get('/api/auth/config');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['strict-transport-security']).toContain('max-age=');
  });
});
