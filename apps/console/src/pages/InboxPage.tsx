import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get, Page, query, Task } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { MentionsPanel } from '../components/Comments';
import { Money, When } from '../components/Money';
import { UnitName, UserName } from '../components/Names';
import { formatCount } from '../format';
import { TASK_TYPES, taskTypeKey } from '../taskTypes';
import { useLoad } from '../useLoad';

interface Filters {
  state: 'open' | 'completed';
  type: string;
  loan: string;
  dueBefore: string;
  sort: string;
}

const EMPTY: Filters = { state: 'open', type: '', loan: '', dueBefore: '', sort: 'due' };
const DAY = 24 * 3600 * 1000;

/** overdue: past its due time; soon: due within a day. */
export function dueClass(dueAt: string | null, now = Date.now()): 'overdue' | 'soon' | '' {
  if (!dueAt) return '';
  const due = new Date(dueAt).getTime();
  if (due < now) return 'overdue';
  if (due - now < DAY) return 'soon';
  return '';
}

export function InboxPage() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const { data, error, loading, reload } = useLoad(
    () =>
      get<Page<Task>>(
        `/api/tasks${query({
          state: filters.state,
          type: filters.type,
          loan: filters.loan,
          dueBefore: filters.dueBefore
            ? new Date(`${filters.dueBefore}T23:59:59+08:00`).toISOString()
            : undefined,
          sort: filters.sort,
          pageSize: 200,
        })}`,
      ),
    [filters],
  );

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };

  const counts = new Map<string, number>();
  for (const task of data?.items ?? []) counts.set(task.type, (counts.get(task.type) ?? 0) + 1);
  const title = (task: Task) => (i18n.language.startsWith('zh') ? task.titleZh : task.title);

  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('inbox.title')}</h1>
      <MentionsPanel />
      <form className="filters" onSubmit={apply}>
        <label>
          <span>{t('inbox.state')}</span>
          <select
            value={draft.state}
            onChange={(e) => setDraft({ ...draft, state: e.target.value as Filters['state'] })}
          >
            <option value="open">{t('inbox.stateOpen')}</option>
            <option value="completed">{t('inbox.stateCompleted')}</option>
          </select>
        </label>
        <label>
          <span>{t('inbox.type')}</span>
          <select value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {TASK_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(taskTypeKey(type))}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('inbox.loan')}</span>
          <input
            value={draft.loan}
            onChange={(e) => setDraft({ ...draft, loan: e.target.value })}
          />
        </label>
        <label>
          <span>{t('inbox.dueBefore')}</span>
          <input
            type="date"
            value={draft.dueBefore}
            onChange={(e) => setDraft({ ...draft, dueBefore: e.target.value })}
          />
        </label>
        <label>
          <span>{t('inbox.sort')}</span>
          <select value={draft.sort} onChange={(e) => setDraft({ ...draft, sort: e.target.value })}>
            <option value="due">{t('inbox.sortDue')}</option>
            <option value="-due">{t('inbox.sortDueDesc')}</option>
            <option value="created">{t('inbox.sortCreated')}</option>
            <option value="-created">{t('inbox.sortCreatedDesc')}</option>
          </select>
        </label>
        <button type="submit">{t('common.filter')}</button>
        <button type="button" onClick={reload}>
          {t('common.refresh')}
        </button>
      </form>
      <ErrorNotice error={error} />
      {data && (
        <>
          <ul className="chips" aria-label={t('inbox.counts')} data-testid="type-counts">
            <li>
              {t('inbox.total')}: <strong>{formatCount(data.total, i18n.language)}</strong>
            </li>
            {[...counts.entries()].map(([type, count]) => (
              <li key={type}>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    const next = { ...draft, type };
                    setDraft(next);
                    setFilters(next);
                  }}
                >
                  {t(taskTypeKey(type), { defaultValue: type })}:{' '}
                  <strong>{formatCount(count, i18n.language)}</strong>
                </button>
              </li>
            ))}
          </ul>
          <div className="table-wrap">
            <table className="tasks stack" data-testid="task-table">
              <caption className="sr-only">{t('inbox.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('inbox.task')}</th>
                  <th scope="col">{t('inbox.loan')}</th>
                  <th scope="col">{t('loan.applicant')}</th>
                  <th scope="col">{t('loan.product')}</th>
                  <th scope="col" className="num">
                    {t('loan.amount')}
                  </th>
                  <th scope="col">{t('loan.term')}</th>
                  <th scope="col">{t('loan.grade')}</th>
                  <th scope="col">{t('loan.branch')}</th>
                  <th scope="col">{t('inbox.assignee')}</th>
                  <th scope="col">{t('inbox.due')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((task) => {
                  const due = dueClass(task.dueAt);
                  return (
                    <tr
                      key={task.id}
                      className={due}
                      data-task-type={task.type}
                      data-loan={task.businessKey ?? ''}
                    >
                      <td data-label={t('inbox.task')}>
                        <Link to={`/tasks/${task.id}`}>{title(task)}</Link>
                      </td>
                      <td data-label={t('inbox.loan')}>
                        {task.businessKey && (
                          <Link to={`/loans/${task.businessKey}`}>{task.businessKey}</Link>
                        )}
                      </td>
                      <td data-label={t('loan.applicant')}>{task.loanHeadline?.applicantName}</td>
                      <td data-label={t('loan.product')}>
                        {task.loanHeadline && t(`products.${task.loanHeadline.product}`)}
                      </td>
                      <td data-label={t('loan.amount')} className="num">
                        <Money amount={task.loanHeadline?.amount} />
                      </td>
                      <td data-label={t('loan.term')}>
                        {task.loanHeadline &&
                          t('common.months', { count: task.loanHeadline.termMonths })}
                      </td>
                      <td data-label={t('loan.grade')}>{task.loanHeadline?.riskGrade ?? '—'}</td>
                      <td data-label={t('loan.branch')}>
                        <UnitName code={task.loanHeadline?.branchCode} />
                      </td>
                      <td data-label={t('inbox.assignee')}>
                        {task.assignee ? (
                          <UserName username={task.assignee} />
                        ) : (
                          t('inbox.unclaimed')
                        )}
                      </td>
                      <td data-label={t('inbox.due')}>
                        <When at={task.dueAt} />
                        {due && <span className={`badge ${due}`}>{t(`inbox.${due}`)}</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {data.items.length === 0 && !loading && <p className="muted">{t('inbox.empty')}</p>}
        </>
      )}
    </section>
  );
}
