import { useTranslation } from 'react-i18next';

/** A value as a person reads it: text as is, a list or record one line per entry. */
function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '') return <>—</>;
  if (typeof value !== 'object') return <>{String(value)}</>;
  if (Array.isArray(value))
    return (
      <ul>
        {value.map((item, index) => (
          <li key={index}>
            <Value value={item} />
          </li>
        ))}
      </ul>
    );
  return (
    <dl className="nested">
      {Object.entries(value as Record<string, unknown>).map(([key, inner]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>
            <Value value={inner} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** What the task is about beyond the loan (the warning, the level proposed, the loss, the dossier). */
export function TaskContextPanel({ context }: { context: Record<string, unknown> | null }) {
  const { t } = useTranslation();
  if (!context) return null;
  return (
    <aside className="card summary" aria-labelledby="context-title" data-testid="task-context">
      <h2 id="context-title">{t('task.context')}</h2>
      <dl>
        {Object.entries(context).map(([name, value]) => (
          <div key={name} data-name={name}>
            <dt>{t(`contextNames.${name}`, { defaultValue: name })}</dt>
            <dd>
              <Value value={value} />
            </dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
