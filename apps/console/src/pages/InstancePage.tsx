import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { answer, client } from '../api';
import { BpmnDiagram, DiagramOverlay } from '../components/BpmnDiagram';
import { DataTable } from '../components/DataTable';
import { ErrorNotice } from '../components/ErrorNotice';
import { IncidentTable } from '../components/IncidentTable';
import { InstanceModification } from '../components/InstanceModification';
import { When } from '../components/Money';
import { elementNamesOf, stepLabel } from '../elementNames';
import { useLoad } from '../useLoad';

const CONTAINERS = new Set(['SUB_PROCESS', 'EVENT_SUB_PROCESS']);

export default function InstancePage() {
  const { key = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { data, error, reload } = useLoad(async () => {
    const instance = await answer(
      client.GET('/api/monitor/instances/{key}', { params: { path: { key } } }),
    );
    const definition = await answer(
      client.GET('/api/monitor/processes/{definitionKey}', {
        params: { path: { definitionKey: instance.processDefinitionKey } },
      }),
    );
    return { instance, definition };
  }, [key]);

  const decoration = useMemo(() => {
    if (!data) return null;
    const { instance } = data;
    const openIncidents = instance.incidents.filter((incident) => incident.state === 'open');
    const activeScopes = instance.elements
      .filter((e) => e.state === 'active' && CONTAINERS.has(e.elementType))
      .map((e) => e.elementId);
    const markers: Record<string, string[]> = {
      'lf-completed': instance.completedElements,
      'lf-active-scope': activeScopes,
      'lf-active': instance.activeElements,
      'lf-incident': openIncidents.map((incident) => incident.elementId),
    };
    const overlays: DiagramOverlay[] = [
      ...instance.activeElements.map((elementId) => ({
        elementId,
        html: `<span class="lf-token" title="${t('monitor.token')}">●</span>`,
      })),
      ...openIncidents.map((incident) => ({
        elementId: incident.elementId,
        position: { bottom: 10, left: -10 },
        html: `<span class="lf-incident-badge" title="${escapeHtml(incident.errorMessage)}">!</span>`,
      })),
    ];
    return { markers, overlays, focus: instance.activeElements[0] ?? openIncidents[0]?.elementId };
  }, [data, t]);

  const names = useMemo(
    () => (data ? elementNamesOf(data.definition.bpmnXml) : new Map<string, string>()),
    [data],
  );

  if (error) return <ErrorNotice error={error} />;
  if (!data || !decoration) return <p role="status">{t('common.loading')}</p>;
  const { instance, definition } = data;
  /** A step by the model's name in the reader's language; its id when the model names none. */
  const step = (elementId: string) => stepLabel(names.get(elementId), i18n.language) || elementId;
  const named = <T extends { elementId: string; elementType?: string }>(rows: T[]) =>
    rows.map(({ elementId, ...rest }) => ({
      stepName: step(elementId),
      ...rest,
      ...(rest.elementType
        ? { elementType: t(`elementTypes.${rest.elementType}`, { defaultValue: rest.elementType }) }
        : {}),
    }));

  return (
    <section aria-labelledby="instance-title">
      <p>
        <Link to="/monitor">← {t('monitor.title')}</Link>
      </p>
      <h1 id="instance-title">
        {t(`processes.${instance.bpmnProcessId}`, { defaultValue: instance.bpmnProcessId })} v
        {instance.version} · {instance.processInstanceKey}
      </h1>
      <dl className="facts">
        <dt>{t('inbox.loan')}</dt>
        <dd>
          {instance.businessKey ? (
            <Link to={`/loans/${instance.businessKey}`}>{instance.businessKey}</Link>
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('monitor.state')}</dt>
        <dd data-testid="instance-state">
          {t(`values.${instance.state}`, { defaultValue: instance.state })}
        </dd>
        <dt>{t('monitor.started')}</dt>
        <dd>
          <When at={instance.startedAt} />
        </dd>
        <dt>{t('monitor.waitsAt')}</dt>
        <dd data-testid="active-elements">
          {instance.activeElements.length
            ? instance.activeElements.map((elementId, index) => (
                <span key={elementId} data-element-id={elementId} title={elementId}>
                  {index > 0 && '、'}
                  {step(elementId)}
                </span>
              ))
            : '—'}
        </dd>
      </dl>
      <ul className="legend" aria-label={t('monitor.legend')}>
        <li>
          <span className="swatch completed" /> {t('monitor.completed')}
        </li>
        <li>
          <span className="swatch active" /> {t('monitor.active')}
        </li>
        <li>
          <span className="swatch incident" /> {t('monitor.incident')}
        </li>
      </ul>
      <BpmnDiagram
        xml={definition.bpmnXml}
        markers={decoration.markers}
        overlays={decoration.overlays}
        focus={decoration.focus}
        label={t('monitor.diagramOf', { process: instance.bpmnProcessId })}
      />
      <h2>{t('monitor.incidentsTitle')}</h2>
      <IncidentTable incidents={instance.incidents} onResolved={reload} />
      <InstanceModification
        instance={instance}
        bpmnXml={definition.bpmnXml}
        names={names}
        onApplied={reload}
      />
      <h2>{t('monitor.timers')}</h2>
      <DataTable caption={t('monitor.timers')} rows={named(instance.timers)} />
      <h2>{t('monitor.messages')}</h2>
      <DataTable caption={t('monitor.messages')} rows={named(instance.messageSubscriptions)} />
      <h2>{t('monitor.history')}</h2>
      <DataTable
        caption={t('monitor.history')}
        rows={named(instance.elements)}
        columns={['stepName', 'elementType', 'state', 'startedAt', 'endedAt']}
      />
      <details>
        <summary>{t('monitor.variables')}</summary>
        <pre className="json">{JSON.stringify(instance.variables, null, 2)}</pre>
      </details>
    </section>
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
