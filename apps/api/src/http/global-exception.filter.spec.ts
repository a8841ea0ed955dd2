import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import request from 'supertest';
import { startDummyApi } from './dummy-api.fixture';
import { httpOf } from '@loanflow/test-support';
import { anyText } from '@loanflow/test-support/expected-text';

/** What Express middleware passes to next(): http-errors' shape, or a plain fault. */
const ERRORS: Record<string, unknown> = {
  'http-errors 413': Object.assign(new Error('request entity too large'), {
    status: 413,
    statusCode: 413,
    expose: true,
  }),
  'statusCode only, not exposed': Object.assign(new Error('secret detail'), {
    statusCode: 405,
    expose: false,
  }),
  'a 503': Object.assign(new Error('upstream down'), { status: 503, expose: false }),
  'a plain Error': new Error('a bug'),
  'a string': 'thrown text',
  'a status that is not a number': Object.assign(new Error('x'), { status: '400' }),
};

describe('errors from Express middleware', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startDummyApi((created) =>
      created.use('/fail', (req: Request, _res: Response, next: NextFunction) =>
        next(ERRORS[typeof req.query.with === 'string' ? req.query.with : '']),
      ),
    );
  });
  afterAll(() => app.close());

  it.each([
    ['http-errors 413', 413, 'PAYLOAD_TOO_LARGE', 'request entity too large'],
    ['statusCode only, not exposed', 405, 'METHOD_NOT_ALLOWED', 'The request was refused.'],
    ['a 503', 500, 'INTERNAL_ERROR', 'An unexpected error occurred; it has been logged.'],
    ['a plain Error', 500, 'INTERNAL_ERROR', 'An unexpected error occurred; it has been logged.'],
    ['a string', 500, 'INTERNAL_ERROR', 'An unexpected error occurred; it has been logged.'],
    ['a status that is not a number', 500, 'INTERNAL_ERROR', anyText()],
  ])('answer %s in the one error shape', async (kind, status, code, message) => {
    const response = await request(httpOf(app))
      .get(`/fail?with=${encodeURIComponent(kind)}`)
      .set('accept', 'application/json')
      .set('x-correlation-id', 'c-1');
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ code, message, correlationId: 'c-1' });
  });
});
