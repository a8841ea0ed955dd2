import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client, Schema } from '../api';
import { useSubmit } from '../useSubmit';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';
import { WARNING_LEVELS } from '../apiValues';

type Level = Schema<'RaiseWarningRequest'>['level'];

/** 风险预警: staff raise a warning on a loan being serviced; a worse one supersedes the open one. */
export function RaiseWarningForm({ loanId, onRaised }: { loanId: string; onRaised: () => void }) {
  const { t } = useTranslation();
  const [level, setLevel] = useState<Level>('yellow');
  const [description, setDescription] = useState('');
  const { error, busy, errors, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      await answer(
        client.POST('/api/loans/{id}/warnings', {
          params: { path: { id: loanId } },
          body: { level, description },
        }),
      );
      setDescription('');
      onRaised();
    });
  };

  return (
    <form className="filters" onSubmit={submit} aria-label={t('warning.raise')}>
      <Field id="warning-level" label={t('warning.level')} errors={errors} field="level">
        {(props) => (
          <select {...props} value={level} onChange={(e) => setLevel(e.target.value as Level)}>
            {WARNING_LEVELS.map((value) => (
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
