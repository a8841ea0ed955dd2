import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { httpOf, readAccessMatrix, Staff, startApi } from '../support';

/**
 * What the console offers each post comes from `GET /api/auth/routes`: the routes the server's
 * own declarations open to the caller's roles. For every demo user it is exactly the access
 * matrix's routes marked ✓ or own for them, in the API document's path form.
 */
describe('GET /api/auth/routes', () => {
  let app: INestApplication;
  let staff: Staff;

  beforeAll(async () => {
    app = await startApi();
    staff = new Staff(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const documentPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

  it('answers each demo user the routes the access matrix opens to them, and no other', async () => {
    const { users, rows } = readAccessMatrix();
    const signedIn = users.filter((user) => user !== 'anonymous');
    expect(signedIn.length).toBeGreaterThan(10);
    for (const user of signedIn) {
      const { data } = await staff.as(user, (api) => api.GET('/api/auth/routes'));
      const answered = (data?.routes ?? []).map((route) => `${route.method} ${route.path}`).sort();
      const opened = rows
        .filter((row) => row.cells[user] === '✓' || row.cells[user] === 'own')
        .map((row) => `${row.method} ${documentPath(row.path)}`)
        .sort();
      expect({ user, routes: answered }).toEqual({ user, routes: opened });
    }
  });

  it('answers 401 without a token', async () => {
    await request(httpOf(app)).get('/api/auth/routes').expect(401);
  });
});
