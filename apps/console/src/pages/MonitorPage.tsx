import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { answer, client } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { IncidentTable } from '../components/IncidentTable';
import { When } from '../components/Money';
import { UserName } from '../components/Names';
import { stepLabel } from '../elementNames';
import type { InstanceListRow } from '../monitorTypes';
import { useLoad } from '../useLoad';
import { ageOf } from './InboxPage';

const PROCESSES = [
  'loan-origination',
  'loan-servicing',
  'collection',
  'risk-warning',
  'loan-restructuring',
  'part-prepayment',
  'accountability-review',
];

interface Filters {
  process: string;
  state: string;
  businessKey: string;
  activeElement: string;
  hasIncident: string;
  startedFrom: string;
  startedTo: string;
  errorMessage: string;
  retriesLeft: string;
  assignee: string;
  candidateGroup: string;
  daysInStepMin: string;
  variables: string;
}
const EMPTY: Filters = {
  process: '',
  state: '',
  businessKey: '',
  activeElement: '',
  hasIncident: '',
  startedFrom: '',
  startedTo: '',
  errorMessage: '',
  retriesLeft: '',
  assignee: '',
  candidateGroup: '',
  daysInStepMin: '',
  variables: '',
};

/** A yes/no filter: unset while empty. */
const flag = (value: string): boolean | undefined => (value === '' ? undefined : value === 'true');

export default function MonitorPage() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const [incidentState, setIncidentState] = useState<'open' | 'resolved'>('open');
  const instances = useLoad(
    () =>
      answer(
        client.GET('/api/monitor/instances', {
          params: {
            query: {
              process: filters.process || undefined,
              state: (filters.state || undefined) as InstanceListRow['state'] | undefined,
              businessKey: filters.businessKey || undefined,
              activeElement: filters.activeElement || undefined,
              hasIncident: flag(filters.hasIncident),
              startedFrom: filters.startedFrom
                ? `${filters.startedFrom}T00:00:00+08:00`
                : undefined,
              startedTo: filters.startedTo ? `${filters.startedTo}T23:59:59+08:00` : undefined,
              errorMessage: filters.errorMessage || undefined,
              retriesLeft: flag(filters.retriesLeft),
              assignee: filters.assignee || undefined,
              candidateGroup: filters.candidateGroup || undefined,
              daysInStepMin: filters.daysInStepMin ? Number(filters.daysInStepMin) : undefined,
              variables: filters.variables || undefined,
              page,
              pageSize: 25,
            },
          },
        }),
      ),
    [filters, page],
  );
  const [incidentText, setIncidentText] = useState('');
  const incidents = useLoad(
    () =>
      answer(
        client.GET('/api/monitor/incidents', {
          params: {
            query: {
              state: incidentState,
              errorMessage: incidentText.trim().length >= 2 ? incidentText.trim() : undefined,
              pageSize: 200,
            },
          },
        }),
      ),
    [incidentState, incidentText],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPage(1);
    setFilters(draft);
  };
  const text = (key: keyof Filters, type = 'text') => (
    <label>
      <span>{t(`monitor.filter.${key}`)}</span>
      <input
        type={type}
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </label>
  );
  /** How long the instance has run (until it ended). */
  const age = (row: InstanceListRow) => {
    if (!row.startedAt) return '—';
    const ran = ageOf(row.startedAt, row.endedAt ? new Date(row.endedAt).getTime() : Date.now());
    return 'days' in ran
      ? t('inbox.ageDays', { count: ran.days })
      : t('inbox.ageHours', { count: ran.hours });
  };
  const pages = instances.data
    ? Math.max(1, Math.ceil(instances.data.total / instances.data.pageSize))
    : 1;

  return (
    <section aria-labelledby="monitor-title">
      <h1 id="monitor-title">{t('monitor.title')}</h1>
      <form className="filters" onSubmit={submit}>
        <label>
          <span>{t('monitor.filter.process')}</span>
          <select
            value={draft.process}
            onChange={(e) => setDraft({ ...draft, process: e.target.value })}
          >
            <option value="">{t('common.all')}</option>
            {PROCESSES.map((p) => (
              <option key={p} value={p}>
                {t(`processes.${p}`, { defaultValue: p })}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('monitor.filter.state')}</span>
          <select
            value={draft.state}
            onChange={(e) => setDraft({ ...draft, state: e.target.value })}
          >
            <option value="">{t('common.all')}</option>
            {['active', 'completed', 'terminated'].map((s) => (
              <option key={s} value={s}>
                {t(`values.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {text('businessKey')}
        {text('activeElement')}
        <label>
          <span>{t('monitor.filter.hasIncident')}</span>
          <select
            value={draft.hasIncident}
            onChange={(e) => setDraft({ ...draft, hasIncident: e.target.value })}
          >
            <option value="">{t('common.all')}</option>
            <option value="true">{t('common.yes')}</option>
            <option value="false">{t('common.no')}</option>
          </select>
        </label>
        {text('startedFrom', 'date')}
        {text('startedTo', 'date')}
        {text('errorMessage')}
        <label>
          <span>{t('monitor.filter.retriesLeft')}</span>
          <select
            value={draft.retriesLeft}
            onChange={(e) => setDraft({ ...draft, retriesLeft: e.target.value })}
          >
            <option value="">{t('common.all')}</option>
            <option value="true">{t('common.yes')}</option>
            <option value="false">{t('common.no')}</option>
          </select>
        </label>
        {text('assignee')}
        {text('candidateGroup')}
        {text('daysInStepMin', 'number')}
        <label>
          <span>{t('monitor.filter.variables')}</span>
          <input
            value={draft.variables}
            placeholder='{"approvalLevel":"center"}'
            onChange={(e) => setDraft({ ...draft, variables: e.target.value })}
          />
        </label>
        <button type="submit">{t('common.filter')}</button>
      </form>
      <ErrorNotice error={instances.error} />
      {instances.data && (
        <>
          <p className="muted">{t('monitor.total', { count: instances.data.total })}</p>
          <div className="table-wrap">
            <table data-testid="instances">
              <thead>
                <tr>
                  <th scope="col">{t('monitor.instance')}</th>
                  <th scope="col">{t('monitor.process')}</th>
                  <th scope="col">{t('inbox.loan')}</th>
                  <th scope="col">{t('monitor.borrower')}</th>
                  <th scope="col">{t('monitor.currentStep')}</th>
                  <th scope="col">{t('monitor.assignee')}</th>
                  <th scope="col">{t('monitor.state')}</th>
                  <th scope="col">{t('monitor.age')}</th>
                  <th scope="col">{t('monitor.started')}</th>
                  <th scope="col">{t('monitor.incidents')}</th>
                </tr>
              </thead>
              <tbody>
                {instances.data.items.map((row) => (
                  <tr key={row.processInstanceKey} data-business-key={row.businessKey ?? ''}>
                    <td>
                      <Link to={`/monitor/instances/${row.processInstanceKey}`}>
                        {row.processInstanceKey}
                      </Link>
                    </td>
                    <td>
                      <Link to={`/monitor/processes/${row.processDefinitionKey}`}>
                        {t(`processes.${row.bpmnProcessId}`, { defaultValue: row.bpmnProcessId })} v
                        {row.version}
                      </Link>
                    </td>
                    <td>
                      {row.businessKey && (
                        <Link to={`/loans/${row.businessKey}`}>{row.businessKey}</Link>
                      )}
                    </td>
                    <td data-testid="instance-borrower">{row.borrower ?? '—'}</td>
                    <td data-testid="instance-step">
                      {row.currentSteps.length
                        ? row.currentSteps.map((step, index) => (
                            <span
                              key={step.elementId}
                              data-element-id={step.elementId}
                              title={step.name}
                            >
                              {index > 0 && '、'}
                              {stepLabel(step.name, i18n.language)}
                            </span>
                          ))
                        : '—'}
                    </td>
                    <td data-testid="instance-assignee">
                      {row.assignees.length
                        ? row.assignees.map((username, index) => (
                            <span key={username}>
                              {index > 0 && '、'}
                              <UserName username={username} />
                            </span>
                          ))
                        : row.currentSteps.some((step) => step.elementType === 'USER_TASK')
                          ? t('monitor.inPool')
                          : '—'}
                    </td>
                    <td>{t(`values.${row.state}`, { defaultValue: row.state })}</td>
                    <td data-testid="instance-age">{age(row)}</td>
                    <td>
                      <When at={row.startedAt} />
                    </td>
                    <td className={row.openIncidents ? 'overdue' : undefined}>
                      {row.openIncidents}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t('common.pages')}>
            <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t('common.previous')}
            </button>
            <span>{t('common.pageOf', { page, pages })}</span>
            <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              {t('common.next')}
            </button>
          </nav>
        </>
      )}
      <h2 id="incidents-title">{t('monitor.incidentsTitle')}</h2>
      <label>
        <span>{t('monitor.incidentState')}</span>{' '}
        <select
          value={incidentState}
          onChange={(e) => setIncidentState(e.target.value as 'open' | 'resolved')}
        >
          <option value="open">{t('values.open')}</option>
          <option value="resolved">{t('values.resolved')}</option>
        </select>
      </label>{' '}
      <label>
        <span>{t('monitor.filter.errorMessage')}</span>{' '}
        <input
          data-testid="incident-text"
          value={incidentText}
          onChange={(e) => setIncidentText(e.target.value)}
        />
      </label>
      <ErrorNotice error={incidents.error} />
      {incidents.data && (
        <IncidentTable incidents={incidents.data.items} onResolved={incidents.reload} />
      )}
    </section>
  );
}
