import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { finishOidcSignIn } from '../oidc';

/** Where the bank's identity provider sends the user back with an authorization code. */
export function OidcCallbackPage() {
  const { t } = useTranslation();
  const { adoptToken } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);

  useEffect(() => {
    // The code is good once: a second run of the effect (development mode) must not spend it again.
    if (started.current) return;
    started.current = true;
    finishOidcSignIn(location.search)
      .then(adoptToken)
      .then(() => navigate('/inbox', { replace: true }))
      .catch(setError);
  }, [location.search, adoptToken, navigate]);

  return (
    <main id="main" className="login">
      <section className="card login-card" aria-labelledby="callback-title">
        <h1 id="callback-title">{t('login.oidcCallback')}</h1>
        {error ? (
          <>
            <ErrorNotice error={error} />
            <Link to="/login">{t('login.back')}</Link>
          </>
        ) : (
          <p role="status">{t('common.loading')}</p>
        )}
      </section>
    </main>
  );
}
