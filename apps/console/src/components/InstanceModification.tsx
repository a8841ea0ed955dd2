import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, ApiError, client, Schema } from '../api';
import { useAuth } from '../auth';
import { stepLabel } from '../elementNames';
import type { InstanceDetail } from '../monitorTypes';
import { useLoad } from '../useLoad';
import { ErrorNotice } from './ErrorNotice';
import { When } from './Money';
import { MODIFICATION_KINDS } from '../apiValues';

type Kind = 'move' | 'activate' | 'cancel';

/** What a modification does, as the API documents it. */
type Plan = Schema<'ModificationPlanView'>;

type Check = Schema<'ModificationCheckView'>;

/** A refusal by rule and step, as the api gives it beside its English reasons. */
interface Problem {
  field: string;
  rule: string;
  elementIds: string[];
}

/** The flow nodes a token can be moved to, as the model lists them (no flows, no start events). */
const NODE =
  /<bpmn:(userTask|serviceTask|scriptTask|businessRuleTask|sendTask|receiveTask|manualTask|task|subProcess|callActivity|exclusiveGateway|parallelGateway|inclusiveGateway|eventBasedGateway|intermediateCatchEvent|intermediateThrowEvent|endEvent)\s[^>]*?id="([^"]+)"/g;

/**
 * Modifying a running instance from the monitor: a dry run of the move, then a request that a second
 * person (a center manager of the unit or an admin, never the requester) approves or refuses.
 */
export function InstanceModification({
  instance,
  bpmnXml,
  names,
  onApplied,
}: {
  instance: InstanceDetail;
  bpmnXml: string;
  names: Map<string, string>;
  onApplied: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { me, may } = useAuth();
  const canRequest = may('POST /api/monitor/instances/{key}/modifications');
  const canDecide = may('POST /api/monitor/modifications/{modificationId}/approve');
  const step = (id: string) => stepLabel(names.get(id), i18n.language) || id;
  const nodes = useMemo(
    () => [...new Set([...bpmnXml.matchAll(NODE)].flatMap((m) => (m[2] ? [m[2]] : [])))],
    [bpmnXml],
  );
  const activeInstances = instance.elements.filter(
    (e) => e.state === 'active' && instance.activeElements.includes(e.elementId),
  );
  const [kind, setKind] = useState<Kind>('move');
  const [from, setFrom] = useState(instance.activeElements[0] ?? '');
  const [to, setTo] = useState('');
  const [cancelKey, setCancelKey] = useState(activeInstances[0]?.elementInstanceKey ?? '');
  const [reason, setReason] = useState('');
  const [plan, setPlan] = useState<Plan | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState('');
  const list = useLoad(
    () =>
      answer(
        client.GET('/api/monitor/instances/{key}/modifications', {
          params: { path: { key: instance.processInstanceKey } },
        }),
      ),
    [instance.processInstanceKey],
  );

  const instruction = () =>
    kind === 'move'
      ? { kind, fromElementId: from, toElementId: to }
      : kind === 'activate'
        ? { kind, elementId: to }
        : { kind, elementInstanceKey: cancelKey };
  const attempt = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(failure);
    }
  };
  const preview = () =>
    attempt(async () => {
      const dryRun = await answer(
        client.POST('/api/monitor/instances/{key}/modifications/preview', {
          params: { path: { key: instance.processInstanceKey } },
          body: { instructions: [instruction()] },
        }),
      );
      setPlan(dryRun.plan);
    });
  const request = () =>
    attempt(async () => {
      await answer(
        client.POST('/api/monitor/instances/{key}/modifications', {
          params: { path: { key: instance.processInstanceKey } },
          body: { instructions: [instruction()], reason },
        }),
      );
      setPlan(null);
      setReason('');
      list.reload();
    });
  const decide = (id: string, verb: 'approve' | 'refuse') =>
    attempt(async () => {
      const path = { params: { path: { modificationId: id } } };
      await answer(
        verb === 'approve'
          ? client.POST('/api/monitor/modifications/{modificationId}/approve', {
              ...path,
              body: note ? { note } : {},
            })
          : client.POST('/api/monitor/modifications/{modificationId}/refuse', {
              ...path,
              body: { note: note || t('monitor.modify.refusedNote') },
            }),
      );
      setNote('');
      list.reload();
      if (verb === 'approve') onApplied();
    });

  const checkText = (check: Check | string) =>
    typeof check === 'string'
      ? check
      : t(`monitor.modify.${check.verdict === 'kept' ? 'checkKept' : 'checkRedone'}`, {
          step: step(check.elementId),
        });
  const problems =
    error instanceof ApiError && Array.isArray(error.details?.problems)
      ? (error.details.problems as Problem[])
      : [];

  if (instance.state !== 'active' && !list.data?.length) return null;
  return (
    <section aria-labelledby="modify-title" data-testid="instance-modification">
      <h2 id="modify-title">{t('monitor.modify.title')}</h2>
      <p className="muted">{t('monitor.modify.help')}</p>
      <ErrorNotice error={error} fieldsShown={problems.length > 0} />
      {problems.length > 0 && (
        <ul className="error" data-testid="modify-problems">
          {problems.map((problem, index) => (
            <li key={index} data-rule={problem.rule}>
              {t(`monitor.modify.problems.${problem.rule}`, {
                defaultValue: t('monitor.modify.problems.other'),
                steps: problem.elementIds.map(step).join('、'),
                first: step(problem.elementIds[0] ?? ''),
                rest: problem.elementIds.slice(1).map(step).join('、'),
              })}
            </li>
          ))}
        </ul>
      )}
      {canRequest && instance.state === 'active' && (
        <div className="filters">
          <label>
            <span>{t('monitor.modify.kind')}</span>
            <select
              data-testid="modify-kind"
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as Kind);
                setPlan(null);
              }}
            >
              {MODIFICATION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`monitor.modify.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {kind === 'move' && (
            <label>
              <span>{t('monitor.modify.from')}</span>
              <select
                data-testid="modify-from"
                value={from}
                onChange={(e) => {
                  setFrom(e.target.value);
                  setPlan(null);
                }}
              >
                {instance.activeElements.map((id) => (
                  <option key={id} value={id}>
                    {step(id)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {kind !== 'cancel' && (
            <label>
              <span>{t('monitor.modify.to')}</span>
              <select
                data-testid="modify-to"
                value={to}
                onChange={(e) => {
                  setTo(e.target.value);
                  setPlan(null);
                }}
              >
                <option value="">—</option>
                {nodes.map((id) => (
                  <option key={id} value={id}>
                    {step(id)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {kind === 'cancel' && (
            <label>
              <span>{t('monitor.modify.cancelAt')}</span>
              <select
                value={cancelKey}
                onChange={(e) => {
                  setCancelKey(e.target.value);
                  setPlan(null);
                }}
              >
                {activeInstances.map((e) => (
                  <option key={e.elementInstanceKey} value={e.elementInstanceKey}>
                    {step(e.elementId)} ({e.elementInstanceKey})
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" data-testid="modify-preview" onClick={() => void preview()}>
            {t('monitor.modify.preview')}
          </button>
        </div>
      )}
      {plan && (
        <div data-testid="modify-plan">
          <h3>{t('monitor.modify.planTitle')}</h3>
          <dl className="facts">
            <dt>{t('monitor.modify.cancels')}</dt>
            <dd>{plan.terminate.map((x) => step(x.elementId)).join('、') || '—'}</dd>
            <dt>{t('monitor.modify.activates')}</dt>
            <dd>{plan.activate.map((x) => step(x.elementId)).join('、') || '—'}</dd>
            <dt>{t('monitor.modify.waitsAfter')}</dt>
            <dd data-testid="modify-after">
              {plan.tokensAfter.map((x) => step(x.elementId)).join('、') || '—'}
            </dd>
            <dt>{t('monitor.modify.checks')}</dt>
            <dd data-testid="modify-checks">{plan.checks.map(checkText).join('；') || '—'}</dd>
          </dl>
          <label>
            <span>{t('monitor.modify.reason')}</span>
            <input
              data-testid="modify-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>{' '}
          <button
            type="button"
            data-testid="modify-request"
            disabled={reason.trim().length < 5}
            onClick={() => void request()}
          >
            {t('monitor.modify.request')}
          </button>
        </div>
      )}
      {list.data && list.data.length > 0 && (
        <div className="table-wrap">
          <table data-testid="modifications">
            <caption>{t('monitor.modify.requests')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitor.modify.what')}</th>
                <th scope="col">{t('monitor.modify.reason')}</th>
                <th scope="col">{t('monitor.modify.requestedBy')}</th>
                <th scope="col">{t('monitor.state')}</th>
                <th scope="col">{t('monitor.modify.decidedBy')}</th>
                <th scope="col">{t('monitor.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((m) => (
                <tr key={m.id} data-modification-id={m.id} data-status={m.status}>
                  <td>
                    {[
                      m.plan.terminate.length
                        ? `${t('monitor.modify.cancels')}: ${m.plan.terminate.map((x) => step(x.elementId)).join('、')}`
                        : '',
                      m.plan.activate.length
                        ? `${t('monitor.modify.activates')}: ${m.plan.activate.map((x) => step(x.elementId)).join('、')}`
                        : '',
                    ]
                      .filter(Boolean)
                      .join('；')}
                  </td>
                  <td className="wrap">{m.reason}</td>
                  <td>
                    {m.requestedBy} <When at={m.requestedAt} />
                  </td>
                  {/* Why a request failed is the api's technical text: on hover, not in the row. */}
                  <td title={m.failure ?? undefined}>{t(`monitor.modify.statuses.${m.status}`)}</td>
                  <td className="wrap">
                    {m.decidedBy ?? '—'}
                    {m.decisionNote ? `：${m.decisionNote}` : ''}
                  </td>
                  <td>
                    {m.status === 'pending' && canDecide && m.requestedBy !== me?.username && (
                      <>
                        <button
                          type="button"
                          data-testid="modify-approve"
                          onClick={() => void decide(m.id, 'approve')}
                        >
                          {t('monitor.modify.approve')}
                        </button>{' '}
                        <button type="button" onClick={() => void decide(m.id, 'refuse')}>
                          {t('monitor.modify.refuse')}
                        </button>
                      </>
                    )}
                    {m.status === 'pending' && m.requestedBy === me?.username && (
                      <span className="muted">{t('monitor.modify.waitingForSecond')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {canDecide &&
            list.data.some((m) => m.status === 'pending' && m.requestedBy !== me?.username) && (
              <label>
                <span>{t('monitor.modify.note')}</span>
                <input value={note} onChange={(e) => setNote(e.target.value)} />
              </label>
            )}
        </div>
      )}
    </section>
  );
}
