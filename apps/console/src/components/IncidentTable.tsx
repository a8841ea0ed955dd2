import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { answer, client } from '../api';
import { useAuth } from '../auth';
import type { Incident } from '../monitorTypes';
import { Batch, BatchResult } from './BatchResult';
import { ErrorNotice } from './ErrorNotice';
import { When } from './Money';

/** Incidents with a retry button for process designers and admins. */
export function IncidentTable({
  incidents,
  onResolved,
}: {
  incidents: Incident[];
  onResolved: () => void;
}) {
  const { t } = useTranslation();
  const { may } = useAuth();
  const [error, setError] = useState<unknown>(null);
  const canRetry = may('POST /api/monitor/incidents/{key}/resolve');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState('');
  const [batch, setBatch] = useState<Batch | null>(null);
  const toggle = (key: string) => {
    const next = new Set(selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setSelected(next);
  };
  const retrySelected = async () => {
    setError(null);
    try {
      setBatch(
        await answer(
          client.POST('/api/monitor/batches', {
            body: { action: 'retry', keys: [...selected], reason },
          }),
        ),
      );
      setSelected(new Set());
      onResolved();
    } catch (failure) {
      setError(failure);
    }
  };
  const retry = async (key: string) => {
    setError(null);
    try {
      await answer(
        client.POST('/api/monitor/incidents/{key}/resolve', {
          params: { path: { key } },
          body: {},
        }),
      );
      onResolved();
    } catch (failure) {
      setError(failure);
    }
  };
  if (incidents.length === 0 && !batch) return <p className="muted">{t('monitor.noIncidents')}</p>;
  const open = incidents.filter((incident) => incident.state === 'open');
  return (
    <>
      <ErrorNotice error={error} />
      {canRetry && open.length > 0 && (
        <div className="filters" aria-label={t('monitor.batch.title')}>
          <label>
            <input
              type="checkbox"
              data-testid="select-all-incidents"
              checked={open.every((incident) => selected.has(incident.incidentKey))}
              onChange={(e) =>
                setSelected(
                  e.target.checked
                    ? new Set(open.map((incident) => incident.incidentKey))
                    : new Set(),
                )
              }
            />{' '}
            {t('monitor.batch.selectAll')}
          </label>
          <label>
            <span>{t('monitor.batch.reason')}</span>
            <input
              data-testid="batch-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          <button
            type="button"
            data-testid="batch-retry"
            disabled={selected.size === 0 || reason.trim().length < 5}
            onClick={() => void retrySelected()}
          >
            {t('monitor.batch.retry', { count: selected.size })}
          </button>
        </div>
      )}
      {batch && <BatchResult batch={batch} />}
      <div className="table-wrap">
        <table data-testid="incidents">
          <thead>
            <tr>
              {canRetry && <th scope="col">{t('monitor.batch.select')}</th>}
              <th scope="col">{t('monitor.instance')}</th>
              <th scope="col">{t('monitor.element')}</th>
              <th scope="col">{t('monitor.errorType')}</th>
              <th scope="col">{t('monitor.errorMessage')}</th>
              <th scope="col">{t('monitor.created')}</th>
              <th scope="col">{t('monitor.state')}</th>
              {canRetry && <th scope="col">{t('monitor.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {incidents.map((incident) => (
              <tr key={incident.incidentKey} data-incident-key={incident.incidentKey}>
                {canRetry && (
                  <td>
                    {incident.state === 'open' && (
                      <input
                        type="checkbox"
                        aria-label={t('monitor.batch.select')}
                        checked={selected.has(incident.incidentKey)}
                        onChange={() => toggle(incident.incidentKey)}
                      />
                    )}
                  </td>
                )}
                <td>
                  <Link to={`/monitor/instances/${incident.processInstanceKey}`}>
                    {incident.processInstanceKey}
                  </Link>
                  <div className="muted">{incident.bpmnProcessId}</div>
                </td>
                <td>
                  <code>{incident.elementId}</code>
                </td>
                <td>{incident.errorType}</td>
                <td className="wrap">{incident.errorMessage}</td>
                <td>
                  <When at={incident.createdAt} />
                </td>
                <td>{t(`values.${incident.state}`, { defaultValue: incident.state })}</td>
                {canRetry && (
                  <td>
                    {incident.state === 'open' && (
                      <button type="button" onClick={() => void retry(incident.incidentKey)}>
                        {t('monitor.retry')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
