import { useTranslation } from 'react-i18next';
import { taskTypeKey } from '../taskTypes';
import { CommentEntry, CommentItem } from './Comments';
import { When } from './Money';
import { UnitName, UserName } from './Names';
import type { Schema } from '../api';

/** One act on a loan from the audit trail, as the API documents it. */
export type AuditEntry = Schema<'AuditEntryView'>;

const COMMENT_ACTIONS = new Set(['loan.comment', 'task.comment']);

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** An act in business words: "完成任务「贷款审查意见」", never `task.complete`. */
export function auditPhrase(entry: AuditEntry, t: Translate): string {
  const task = entry.taskType
    ? t(taskTypeKey(entry.taskType), { defaultValue: t('audit.aTask') })
    : t('audit.aTask');
  return t(`audit.actions.${entry.action}`, { task, defaultValue: t('audit.other') });
}

/** A refusal's reason as recorded is "CODE: message": the code said in the reader's words. */
function refusalText(reason: string | null, t: Translate): string | null {
  const code = /^([A-Z][A-Z_]+):/.exec(reason ?? '')?.[1];
  return code ? t(`errors.${code}`, { defaultValue: t('errors.generic') }) : null;
}

/**
 * The loan's audit trail as a timeline: when, who (name, posts, unit), what in business words, the
 * outcome; the text the trail recorded (English, part of its hash chain) folded under each act.
 */
export function AuditTimeline({
  entries,
  comments,
}: {
  entries: AuditEntry[];
  /** The loan's comments, shown in the timeline at their time in place of their audit rows. */
  comments?: CommentEntry[];
}) {
  const { t } = useTranslation();
  const acts = comments
    ? entries.filter((entry) => !COMMENT_ACTIONS.has(entry.action) || entry.outcome !== 'ok')
    : entries;
  const items: ({ kind: 'act'; entry: AuditEntry } | { kind: 'comment'; comment: CommentEntry })[] =
    [
      ...acts.map((entry) => ({ kind: 'act' as const, entry })),
      ...(comments ?? []).map((comment) => ({ kind: 'comment' as const, comment })),
    ].sort(
      (a, b) =>
        Date.parse(a.kind === 'act' ? a.entry.at : a.comment.at) -
        Date.parse(b.kind === 'act' ? b.entry.at : b.comment.at),
    );
  return (
    <ol className="timeline" data-testid="audit-timeline">
      {items.map((item) => {
        if (item.kind === 'comment')
          return (
            <li key={`c${item.comment.id}`} className="comment" data-action="comment">
              <CommentItem comment={item.comment} />
            </li>
          );
        const entry = item.entry;
        const refused = entry.outcome === 'refused' ? refusalText(entry.reason, t) : null;
        // The workers act as `system` (SYSTEM_ACTOR): shown as the system, without a post.
        const system = !entry.actor || entry.actor === 'system';
        const roles = system ? [] : entry.actorRoles;
        return (
          <li key={entry.id} className={entry.outcome} data-action={entry.action}>
            <When at={entry.at} /> ·{' '}
            <strong>{system ? t('loan.system') : <UserName username={entry.actor} />}</strong>
            {roles.length > 0 && (
              <span className="muted">
                {' '}
                ({roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join('、')}
                {entry.orgUnitCode && (
                  <>
                    {' · '}
                    <UnitName code={entry.orgUnitCode} />
                  </>
                )}
                )
              </span>
            )}{' '}
            <span className="act">{auditPhrase(entry, t)}</span>{' '}
            {refused
              ? t('audit.refusedBecause', { reason: refused })
              : t(`values.${entry.outcome}`, { defaultValue: entry.outcome })}
            {entry.reason && (
              <details className="technical">
                <summary>{t('audit.recorded')}</summary>
                <p lang="en">{entry.reason}</p>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
