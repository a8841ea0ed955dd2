import { Component, ErrorInfo, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface State {
  error: Error | null;
  errorId: string | null;
}

/**
 * A page that fails to draw (a form the console cannot render, a bug) shows an error screen with
 * an id to quote instead of a blank page; the id and the error go to the browser's console too.
 * Keyed by the route, so that navigating elsewhere starts afresh.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null, errorId: null };

  static getDerivedStateFromError(error: Error): State {
    return { error, errorId: newErrorId() };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`console error ${this.state.errorId}:`, error, info.componentStack);
  }

  render() {
    if (this.state.error)
      return <ErrorScreen error={this.state.error} errorId={this.state.errorId ?? ''} />;
    return this.props.children;
  }
}

function newErrorId(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;
  return `UI-${random}`;
}

function ErrorScreen({ error, errorId }: { error: Error; errorId: string }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="error error-screen" data-testid="error-screen">
      <h1>{t('errors.pageFailed')}</h1>
      <p>{t('errors.pageFailedHelp')}</p>
      <p>
        {t('errors.correlation')}：<code data-testid="error-id">{errorId}</code>
      </p>
      <p>
        <button type="button" onClick={() => window.location.reload()}>
          {t('errors.reload')}
        </button>
      </p>
      <details className="technical">
        <summary>{t('errors.technical')}</summary>
        <p lang="en">{error.message}</p>
      </details>
    </div>
  );
}
