import { FormEvent, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { answer, ApiError, client, Schema } from '../api';
import { BpmnDiagram } from '../components/BpmnDiagram';
import { ErrorNotice } from '../components/ErrorNotice';
import { ReleaseRequests } from '../components/ReleaseRequests';
import { When } from '../components/Money';
import { parseElementMappings } from '../elementMappings';
import { useLoad } from '../useLoad';

/** The check's report on uploaded models, as the API documents it. */
type CheckReport = Schema<'ModelCheckReportView'>;
type Issue = Schema<'ModelIssueView'>;
/** What a migration would do (a dry run) or did, as the API documents it. */
type MigrationPlan = Schema<'MigrationView'>;

export default function ModelsPage() {
  const { t } = useTranslation();
  const models = useLoad(() => answer(client.GET('/api/models')), []);
  const [files, setFiles] = useState<{ name: string; content: string }[]>([]);
  const [report, setReport] = useState<CheckReport | null>(null);
  const [deployed, setDeployed] = useState<string | null>(null);
  const [releasesShown, setReleasesShown] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [source, setSource] = useState('');
  const [target, setTarget] = useState('');
  const [mappingText, setMappingText] = useState('');
  const [plan, setPlan] = useState<MigrationPlan | null>(null);
  // Each uploaded model with problems, drawn with its elements marked (memoised: redrawn only
  // when the files or the report change).
  const issueDiagrams = useMemo(
    () =>
      files
        .filter((file) => file.name.endsWith('.bpmn'))
        .map((file) => {
          const issues = (report?.issues ?? []).filter((issue) => issue.file === file.name);
          const ids = [...new Set(issues.map((issue) => issue.elementId))];
          return {
            file,
            issues,
            markers: { 'lf-incident': ids },
            overlays: ids.map((elementId) => {
              const here = issues.filter((issue) => issue.elementId === elementId);
              const title = here.map((i) => escapeHtml(`${i.rule}: ${i.message}`)).join('&#10;');
              return {
                elementId,
                html: `<span class="lf-incident-badge" title="${title}">${here.length}</span>`,
              };
            }),
          };
        })
        .filter(({ issues }) => issues.length > 0),
    [files, report],
  );
  const [migrationError, setMigrationError] = useState<unknown>(null);

  const readFiles = async (list: FileList | null) => {
    setReport(null);
    setDeployed(null);
    setFiles(
      await Promise.all(
        [...(list ?? [])].map(async (file) => ({ name: file.name, content: await file.text() })),
      ),
    );
  };

  const send = async (path: '/api/models/check' | '/api/models') => {
    setError(null);
    setDeployed(null);
    try {
      if (path === '/api/models/check')
        setReport(await answer(client.POST('/api/models/check', { body: { files } })));
      else {
        const release = await answer(client.POST('/api/models', { body: { files } }));
        setReport({
          ok: true,
          issues: [],
          resources: release.resources.map((r) => ({ ...r, checksum: '' })),
        });
        setDeployed(t('models.requested', { id: release.id }));
        setReleasesShown((n) => n + 1);
      }
    } catch (failure) {
      // 422 MODEL_CHECK_FAILED carries the problems: show them against the elements.
      if (failure instanceof ApiError && Array.isArray(failure.details?.issues))
        setReport({ ok: false, issues: failure.details.issues as Issue[], resources: [] });
      setError(failure);
    }
  };

  const migrate = async (event: FormEvent, dryRun: boolean) => {
    event.preventDefault();
    setMigrationError(null);
    const { mappings, malformed } = parseElementMappings(mappingText);
    if (malformed.length > 0) {
      setMigrationError(
        Object.assign(new Error(`not old=new: ${malformed.join(' | ')}`), {
          code: 'MAPPING_MALFORMED',
        }),
      );
      return;
    }
    try {
      setPlan(
        await answer(
          client.POST('/api/models/migrations', {
            body: {
              sourceProcessDefinitionKey: source.trim(),
              targetProcessDefinitionKey: target.trim(),
              ...(mappings.length > 0 && { mappings }),
              dryRun,
            },
          }),
        ),
      );
    } catch (failure) {
      setMigrationError(failure);
    }
  };

  return (
    <section aria-labelledby="models-title">
      <h1 id="models-title">{t('models.title')}</h1>
      <ErrorNotice error={models.error} />
      {models.data && (
        <div className="table-wrap">
          <table data-testid="models">
            <thead>
              <tr>
                <th scope="col">{t('models.process')}</th>
                <th scope="col">{t('models.version')}</th>
                <th scope="col">{t('models.key')}</th>
                <th scope="col">{t('models.file')}</th>
                <th scope="col">{t('models.deployedAt')}</th>
                <th scope="col" className="num">
                  {t('monitor.active')}
                </th>
                <th scope="col" className="num">
                  {t('monitor.completed')}
                </th>
                <th scope="col" className="num">
                  {t('monitor.terminated')}
                </th>
              </tr>
            </thead>
            <tbody>
              {models.data.processes.flatMap((process) =>
                process.versions.map((v) => (
                  <tr key={v.processDefinitionKey}>
                    <th scope="row">{process.bpmnProcessId}</th>
                    <td>v{v.version}</td>
                    <td>
                      <Link to={`/monitor/processes/${v.processDefinitionKey}`}>
                        {v.processDefinitionKey}
                      </Link>
                    </td>
                    <td>{v.resourceName}</td>
                    <td>
                      <When at={v.deployedAt} /> {v.deployedBy}
                      {v.approvedBy && ` · ${t('models.approvedBy', { name: v.approvedBy })}`}
                    </td>
                    <td className="num">{v.activeInstances}</td>
                    <td className="num">{v.completedInstances}</td>
                    <td className="num">{v.terminatedInstances}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}

      <section className="card" aria-labelledby="upload-title">
        <h2 id="upload-title">{t('models.upload')}</h2>
        <label htmlFor="model-files">{t('models.files')}</label>
        <input
          id="model-files"
          type="file"
          accept=".bpmn,.dmn"
          multiple
          onChange={(e) => void readFiles(e.target.files)}
        />
        <div className="actions">
          <button
            type="button"
            disabled={files.length === 0}
            onClick={() => void send('/api/models/check')}
          >
            {t('models.check')}
          </button>
          <button
            type="button"
            disabled={files.length === 0}
            onClick={() => void send('/api/models')}
          >
            {t('models.deploy')}
          </button>
        </div>
        {deployed && (
          <p role="status" className="notice">
            {deployed}
          </p>
        )}
        <ErrorNotice error={error} />
        {report && (
          <div data-testid="check-report">
            <p role="status">
              {report.ok
                ? t('models.checkOk')
                : t('models.checkFailed', { count: report.issues.length })}
            </p>
            {issueDiagrams.map(({ file, markers, overlays }) => (
              <BpmnDiagram
                key={file.name}
                xml={file.content}
                label={t('models.issuesOn', { file: file.name })}
                markers={markers}
                overlays={overlays}
              />
            ))}
            {report.issues.length > 0 && (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('models.file')}</th>
                    <th scope="col">{t('monitor.element')}</th>
                    <th scope="col">{t('models.rule')}</th>
                    <th scope="col">{t('models.category')}</th>
                    <th scope="col">{t('models.message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.issues.map((issue, index) => (
                    <tr key={index} className={issue.category === 'error' ? 'overdue' : 'soon'}>
                      <td>{issue.file}</td>
                      <td>
                        <code>{issue.elementId}</code>
                      </td>
                      <td>
                        <code>{issue.rule}</code>
                      </td>
                      <td>{t(`models.${issue.category}`)}</td>
                      <td className="wrap">{issue.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
      </section>

      {/* Mounted anew after each release request, so the list shows the new one. */}
      <ReleaseRequests key={releasesShown} onDeployed={models.reload} />

      <section className="card" aria-labelledby="migration-title">
        <h2 id="migration-title">{t('models.migration')}</h2>
        <form className="filters" onSubmit={(e) => void migrate(e, true)}>
          <label>
            <span>{t('models.sourceKey')}</span>
            <input value={source} onChange={(e) => setSource(e.target.value)} required />
          </label>
          <label>
            <span>{t('models.targetKey')}</span>
            <input value={target} onChange={(e) => setTarget(e.target.value)} required />
          </label>
          <label>
            <span>{t('models.mappings')}</span>
            <textarea
              rows={2}
              value={mappingText}
              placeholder="OldTask=NewTask"
              onChange={(e) => setMappingText(e.target.value)}
            />
          </label>
          <button type="submit">{t('models.dryRun')}</button>
          <button
            type="button"
            onClick={(e) => void migrate(e, false)}
            disabled={!plan || plan.movable.length === 0}
          >
            {t('models.migrate')}
          </button>
        </form>
        <ErrorNotice error={migrationError} />
        {plan && (
          <div data-testid="migration-plan">
            <p>
              {plan.source.bpmnProcessId} v{plan.source.version} → v{plan.target.version}:{' '}
              {t('models.movable', { count: plan.movable.length })},{' '}
              {t('models.blocked', { count: plan.blocked.length })}
              {plan.migrated && <> · {t('models.migrated', { count: plan.migrated.length })}</>}
            </p>
            <ul>
              {plan.movable.map((m) => (
                <li key={m.processInstanceKey}>
                  {m.processInstanceKey} {m.businessKey} ·{' '}
                  {m.mappings.map((x) => `${x.sourceElementId}→${x.targetElementId}`).join(', ')}
                </li>
              ))}
              {plan.blocked.map((b) => (
                <li key={b.processInstanceKey} className="overdue">
                  {b.processInstanceKey} {b.businessKey} · {b.reasons.join('; ')}
                </li>
              ))}
              {plan.failed?.map((f) => (
                <li key={f.processInstanceKey} className="overdue">
                  {f.processInstanceKey} · {f.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </section>
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
