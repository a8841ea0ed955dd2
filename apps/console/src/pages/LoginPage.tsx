import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { LanguagePicker } from '../components/LanguagePicker';
import { OidcOptions, signInOptions, startOidcSignIn } from '../oidc';
import { useSubmit } from '../useSubmit';

export function LoginPage() {
  const { t } = useTranslation();
  const { me, signIn, notice } = useAuth();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { error, setError, busy, run } = useSubmit();
  const [oidc, setOidc] = useState<OidcOptions | null>(null);

  useEffect(() => {
    signInOptions()
      .then((options) => setOidc(options.oidc))
      .catch(() => setOidc(null));
  }, []);

  if (me) {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/inbox'} replace />;
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(() => signIn(username.trim(), password));
  };

  return (
    <main id="main" className="login">
      <form onSubmit={submit} className="card login-card" aria-labelledby="login-title">
        <h1 id="login-title">{t('app.name')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        {notice && (
          <p role="status" className="notice" data-testid="session-notice">
            {t(notice)}
          </p>
        )}
        <label htmlFor="username">{t('login.username')}</label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          required
          autoFocus
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
        <label htmlFor="password">{t('login.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" disabled={busy}>
          {t('login.submit')}
        </button>
        {oidc && (
          <button
            type="button"
            className="secondary"
            onClick={() => void startOidcSignIn(oidc).catch(setError)}
          >
            {t('login.oidc')}
          </button>
        )}
        <ErrorNotice error={error} />
        <LanguagePicker />
      </form>
    </main>
  );
}
