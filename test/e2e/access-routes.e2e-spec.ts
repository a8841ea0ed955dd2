import { INestApplication } from '@nestjs/common';
import { describePolicy } from '@loanflow/observability';
import { RouteInventory } from '../../apps/api/src/access/route-inventory';
import { readAccessMatrix, startApi } from '../support';

/** Every route declares who may use it, and the auditors' matrix lists exactly these routes. */
describe('route declarations', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startApi();
  });

  afterAll(async () => {
    await app.close();
  });

  it('gives every route of the application an access policy', () => {
    const routes = app.get(RouteInventory).routes();
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((route) => !route.policy).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('lists every route in the access matrix with the policy it declares, and no other', () => {
    const declared = app
      .get(RouteInventory)
      .routes()
      .map((route) => `${route.method} ${route.path} | ${describePolicy(route.policy!)}`)
      .sort();
    const documented = readAccessMatrix()
      .rows.map((row) => `${row.method} ${row.path} | ${row.policy}`)
      .sort();
    expect(documented).toEqual(declared);
  });
});
