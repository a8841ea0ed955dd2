import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';

/** A refused or failed request: the reason in the user's language, the code, and any details. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!(error instanceof ApiError))
    return (
      <div role="alert" className="error" data-testid="error">
        {error instanceof Error ? error.message : String(error)}
      </div>
    );
  const requiredLevel = error.details?.requiredLevel as string | undefined;
  return (
    <div role="alert" className="error" data-testid="error" data-code={error.code}>
      <strong>{t(`errors.${error.code}`, { defaultValue: t('errors.generic') })}</strong>{' '}
      <code>{error.code}</code>
      <p>{error.message}</p>
      {requiredLevel && (
        <p data-testid="required-level">
          {t('errors.requiredLevel', {
            level: t(`levels.${requiredLevel}`, { defaultValue: requiredLevel }),
          })}
        </p>
      )}
      {error.fieldErrors.length > 0 && (
        <ul>
          {error.fieldErrors.map((fieldError) => (
            <li key={fieldError.field}>
              <code>{fieldError.field}</code>: {fieldError.reasons.join('; ')}
            </li>
          ))}
        </ul>
      )}
      {error.correlationId && (
        <p className="muted">
          {t('errors.correlation')}: {error.correlationId}
        </p>
      )}
    </div>
  );
}
