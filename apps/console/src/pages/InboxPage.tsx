import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { answer, ApiError, client, Task, TaskQuery } from '../api';
import { useAuth } from '../auth';
import { Field } from '../components/Field';
import { ErrorNotice } from '../components/ErrorNotice';
import { MentionsPanel } from '../components/Comments';
import { Money, When } from '../components/Money';
import { UnitName, UserName } from '../components/Names';
import { formatCount } from '../format';
import { TASK_TYPES, taskTypeKey } from '../taskTypes';
import { useLoad } from '../useLoad';
import { TASK_SORTS } from '../apiValues';

type Sort = NonNullable<TaskQuery['sort']>;

interface Filters {
  state: 'open' | 'completed';
  type: string;
  loan: string;
  borrower: string;
  dueBefore: string;
  sort: Sort;
}

const EMPTY: Filters = {
  state: 'open',
  type: '',
  loan: '',
  borrower: '',
  dueBefore: '',
  sort: 'due',
};
const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

/** How long a task has waited: whole days, or hours on its first day. */
export function ageOf(createdAt: string, now = Date.now()): { days: number } | { hours: number } {
  const waited = Math.max(0, now - new Date(createdAt).getTime());
  return waited >= DAY ? { days: Math.floor(waited / DAY) } : { hours: Math.floor(waited / HOUR) };
}

/** 我的任务: claimed by me; 待领取: offered to my groups, unclaimed. */
type View = 'all' | 'mine' | 'pool';

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
  const { me } = useAuth();
  const location = useLocation();
  const completed = (location.state ?? null) as { done?: string; title?: string } | null;
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [view, setView] = useState<View>('all');
  const [claimError, setClaimError] = useState<unknown>(null);
  const [claiming, setClaiming] = useState<string | null>(null);
  const [claimed, setClaimed] = useState<string | null>(null);
  const { data, error, loading, reload } = useLoad(
    () =>
      answer(
        client.GET('/api/tasks', {
          params: {
            query: {
              state: filters.state || undefined,
              type: filters.type || undefined,
              loan: filters.loan || undefined,
              borrower: filters.borrower || undefined,
              dueBefore: filters.dueBefore
                ? new Date(`${filters.dueBefore}T23:59:59+08:00`).toISOString()
                : undefined,
              sort: filters.sort,
              pageSize: 200,
            },
          },
        }),
      ),
    [filters],
  );

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };

  const claim = async (task: Task) => {
    setClaiming(task.id);
    setClaimError(null);
    setClaimed(null);
    try {
      await answer(client.POST('/api/tasks/{id}/claim', { params: { path: { id: task.id } } }));
      setClaimed(task.id);
      reload();
    } catch (failure) {
      setClaimError(failure);
    } finally {
      setClaiming(null);
    }
  };

  const all = data?.items ?? [];
  const isMine = (task: Task) => !!me && task.assignee === me.username;
  const isPool = (task: Task) => !task.assignee;
  const shown = all.filter((task) =>
    view === 'mine' ? isMine(task) : view === 'pool' ? isPool(task) : true,
  );
  const counts = new Map<string, number>();
  for (const task of shown) counts.set(task.type, (counts.get(task.type) ?? 0) + 1);
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];
  const age = (task: Task) => {
    const waited = ageOf(task.createdAt);
    return 'days' in waited
      ? t('inbox.ageDays', { count: waited.days })
      : t('inbox.ageHours', { count: waited.hours });
  };
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
        <Field
          id="inbox-borrower"
          label={t('inbox.borrower')}
          errors={fieldErrors}
          field="borrower"
        >
          {(props) => (
            <input
              {...props}
              type="search"
              value={draft.borrower}
              placeholder={t('inbox.borrowerHint')}
              onChange={(e) => setDraft({ ...draft, borrower: e.target.value })}
            />
          )}
        </Field>
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
          <select
            value={draft.sort}
            onChange={(e) =>
              setDraft({ ...draft, sort: TASK_SORTS.find((s) => s === e.target.value) ?? 'due' })
            }
          >
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
      {completed?.done && (
        <p role="status" className="success" data-testid="task-done">
          {t('inbox.completed', { title: completed.title ?? '' })}
        </p>
      )}
      {loading && (
        <p role="status" className="muted" data-testid="inbox-loading">
          {t('common.loading')}
        </p>
      )}
      <ErrorNotice error={error} fieldsShown />
      <ErrorNotice error={claimError} />
      {claimed && (
        <p role="status" className="success" data-testid="task-claimed">
          {t('inbox.claimedDone')}
        </p>
      )}
      {data && filters.state === 'open' && (
        <div className="tabs" role="tablist" aria-label={t('inbox.views')}>
          {(['all', 'mine', 'pool'] as const).map((name) => {
            const count =
              name === 'mine'
                ? all.filter(isMine).length
                : name === 'pool'
                  ? all.filter(isPool).length
                  : all.length;
            return (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={view === name}
                className={view === name ? 'tab active' : 'tab'}
                data-view={name}
                onClick={() => setView(name)}
              >
                {t(`inbox.view.${name}`)} ({formatCount(count, i18n.language)})
              </button>
            );
          })}
        </div>
      )}
      {data && (
        <>
          <ul className="chips" aria-label={t('inbox.counts')} data-testid="type-counts">
            <li>
              {t('inbox.total')}:{' '}
              <strong data-testid="inbox-total">
                {formatCount(data.total, i18n.language)}
                {data.totalCapped ? '+' : ''}
              </strong>
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
                  <th scope="col">{t('inbox.age')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((task) => {
                  const due = task.endedAt ? '' : dueClass(task.deadlineAt);
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
                        ) : filters.state === 'open' ? (
                          <button
                            type="button"
                            className="small"
                            disabled={claiming !== null}
                            onClick={() => void claim(task)}
                          >
                            {claiming === task.id ? t('inbox.claiming') : t('inbox.claim')}
                          </button>
                        ) : (
                          t('inbox.unclaimed')
                        )}
                      </td>
                      <td data-label={t('inbox.due')} data-name="deadline">
                        <When at={task.deadlineAt} />
                        {task.deadlineKind === 'notice' && (
                          <span className="muted"> {t('inbox.noticeDeadline')}</span>
                        )}
                        {due && <span className={`badge ${due}`}>{t(`inbox.${due}`)}</span>}
                      </td>
                      <td data-label={t('inbox.age')} data-name="age">
                        {age(task)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {shown.length === 0 && !loading && <p className="muted">{t('inbox.empty')}</p>}
        </>
      )}
    </section>
  );
}
