import { StaffSessions } from './staff-sessions';

/** A fake API: signs in with the password `pw`, and accepts only the last token it gave out. */
function fakeApi() {
  let issued = 0;
  let valid = '';
  const seen: string[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    seen.push(`${request.method} ${path} ${request.headers.get('authorization') ?? '-'}`);
    if (path === '/api/auth/login') {
      const { password } = (await request.json()) as { password: string };
      if (password !== 'pw') return Response.json({ code: 'BAD', message: 'no' }, { status: 401 });
      valid = `t${++issued}`;
      return Response.json({ accessToken: valid, expiresAt: '' });
    }
    if (request.headers.get('authorization') !== `Bearer ${valid}`)
      return Response.json({ code: 'UNAUTHENTICATED', message: 'expired' }, { status: 401 });
    return Response.json({
      username: 'li.cm',
      displayName: '',
      roles: [],
      orgUnitCode: '',
      orgUnitName: '',
    });
  };
  return { fetch, seen, expire: () => (valid = 'gone') };
}

const me = (sessions: StaffSessions) => sessions.as('li.cm', (api) => api.GET('/api/auth/me'));

describe('StaffSessions', () => {
  it('signs a user in once and sends the token with each call', async () => {
    const api = fakeApi();
    const sessions = new StaffSessions('http://api', () => 'pw', { fetch: api.fetch });
    expect((await me(sessions)).data?.username).toBe('li.cm');
    expect((await me(sessions)).response.status).toBe(200);
    expect(api.seen).toEqual([
      'POST /api/auth/login -',
      'GET /api/auth/me Bearer t1',
      'GET /api/auth/me Bearer t1',
    ]);
  });

  it('signs in again and repeats the call once when the token has run out', async () => {
    const api = fakeApi();
    const sessions = new StaffSessions('http://api', () => 'pw', { fetch: api.fetch });
    await me(sessions);
    api.expire();
    expect((await me(sessions)).response.status).toBe(200);
    expect(api.seen.slice(2)).toEqual([
      'GET /api/auth/me Bearer t1',
      'POST /api/auth/login -',
      'GET /api/auth/me Bearer t2',
    ]);
  });

  it('says who could not sign in, and tries again on the next call', async () => {
    const api = fakeApi();
    let password = 'wrong';
    const sessions = new StaffSessions('http://api', () => password, { fetch: api.fetch });
    await expect(me(sessions)).rejects.toThrow('li.cm could not sign in: 401 no');
    password = 'pw';
    expect((await me(sessions)).response.status).toBe(200);
  });
});
