import { useTranslation } from 'react-i18next';
import { ApiError, FieldError } from '../api';
import { serverRuleMessage } from '../forms/validationMessages';
import { thrownText } from '../text';

/**
 * A refused or failed request: the reason in the reader's language, the approval level required,
 * the correlation id to quote to support; the server's own (English) text under "technical details".
 * Pages that show field errors on their fields say so (`fieldsShown`); others list them by label.
 */
export function ErrorNotice({ error, fieldsShown }: { error: unknown; fieldsShown?: boolean }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    // A failure in the browser itself (e.g. a sign-in through the identity provider) may carry a code.
    const code = (error as { code?: unknown }).code;
    return (
      <div role="alert" className="error" data-testid="error" data-code={code as string}>
        <strong>
          {typeof code === 'string'
            ? t(`errors.${code}`, { defaultValue: t('errors.generic') })
            : t('errors.generic')}
        </strong>
        <Technical lines={[thrownText(error)]} />
      </div>
    );
  }
  const requiredLevel = error.details?.requiredLevel as string | undefined;
  return (
    <div role="alert" className="error" data-testid="error" data-code={error.code}>
      <strong>{t(`errors.${error.code}`, { defaultValue: t('errors.generic') })}</strong>{' '}
      <code className="muted">{error.code}</code>
      {requiredLevel && (
        <p data-testid="required-level">
          {t('errors.requiredLevel', {
            level: t(`levels.${requiredLevel}`, { defaultValue: requiredLevel }),
          })}
        </p>
      )}
      {!fieldsShown && error.fieldErrors.length > 0 && (
        <ul>
          {error.fieldErrors.map((fieldError) => (
            <li key={fieldError.field}>
              {fieldLabel(fieldError.field, t)}：{fieldErrorText(fieldError, t)}
            </li>
          ))}
        </ul>
      )}
      {error.correlationId && (
        <p className="muted" data-testid="correlation-id">
          {t('errors.correlation')}：<code>{error.correlationId}</code>
        </p>
      )}
      <Technical
        lines={[
          error.message,
          ...error.fieldErrors.map((f) => `${f.field}: ${f.reasons.join('; ')}`),
        ]}
      />
    </div>
  );
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A server field (`applicant.idNumber`, `answer.remarks`) by its label, never its path. */
export function fieldLabel(field: string, t: Translate): string {
  const name =
    field
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .pop() ?? field;
  return t(`fields.${name}`, {
    defaultValue: t(`apply.${name}`, { defaultValue: t('errors.aField') }),
  });
}

/** A server field error in the reader's words (by the rules the server names). */
export function fieldErrorText(fieldError: FieldError, t: Translate): string {
  const messages = fieldError.reasons.map((_reason, index) =>
    serverRuleMessage(fieldError.rules?.[index], undefined, false, t),
  );
  return [...new Set(messages)].join('；');
}

function Technical({ lines }: { lines: string[] }) {
  const { t } = useTranslation();
  const text = lines.filter(Boolean);
  if (text.length === 0) return null;
  return (
    <details className="technical">
      <summary>{t('errors.technical')}</summary>
      {text.map((line, index) => (
        <p key={index} lang="en">
          {line}
        </p>
      ))}
    </details>
  );
}
