import { createContext, ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import type { paths } from '@loanflow/api-client';
import { answer, client, Me, session } from './api';

type Verb = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A route of the API document, as `GET /api/loans/{id}`: a path or a verb it lacks does not compile. */
export type ApiRoute = {
  [P in keyof paths]: {
    [V in Verb]: paths[P][V] extends undefined ? never : `${Uppercase<V>} ${P & string}`;
  }[Verb];
}[keyof paths];

/** The signed-in user and the routes the server says their roles open. */
async function loadUser(): Promise<{ me: Me; routes: ReadonlySet<string> }> {
  const [me, open] = await Promise.all([
    answer(client.GET('/api/auth/me')),
    answer(client.GET('/api/auth/routes')),
  ]);
  return { me, routes: new Set(open.routes.map((route) => `${route.method} ${route.path}`)) };
}

interface Auth {
  me: Me | null;
  loading: boolean;
  /** Why the user was sent back to sign-in (session expired). */
  notice: string | null;
  signIn: (username: string, password: string) => Promise<void>;
  /** Signs in with an access token from the bank's identity provider. */
  adoptToken: (accessToken: string) => Promise<void>;
  signOut: (notice?: string) => void;
  hasRole: (...roles: string[]) => boolean;
  /**
   * Whether the user's roles open this route, as the server declares it (`GET /api/auth/routes`):
   * what the console offers follows the API's own access rules, never a copy of them. The route's
   * scope still applies when it is called.
   */
  may: (route: ApiRoute) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<{ me: Me; routes: ReadonlySet<string> } | null>(null);
  const me = user?.me ?? null;
  const [loading, setLoading] = useState(() => session.token() !== null);
  const [notice, setNotice] = useState<string | null>(null);

  const signOut = useCallback((why?: string) => {
    session.clear();
    setUser(null);
    setNotice(why ?? null);
  }, []);

  useEffect(() => {
    session.onUnauthorized(() => signOut('auth.expired'));
    if (session.token()) {
      loadUser()
        .then(setUser)
        .catch(() => session.clear())
        .finally(() => setLoading(false));
    }
    return () => session.onUnauthorized(null);
  }, [signOut]);

  const signIn = useCallback(async (username: string, password: string) => {
    const { accessToken } = await answer(
      client.POST('/api/auth/login', { body: { username, password } }),
    );
    session.save(accessToken);
    setUser(await loadUser());
    setNotice(null);
  }, []);

  const adoptToken = useCallback(async (accessToken: string) => {
    session.save(accessToken);
    try {
      setUser(await loadUser());
      setNotice(null);
    } catch (failure) {
      session.clear();
      throw failure;
    }
  }, []);

  const hasRole = useCallback(
    (...roles: string[]) => !!me && roles.some((role) => me.roles.includes(role)),
    [me],
  );

  const may = useCallback((route: ApiRoute) => !!user && user.routes.has(route), [user]);

  return (
    <AuthContext.Provider
      value={{ me, loading, notice, signIn, adoptToken, signOut, hasRole, may }}
    >
      {children}
    </AuthContext.Provider>
  );
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The route each page cannot do without: a user whose roles do not open it is not offered the page. */
export const PAGE_ROUTES = {
  apply: 'POST /api/applications',
  loans: 'GET /api/loans',
  monitor: 'GET /api/monitor/instances',
  dashboard: 'GET /api/monitor/figures',
  thresholds: 'GET /api/monitor/thresholds',
  models: 'GET /api/models',
  complaints: 'GET /api/complaints',
  keyCustomers: 'GET /api/key-customers',
  archive: 'GET /api/archive/files',
} as const satisfies Record<string, ApiRoute>;
