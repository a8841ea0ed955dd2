import { AccessPolicy } from '@loanflow/observability';
import { routesOpenTo } from './routes-open-to';

const route = (method: string, path: string, policy: AccessPolicy | null) => ({
  method,
  path,
  policy,
});

describe('routesOpenTo', () => {
  const routes = [
    route('POST', '/api/auth/login', { kind: 'public' }),
    route('GET', '/api/auth/me', { kind: 'signed-in' }),
    route('POST', '/api/applications', { kind: 'role', roles: ['customer-manager'] }),
    route('GET', '/api/loans', { kind: 'unit', roles: 'any' }),
    route('POST', '/api/loans/:id/repayments', {
      kind: 'object',
      object: 'loan',
      param: 'id',
      roles: ['customer-manager', 'collection-officer'],
    }),
    route('GET', '/api/monitor/incidents/:key', {
      kind: 'object',
      object: 'incident',
      param: 'key',
      roles: ['process-designer', 'admin'],
    }),
    route('GET', '/api/undeclared', null),
  ];
  const open = (...roles: Parameters<typeof routesOpenTo>[1]) =>
    routesOpenTo(routes, roles).map(({ method, path }) => `${method} ${path}`);

  it('opens the routes whose roles include one of the user’s, with parameters as the document writes them', () => {
    expect(open('collection-officer')).toEqual([
      'POST /api/auth/login',
      'GET /api/auth/me',
      'GET /api/loans',
      'POST /api/loans/{id}/repayments',
    ]);
    expect(open('process-designer', 'customer-manager')).toEqual([
      'POST /api/auth/login',
      'GET /api/auth/me',
      'POST /api/applications',
      'GET /api/loans',
      'POST /api/loans/{id}/repayments',
      'GET /api/monitor/incidents/{key}',
    ]);
  });

  it('opens only the routes for everyone to a user without roles, and never one that declares no policy', () => {
    expect(open()).toEqual(['POST /api/auth/login', 'GET /api/auth/me', 'GET /api/loans']);
  });
});
