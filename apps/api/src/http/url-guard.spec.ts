import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { calls, sendRaw, startDummyApi } from './dummy-api.fixture';
import { MAX_URL_LENGTH } from './url-guard';
import { httpOf } from '@loanflow/test-support';
import { anyText } from '@loanflow/test-support/expected-text';
import type { ErrorBody } from './error-body';

describe('URLs and headers', () => {
  let app: INestApplication;
  const get = (path: string) => request(httpOf(app)).get(path);

  beforeAll(async () => {
    app = await startDummyApi();
    await app.listen(0, '127.0.0.1');
  });
  afterAll(() => app.close());
  beforeEach(() => (calls.count = 0));

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

  it.each(['/api/loans/%E0%A4%A', '/api/loans/%ZZ', '/api/loans/%', '/%E0%A4%A', '/loans/%C0%AF'])(
    'refuses malformed percent-encoding in the path %s with 400',
    async (path) => {
      expectRefused(await get(path), 400, 'MALFORMED_URL');
    },
  );

  it.each(['?loan=%E0%A4%A', '?loan=%', '?lo%ZZan=1', '?page=1&loan=%FF'])(
    'refuses malformed percent-encoding in the query %s with 400',
    async (query) => {
      expectRefused(await get(`/api/loans/1${query}`), 400, 'MALFORMED_URL');
    },
  );

  it('takes well-formed encodings in both', async () => {
    const response = await get('/api/loans/%E4%B8%AD?loan=LN%2F1+2&page=2').expect(200);
    expect(response.body).toEqual({ id: '中', page: 2, loan: 'LN/1 2' });
  });

  it.each([
    ['?page=1&page=2', 'page'],
    ['?loan=a&loan=b', 'loan'],
    ['?loan=a&lo%61n=b', 'loan'],
    ['?loan+x=1&loan%20x=2', 'loan x'],
  ])('refuses a parameter given twice (%s) with 400, naming it', async (query, name) => {
    const refused = expectRefused(
      await get(`/api/loans/1${query}`),
      400,
      'DUPLICATE_QUERY_PARAMETER',
    );
    expect(refused.details).toEqual({ parameter: name });
  });

  it('still validates a single parameter by its DTO', async () => {
    expectRefused(await get('/api/loans/1?page=0'), 400, 'VALIDATION_FAILED');
  });

  it(`refuses a URL over ${MAX_URL_LENGTH} characters with 414`, async () => {
    const path = `/api/loans/${'a'.repeat(MAX_URL_LENGTH)}`;
    expectRefused(await get(path), 414, 'URI_TOO_LONG');
    await get(`/api/loans/${'a'.repeat(MAX_URL_LENGTH - 20)}`).expect(200);
  });

  it('answers Node’s own refusal of headers over 16 kB in the error shape', async () => {
    for (const response of [
      await get('/api/loans/1').set('x-filler', 'a'.repeat(20_000)),
      await get(`/api/loans/${'a'.repeat(20_000)}`),
    ]) {
      expectRefused(response, 431, 'HEADERS_TOO_LARGE');
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    }
  });

  it('answers a request Node cannot parse in the error shape', async () => {
    const response = await sendRaw(app, 'GET', '/api/loans/1', { 'content-length': 'abc' });
    expectRefused(response, 400, 'MALFORMED_REQUEST');
  });
});
