import { lazy, ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiRoute, PAGE_ROUTES, useAuth } from './auth';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Layout } from './components/Layout';
import { ApplyPage } from './pages/ApplyPage';
import { ComplaintsPage } from './pages/ComplaintsPage';
import { ArchivePage } from './pages/ArchivePage';
import { ThresholdsPage } from './pages/ThresholdsPage';
import { KeyCustomersPage } from './pages/KeyCustomersPage';
import { ReportsPage } from './pages/ReportsPage';
import { InboxPage } from './pages/InboxPage';
import { LoanPage } from './pages/LoanPage';
import { LoansPage } from './pages/LoansPage';
import { LoginPage } from './pages/LoginPage';
import { OidcCallbackPage } from './pages/OidcCallbackPage';
import { QuotePage } from './pages/QuotePage';
import { TaskPage } from './pages/TaskPage';

// The diagram and chart libraries load only on the pages that draw them.
const MonitorPage = lazy(() => import('./pages/MonitorPage'));
const InstancePage = lazy(() => import('./pages/InstancePage'));
const ProcessPage = lazy(() => import('./pages/ProcessPage'));
const DashboardPage = lazy(() => import('./pages/DashboardPage'));
const ModelsPage = lazy(() => import('./pages/ModelsPage'));

/** A page for signed-in users; with `route`, only for those whose roles open that route. */
function Protected({ children, route }: { children: ReactNode; route?: ApiRoute }) {
  const { me, loading, may } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (loading) return <p role="status">{t('common.loading')}</p>;
  if (!me)
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (route && !may(route))
    return (
      <Layout>
        <p role="alert" className="error">
          {t('common.forbidden')}
        </p>
      </Layout>
    );
  return (
    <Layout>
      <ErrorBoundary key={location.pathname}>
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>{children}</Suspense>
      </ErrorBoundary>
    </Layout>
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/auth/callback" element={<OidcCallbackPage />} />
      <Route path="/" element={<Navigate to="/inbox" replace />} />
      <Route
        path="/inbox"
        element={
          <Protected>
            <InboxPage />
          </Protected>
        }
      />
      <Route
        path="/tasks/:id"
        element={
          <Protected>
            <TaskPage />
          </Protected>
        }
      />
      <Route
        path="/apply"
        element={
          <Protected route={PAGE_ROUTES.apply}>
            <ApplyPage />
          </Protected>
        }
      />
      <Route
        path="/loans"
        element={
          <Protected route={PAGE_ROUTES.loans}>
            <LoansPage />
          </Protected>
        }
      />
      <Route
        path="/loans/:id"
        element={
          <Protected>
            <LoanPage />
          </Protected>
        }
      />
      <Route
        path="/quote"
        element={
          <Protected>
            <QuotePage />
          </Protected>
        }
      />
      <Route
        path="/monitor"
        element={
          <Protected route={PAGE_ROUTES.monitor}>
            <MonitorPage />
          </Protected>
        }
      />
      <Route
        path="/monitor/instances/:key"
        element={
          <Protected route={PAGE_ROUTES.monitor}>
            <InstancePage />
          </Protected>
        }
      />
      <Route
        path="/monitor/processes/:key"
        element={
          <Protected route={PAGE_ROUTES.monitor}>
            <ProcessPage />
          </Protected>
        }
      />
      <Route
        path="/dashboard"
        element={
          <Protected route={PAGE_ROUTES.dashboard}>
            <DashboardPage />
          </Protected>
        }
      />
      <Route
        path="/models"
        element={
          <Protected route={PAGE_ROUTES.models}>
            <ModelsPage />
          </Protected>
        }
      />
      <Route
        path="/archive"
        element={
          <Protected route={PAGE_ROUTES.archive}>
            <ArchivePage />
          </Protected>
        }
      />
      <Route
        path="/complaints"
        element={
          <Protected route={PAGE_ROUTES.complaints}>
            <ComplaintsPage />
          </Protected>
        }
      />
      <Route
        path="/reports"
        element={
          <Protected>
            <ReportsPage />
          </Protected>
        }
      />
      <Route
        path="/key-customers"
        element={
          <Protected route={PAGE_ROUTES.keyCustomers}>
            <KeyCustomersPage />
          </Protected>
        }
      />
      <Route
        path="/thresholds"
        element={
          <Protected route={PAGE_ROUTES.thresholds}>
            <ThresholdsPage />
          </Protected>
        }
      />
      <Route path="*" element={<Navigate to="/inbox" replace />} />
    </Routes>
  );
}
