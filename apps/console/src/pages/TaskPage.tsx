import { FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { answer, ApiError, client, TaskDetail } from '../api';
import { useAuth } from '../auth';
import {
  approvalPrefill,
  DecisionWorkbench,
  WORKBENCH_CONTEXT,
} from '../components/DecisionWorkbench';
import { ErrorNotice } from '../components/ErrorNotice';
import { LoanSummaryPanel } from '../components/LoanSummary';
import { TaskContextPanel } from '../components/TaskContext';
import { ChangeUnderReview } from '../components/LoanChanges';
import { CommentsPanel } from '../components/Comments';
import { DocumentsPanel } from '../components/Documents';
import { When } from '../components/Money';
import { SchemaForm } from '../components/SchemaForm';
import { CandidateGroup, UserName } from '../components/Names';
import { useDirectory } from '../directory';
import { useLoad } from '../useLoad';
import { textOf } from '../text';

export function TaskPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { me, may } = useAuth();
  const directory = useDirectory();
  const navigate = useNavigate();
  const {
    data: task,
    error: loadError,
    reload,
  } = useLoad(() => answer(client.GET('/api/tasks/{id}', { params: { path: { id } } })), [id]);
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [delegateTo, setDelegateTo] = useState('');
  // An approval starts from the recommendation or the request, a revaluation from the items due,
  // not from an empty form: once per
  // task, over the defaults the form fills in first (a later reload keeps what was typed).
  const prefilled = useRef<string | null>(null);
  useEffect(() => {
    if (!task || prefilled.current === task.id) return;
    prefilled.current = task.id;
    setFormData((current) => ({
      ...current,
      ...approvalPrefill(task),
      ...revaluationPrefill(task),
    }));
  }, [task]);
  const holder = task && task.state !== 'completed' && !task.endedAt ? task.assignee : null;
  // The assignee's own draft of this form (a 404 is simply none): saved half-filled, resumed later.
  const { data: draft, reload: reloadDraft } = useLoad(
    () =>
      holder && holder === me?.username
        ? answer(client.GET('/api/tasks/{id}/draft', { params: { path: { id } } })).catch(
            (failure: unknown) => {
              if (failure instanceof ApiError && failure.code === 'DRAFT_NOT_FOUND') return null;
              throw failure;
            },
          )
        : Promise.resolve(null),
    [id, holder, me?.username],
  );
  const [draftNote, setDraftNote] = useState<string | null>(null);

  const saveDraft = async () => {
    setBusy(true);
    setActionError(null);
    try {
      const saved = await answer(
        client.PUT('/api/tasks/{id}/draft', {
          params: { path: { id } },
          body: { answer: formData },
        }),
      );
      setDraftNote(saved.savedAt);
      reloadDraft();
    } catch (failure) {
      setActionError(failure);
    } finally {
      setBusy(false);
    }
  };
  const discardDraft = async () => {
    setBusy(true);
    try {
      await answer(client.DELETE('/api/tasks/{id}/draft', { params: { path: { id } } }));
      setDraftNote(null);
      reloadDraft();
    } catch (failure) {
      setActionError(failure);
    } finally {
      setBusy(false);
    }
  };

  /** One of the task's actions through the typed client; then `after`, or a fresh read. */
  const act = async (call: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    setActionError(null);
    try {
      await call();
      if (after) after();
      else reload();
    } catch (failure) {
      setActionError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (loadError) return <ErrorNotice error={loadError} />;
  if (!task) return <p role="status">{t('common.loading')}</p>;

  const open = task.state !== 'completed' && !task.endedAt;
  const mine = task.assignee === me?.username;
  const serverErrors = actionError instanceof ApiError ? actionError.fieldErrors : [];
  const onTask = { params: { path: { id } } };
  const claim = () => act(() => answer(client.POST('/api/tasks/{id}/claim', onTask)));
  const unclaim = () => act(() => answer(client.POST('/api/tasks/{id}/unclaim', onTask)));
  const complete = (form: Record<string, unknown>) =>
    act(
      () => answer(client.POST('/api/tasks/{id}/complete', { ...onTask, body: { answer: form } })),
      () =>
        void navigate('/inbox', {
          state: {
            done: task.id,
            title: i18n.language.startsWith('zh') ? task.titleZh : task.title,
          },
        }),
    );
  const delegate = (event: FormEvent) => {
    event.preventDefault();
    void act(() =>
      answer(
        client.POST('/api/tasks/{id}/delegate', {
          ...onTask,
          body: { username: delegateTo.trim() },
        }),
      ),
    );
  };

  return (
    <section aria-labelledby="task-title" className="task-layout">
      <div className="task-main">
        <p>
          <Link to="/inbox">← {t('task.back')}</Link>
        </p>
        <h1 id="task-title">{i18n.language.startsWith('zh') ? task.titleZh : task.title}</h1>
        <dl className="facts">
          <dt>{t('inbox.loan')}</dt>
          <dd>{task.businessKey}</dd>
          <dt>{t('task.state')}</dt>
          <dd data-testid="task-state">
            {t(`taskStates.${task.state}`, { defaultValue: task.state })}
          </dd>
          <dt>{t('inbox.assignee')}</dt>
          <dd data-testid="task-assignee">
            {task.assignee ? <UserName username={task.assignee} /> : t('inbox.unclaimed')}
          </dd>
          <dt>{t('task.candidates')}</dt>
          <dd>
            {task.candidateGroups.map((group, index) => (
              <span key={group}>
                {index > 0 && '、'}
                <CandidateGroup group={group} />
              </span>
            ))}
          </dd>
          <dt>{t('inbox.due')}</dt>
          <dd data-testid="task-deadline">
            <When at={task.deadlineAt} />
            {task.deadlineKind === 'notice' && (
              <span className="muted"> {t('inbox.noticeDeadline')}</span>
            )}
          </dd>
        </dl>
        {open && (
          <div className="actions">
            {!task.assignee && (
              <button type="button" disabled={busy} onClick={() => void claim()}>
                {t('task.claim')}
              </button>
            )}
            {/* Those who may hand a task to another may also release another's claim. */}
            {task.assignee && (mine || may('POST /api/tasks/{id}/delegate')) && (
              <button type="button" disabled={busy} onClick={() => void unclaim()}>
                {t('task.unclaim')}
              </button>
            )}
            {may('POST /api/tasks/{id}/delegate') && (
              <form onSubmit={delegate} className="inline">
                <label htmlFor="delegate-to">{t('task.delegateTo')}</label>
                <input
                  id="delegate-to"
                  list="delegate-colleagues"
                  value={delegateTo}
                  placeholder={t('task.delegateHint')}
                  onChange={(e) => setDelegateTo(e.target.value)}
                  required
                />
                {/* Colleagues by name: chosen, not typed from memory. */}
                <datalist id="delegate-colleagues" data-testid="delegate-colleagues">
                  {directory.usernames.map((username) => (
                    <option key={username} value={username}>
                      {directory.user(username)}
                    </option>
                  ))}
                </datalist>
                <button type="submit" disabled={busy}>
                  {t('task.delegate')}
                </button>
              </form>
            )}
          </div>
        )}
        <ErrorNotice error={actionError} fieldsShown />
        {open && mine && referableUp(task, actionError) && (
          <div
            className="card notice"
            role="region"
            data-testid="refer-up"
            aria-label={t('task.referUpTitle')}
          >
            <h2>{t('task.referUpTitle')}</h2>
            <p>
              {t('task.referUpExplain', {
                level: t(`levels.${textOf(actionError.details?.requiredLevel, 'center')}`, {
                  defaultValue: t('levels.center'),
                }),
              })}
            </p>
            <button
              type="button"
              disabled={busy}
              onClick={() => void complete({ ...formData, decision: 'refer-up' })}
            >
              {t('task.referUp')}
            </button>
          </div>
        )}
        <DecisionWorkbench task={task} />
        {open ? (
          <div className="card">
            <h2>{t('task.form')}</h2>
            {mine && (
              <div className="actions" data-testid="draft-actions">
                {draft && (
                  <>
                    <span className="muted" data-testid="draft-saved">
                      {t('task.draftSavedAt')} <When at={draftNote ?? draft.savedAt} />
                    </span>
                    <button type="button" disabled={busy} onClick={() => setFormData(draft.answer)}>
                      {t('task.resumeDraft')}
                    </button>
                    <button type="button" disabled={busy} onClick={() => void discardDraft()}>
                      {t('task.discardDraft')}
                    </button>
                  </>
                )}
                <button type="button" disabled={busy} onClick={() => void saveDraft()}>
                  {t('task.saveDraft')}
                </button>
              </div>
            )}
            <SchemaForm
              schema={task.form.schema}
              formData={formData}
              onChange={setFormData}
              serverErrors={serverErrors}
              disabled={busy}
              submitLabel={t('task.complete')}
              onSubmit={(answer) => void complete(answer)}
            />
          </div>
        ) : (
          <p className="notice" role="status">
            {t('task.ended')}
          </p>
        )}
      </div>
      <div className="side">
        <TaskContextPanel context={withoutWorkbench(task.context)} />
        {task.type === 'loanflow:change-review' && task.businessKey && (
          <ChangeUnderReview
            loanId={task.businessKey}
            changeId={textOf(task.context?.changeRequestId)}
          />
        )}
        <LoanSummaryPanel loan={task.loan} loanId={task.businessKey} />
        {task.businessKey && may('GET /api/loans/{id}/documents') && (
          <DocumentsPanel
            loanId={task.businessKey}
            uploadTo={
              open && mine && may('POST /api/tasks/{id}/documents')
                ? { taskId: task.id }
                : undefined
            }
          />
        )}
        <CommentsPanel on={{ taskId: task.id }} canWrite={may('POST /api/tasks/{id}/comments')} />
      </div>
    </section>
  );
}

/**
 * An approval refused as above the approver's authority, at a level with one above it: the
 * approver may refer it up (报上级审批) with the terms and grounds already filled in.
 */
function referableUp(task: TaskDetail, error: unknown): error is ApiError {
  if (task.type !== 'loanflow:approval-decision') return false;
  if (!(error instanceof ApiError) || error.code !== 'ABOVE_AUTHORITY') return false;
  const level = (task.loan as { approval?: { level?: string } } | null)?.approval?.level;
  return level !== 'committee';
}

/** The context the workbench does not show in its own way. */
function withoutWorkbench(context: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!context) return null;
  const rest = Object.entries(context).filter(([name]) => !WORKBENCH_CONTEXT.includes(name));
  return rest.length ? Object.fromEntries(rest) : null;
}

/** A revaluation starts with one row for each collateral item due, its id filled in. */
function revaluationPrefill(task: TaskDetail): Record<string, unknown> {
  if (task.type !== 'loanflow:collateral-revaluation') return {};
  const revaluation = task.context?.revaluation as
    { items?: { collateralId?: unknown }[] } | undefined;
  const items = (revaluation?.items ?? []).map((item) => ({
    collateralId: String(item.collateralId),
  }));
  return items.length > 0 ? { items } : {};
}
