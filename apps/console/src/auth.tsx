import { createContext, ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { answer, client, Me, session } from './api';

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
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(() => session.token() !== null);
  const [notice, setNotice] = useState<string | null>(null);

  const signOut = useCallback((why?: string) => {
    session.clear();
    setMe(null);
    setNotice(why ?? null);
  }, []);

  useEffect(() => {
    session.onUnauthorized(() => signOut('auth.expired'));
    if (session.token()) {
      answer(client.GET('/api/auth/me'))
        .then(setMe)
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
    setMe(await answer(client.GET('/api/auth/me')));
    setNotice(null);
  }, []);

  const adoptToken = useCallback(async (accessToken: string) => {
    session.save(accessToken);
    try {
      setMe(await answer(client.GET('/api/auth/me')));
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

  return (
    <AuthContext.Provider value={{ me, loading, notice, signIn, adoptToken, signOut, hasRole }}>
      {children}
    </AuthContext.Provider>
  );
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** Who may open which page (the API enforces the same roles). */
export const PAGE_ROLES = {
  apply: ['customer-manager'],
  /** Who may read loans (GET /api/loans): every post but the process designer. */
  loans: [
    'customer-manager',
    'reviewer',
    'approver',
    'center-manager',
    'committee-member',
    'mortgage-clerk',
    'disbursement-supervisor',
    'post-loan-officer',
    'collection-officer',
    'legal-officer',
    'risk-manager',
    'archive-officer',
    'auditor',
    'admin',
  ],
  monitor: [
    'center-manager',
    'risk-manager',
    'committee-member',
    'auditor',
    'process-designer',
    'admin',
  ],
  dashboard: ['center-manager', 'risk-manager', 'committee-member', 'auditor', 'admin'],
  models: ['process-designer', 'admin'],
  complaints: [
    'customer-manager',
    'center-manager',
    'post-loan-officer',
    'collection-officer',
    'risk-manager',
    'committee-member',
    'auditor',
    'admin',
  ],
  keyCustomers: ['risk-manager', 'center-manager', 'post-loan-officer', 'auditor', 'admin'],
  archive: ['archive-officer', 'center-manager', 'risk-manager', 'auditor', 'admin'],
} as const;
