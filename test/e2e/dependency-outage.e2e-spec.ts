import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '@loanflow/identity';
import { creditApplication, httpOf, startApi } from '../support';

/** An api whose Redis or broker address points where nothing listens. */
async function apiWith(env: Record<string, string>): Promise<INestApplication> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    return await startApi();
  } finally {
    for (const [key, value] of Object.entries(saved))
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
  }
}

describe('the api while a dependency is away: 503 with Retry-After, nothing half written', () => {
  let noRedis: INestApplication;
  let noBroker: INestApplication;

  beforeAll(async () => {
    noRedis = await apiWith({ REDIS_URL: 'redis://127.0.0.1:16999' });
    noBroker = await apiWith({ ZEEBE_GRPC_ADDRESS: '127.0.0.1:26999' });
  });

  afterAll(async () => {
    await noRedis.close();
    await noBroker.close();
  });

  it('refuses a sign-in it cannot count (Redis away) with 503, not 500', async () => {
    const response = await request(httpOf(noRedis))
      .post('/api/auth/login')
      .send({ username: 'li.cm', password: DEMO_PASSWORD });
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body).toMatchObject({
      code: 'DEPENDENCY_UNAVAILABLE',
      details: { dependency: 'redis' },
    });
  });

  it('refuses an application the engine cannot take (broker away) with 503, and keeps no part of it', async () => {
    const server = httpOf(noBroker);
    const login = await request(server)
      .post('/api/auth/login')
      .send({ username: 'li.cm', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const application = {
      ...creditApplication({ amount: '12000.00', termMonths: 12 }),
      purpose: `outage probe ${Date.now()}`,
    };
    const started = Date.now();
    const response = await request(server)
      .post('/api/applications')
      .set('authorization', `Bearer ${(login.body as { accessToken: string }).accessToken}`)
      .send(application);
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect((response.body as { code: string }).code).toBe('BROKER_UNAVAILABLE');
    console.log(`broker away: the application was refused after ${Date.now() - started} ms`);
    const written = await noBroker
      .get(DataSource)
      .query<{ n: string }[]>(`SELECT COUNT(*) AS n FROM loan WHERE purpose = ?`, [
        application.purpose,
      ]);
    expect(Number(written[0].n)).toBe(0);
  });
});
