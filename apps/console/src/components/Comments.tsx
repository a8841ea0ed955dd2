import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { answer, client, Schema } from '../api';
import { useSubmit } from '../useSubmit';
import { taskTypeKey } from '../taskTypes';
import { useLoad } from '../useLoad';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';
import { When } from './Money';
import { UserName } from './Names';

export type CommentEntry = Schema<'CommentView'>;

/** One comment: who, when, on which task, the text, whom it told. */
export function CommentItem({ comment, showLoan }: { comment: CommentEntry; showLoan?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <When at={comment.at} /> · <strong>{<UserName username={comment.author} />}</strong>{' '}
      {showLoan && (
        <Link to={`/loans/${encodeURIComponent(comment.loanId)}`}>{comment.loanId}</Link>
      )}{' '}
      {comment.taskType && (
        <span className="muted">
          {t('comments.onTask', {
            task: t(taskTypeKey(comment.taskType), { defaultValue: t('audit.aTask') }),
          })}
        </span>
      )}
      <blockquote className="comment-text">{comment.text}</blockquote>
      {comment.mentions.length > 0 && (
        <span className="muted">
          {t('comments.told')}{' '}
          {comment.mentions.map((name, index) => (
            <span key={name}>
              {index > 0 && '、'}
              <UserName username={name} />
            </span>
          ))}
        </span>
      )}
    </>
  );
}

/** Whose comments: a loan's (all of them), or those written on one task. */
export type CommentsOn = { loanId: string } | { taskId: string };

/** The comments on a loan or on one task, and a box to add one (`@user.name` tells a colleague). */
export function CommentsPanel({
  on,
  canWrite,
  onAdded,
}: {
  on: CommentsOn;
  canWrite: boolean;
  onAdded?: () => void;
}) {
  const { t } = useTranslation();
  const [route, id] =
    'taskId' in on ? (['task', on.taskId] as const) : (['loan', on.loanId] as const);
  const {
    data,
    error: loadError,
    reload,
  } = useLoad(
    () =>
      answer(
        route === 'task'
          ? client.GET('/api/tasks/{id}/comments', { params: { path: { id } } })
          : client.GET('/api/loans/{id}/comments', { params: { path: { id } } }),
      ),
    [route, id],
  );
  const [text, setText] = useState('');
  const { error, busy, errors, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: Schema<'CommentRequest'> = { text };
    await run(async () => {
      await answer(
        route === 'task'
          ? client.POST('/api/tasks/{id}/comments', { params: { path: { id } }, body })
          : client.POST('/api/loans/{id}/comments', { params: { path: { id } }, body }),
      );
      setText('');
      reload();
      onAdded?.();
    });
  };

  return (
    <section aria-labelledby="comments-title" className="card" data-testid="comments">
      <h2 id="comments-title">{t('comments.title')}</h2>
      <ErrorNotice error={loadError} />
      {data && data.length === 0 && <p className="muted">{t('comments.none')}</p>}
      <ol className="timeline">
        {(data ?? []).map((comment) => (
          <li key={comment.id} data-comment={comment.id}>
            <CommentItem comment={comment} />
          </li>
        ))}
      </ol>
      {canWrite && (
        <form onSubmit={submit} aria-label={t('comments.add')}>
          <Field id="comment-text" label={t('comments.text')} errors={errors} field="text">
            {(props) => (
              <textarea
                {...props}
                rows={3}
                value={text}
                placeholder={t('comments.hint')}
                onChange={(e) => setText(e.target.value)}
                required
              />
            )}
          </Field>
          <button type="submit" disabled={busy}>
            {t('comments.add')}
          </button>
          <ErrorNotice error={error} fieldsShown />
        </form>
      )}
    </section>
  );
}

/** The latest comments that mention the signed-in user, with their loans. */
export function MentionsPanel() {
  const { t } = useTranslation();
  const { data } = useLoad(() => answer(client.GET('/api/mentions')), []);
  if (!data || data.length === 0) return null;
  return (
    <section aria-labelledby="mentions-title" className="card" data-testid="mentions">
      <h2 id="mentions-title">{t('comments.mentionsOfYou')}</h2>
      <ol className="timeline">
        {data.slice(0, 5).map((comment) => (
          <li key={comment.id}>
            <CommentItem comment={comment} showLoan />
          </li>
        ))}
      </ol>
    </section>
  );
}
