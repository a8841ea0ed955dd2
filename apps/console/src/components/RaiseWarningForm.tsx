import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../api';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';

/** 风险预警: staff raise a warning on a loan being serviced; a worse one supersedes the open one. */
export function RaiseWarningForm({ loanId, onRaised }: { loanId: string; onRaised: () => void }) {
  const { t } = useTranslation();
  const [level, setLevel] = useState('yellow');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const errors = error instanceof ApiError ? error.fieldErrors : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post(`/api/loans/${encodeURIComponent(loanId)}/warnings`, { level, description });
      setDescription('');
      onRaised();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="filters" onSubmit={submit} aria-label={t('warning.raise')}>
      <Field id="warning-level" label={t('warning.level')} errors={errors} field="level">
        {(props) => (
          <select {...props} value={level} onChange={(e) => setLevel(e.target.value)}>
            {['yellow', 'orange', 'red'].map((value) => (
              <option key={value} value={value}>
                {t(`warning.levels.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="warning-description"
        label={t('warning.description')}
        errors={errors}
        field="description"
      >
        {(props) => (
          <input
            {...props}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            required
          />
        )}
      </Field>
      <button type="submit" disabled={busy}>
        {t('warning.raise')}
      </button>
      <ErrorNotice error={error} fieldsShown />
    </form>
  );
}
