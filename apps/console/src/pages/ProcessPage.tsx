import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { answer, client } from '../api';
import { BpmnDiagram, DiagramOverlay } from '../components/BpmnDiagram';
import { ErrorNotice } from '../components/ErrorNotice';
import { useLoad } from '../useLoad';

/** One process version with the heatmap: per element, tokens now, completed, terminated, incidents. */
export default function ProcessPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation();
  const { data, error } = useLoad(
    () =>
      Promise.all([
        answer(
          client.GET('/api/monitor/processes/{definitionKey}', {
            params: { path: { definitionKey: key } },
          }),
        ),
        answer(
          client.GET('/api/monitor/processes/{definitionKey}/heatmap', {
            params: { path: { definitionKey: key } },
          }),
        ),
      ]),
    [key],
  );
  const decoration = useMemo(() => {
    if (!data) return null;
    const [, heatmap] = data;
    const markers: Record<string, string[]> = {
      'lf-heat-active': heatmap.elements.filter((e) => e.active > 0).map((e) => e.elementId),
      'lf-incident': heatmap.elements.filter((e) => e.incidents > 0).map((e) => e.elementId),
    };
    const overlays: DiagramOverlay[] = heatmap.elements.map((e) => ({
      elementId: e.elementId,
      position: { bottom: 14, left: -6 },
      html:
        `<span class="lf-heat" data-element="${e.elementId}">` +
        `<b class="a" title="${t('monitor.active')}">${e.active}</b>` +
        `<b class="c" title="${t('monitor.completed')}">${e.completed}</b>` +
        (e.terminated
          ? `<b class="x" title="${t('monitor.terminated')}">${e.terminated}</b>`
          : '') +
        (e.incidents ? `<b class="i" title="${t('monitor.incident')}">${e.incidents}</b>` : '') +
        `</span>`,
    }));
    return { markers, overlays };
  }, [data, t]);

  if (error) return <ErrorNotice error={error} />;
  if (!data || !decoration) return <p role="status">{t('common.loading')}</p>;
  const [definition, heatmap] = data;
  return (
    <section aria-labelledby="process-title">
      <p>
        <Link to="/monitor">← {t('monitor.title')}</Link>
      </p>
      <h1 id="process-title">
        {t(`processes.${definition.bpmnProcessId}`, { defaultValue: definition.bpmnProcessId })} v
        {definition.version}
      </h1>
      <ul className="legend" aria-label={t('monitor.legend')}>
        <li>
          <b className="lf-heat-key a">n</b> {t('monitor.active')}
        </li>
        <li>
          <b className="lf-heat-key c">n</b> {t('monitor.completed')}
        </li>
        <li>
          <b className="lf-heat-key x">n</b> {t('monitor.terminated')}
        </li>
        <li>
          <b className="lf-heat-key i">n</b> {t('monitor.incident')}
        </li>
      </ul>
      <BpmnDiagram
        xml={definition.bpmnXml}
        markers={decoration.markers}
        overlays={decoration.overlays}
        label={t('monitor.diagramOf', { process: definition.bpmnProcessId })}
      />
      <h2>{t('monitor.heatmapTable')}</h2>
      <div className="table-wrap">
        <table data-testid="heatmap">
          <thead>
            <tr>
              <th scope="col">{t('monitor.element')}</th>
              <th scope="col" className="num">
                {t('monitor.active')}
              </th>
              <th scope="col" className="num">
                {t('monitor.completed')}
              </th>
              <th scope="col" className="num">
                {t('monitor.terminated')}
              </th>
              <th scope="col" className="num">
                {t('monitor.incident')}
              </th>
            </tr>
          </thead>
          <tbody>
            {heatmap.elements.map((e) => (
              <tr key={e.elementId}>
                <th scope="row">
                  <code>{e.elementId}</code>
                </th>
                <td className="num">{e.active}</td>
                <td className="num">{e.completed}</td>
                <td className="num">{e.terminated}</td>
                <td className="num">{e.incidents}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
