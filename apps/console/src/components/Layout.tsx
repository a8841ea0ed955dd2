import { FormEvent, ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router';
import { PAGE_ROUTES, useAuth } from '../auth';
import { useDirectory } from '../directory';
import { LanguagePicker } from './LanguagePicker';

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me, signOut, may } = useAuth();
  const navigate = useNavigate();
  const [loanId, setLoanId] = useState('');
  // Names are fetched once as the shell first draws, beside the page's own data, so that pages
  // show people and units by name from their first paint rather than their ids.
  useDirectory();

  const openLoan = (event: FormEvent) => {
    event.preventDefault();
    if (loanId.trim()) void navigate(`/loans/${encodeURIComponent(loanId.trim())}`);
  };

  const links: { to: string; label: string; show: boolean }[] = [
    { to: '/inbox', label: t('nav.inbox'), show: true },
    { to: '/loans', label: t('nav.loans'), show: may(PAGE_ROUTES.loans) },
    { to: '/apply', label: t('nav.apply'), show: may(PAGE_ROUTES.apply) },
    { to: '/quote', label: t('nav.quote'), show: true },
    { to: '/monitor', label: t('nav.monitor'), show: may(PAGE_ROUTES.monitor) },
    { to: '/dashboard', label: t('nav.dashboard'), show: may(PAGE_ROUTES.dashboard) },
    { to: '/thresholds', label: t('nav.thresholds'), show: may(PAGE_ROUTES.thresholds) },
    { to: '/models', label: t('nav.models'), show: may(PAGE_ROUTES.models) },
    { to: '/complaints', label: t('nav.complaints'), show: may(PAGE_ROUTES.complaints) },
    { to: '/archive', label: t('nav.archive'), show: may(PAGE_ROUTES.archive) },
    {
      to: '/key-customers',
      label: t('nav.keyCustomers'),
      show: may(PAGE_ROUTES.keyCustomers),
    },
    { to: '/reports', label: t('nav.reports'), show: true },
  ];

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {links
              .filter((link) => link.show)
              .map((link) => (
                <li key={link.to}>
                  <NavLink to={link.to}>{link.label}</NavLink>
                </li>
              ))}
          </ul>
        </nav>
        <form className="loan-search" role="search" onSubmit={openLoan}>
          <label htmlFor="loan-search">{t('nav.loanSearch')}</label>
          <input
            id="loan-search"
            value={loanId}
            placeholder="LN…"
            onChange={(event) => setLoanId(event.target.value)}
          />
        </form>
        <div className="who" data-testid="who">
          <span className="who-name" data-testid="user-name">
            {me?.displayName}
          </span>
          <span className="who-roles" data-testid="user-roles">
            {me?.roles.map((role) => t(`roles.${role}`, { defaultValue: role })).join(' · ')}
          </span>
          <span className="who-unit" data-testid="user-unit">
            {me?.orgUnitName} ({me?.orgUnitCode})
          </span>
        </div>
        <LanguagePicker />
        <button type="button" onClick={() => signOut()}>
          {t('nav.signOut')}
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
