import { useTranslation } from 'react-i18next';
import { Value } from './DataTable';

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
            <dt>
              {t(`contextNames.${name}`, {
                defaultValue: t(`fields.${name}`, { defaultValue: name }),
              })}
            </dt>
            <dd>
              <Value name={name} value={value} />
            </dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
