import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { post } from '../api';
import { useAuth } from '../auth';
import type { Incident } from '../monitorTypes';
import { ErrorNotice } from './ErrorNotice';
import { When } from './Money';

/** Incidents with a retry button for process designers and admins. */
export function IncidentTable({
  incidents,
  onResolved,
}: {
  incidents: Incident[];
  onResolved(): void;
}) {
  const { t } = useTranslation();
  const { hasRole } = useAuth();
  const [error, setError] = useState<unknown>(null);
  const canRetry = hasRole('process-designer', 'admin');
  const retry = async (key: string) => {
    setError(null);
    try {
      await post(`/api/monitor/incidents/${key}/resolve`, {});
      onResolved();
    } catch (failure) {
      setError(failure);
    }
  };
  if (incidents.length === 0) return <p className="muted">{t('monitor.noIncidents')}</p>;
  return (
    <>
      <ErrorNotice error={error} />
      <div className="table-wrap">
        <table data-testid="incidents">
          <thead>
            <tr>
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
              <tr key={incident.incidentKey}>
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
