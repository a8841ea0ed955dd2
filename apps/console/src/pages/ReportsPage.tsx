import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, ApiError, client, Schema } from '../api';
import { useAuth } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { ListOrNone } from '../components/ListOrNone';
import { Field } from '../components/Field';
import { UserName } from '../components/Names';
import { formatDateTime } from '../format';
import { useLoad } from '../useLoad';
import { REPORT_OUTCOMES, REPORT_STATUSES, REPORT_SUBJECTS } from '../apiValues';

type Report = Schema<'ReportView'>;

/**
 * 举报: anyone files a report and gets a receipt; only auditors see the reports and record their
 * handling.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const { may } = useAuth();
  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">{t('reports.title')}</h1>
      <p>{t('reports.confidential')}</p>
      <FileReport />
      {may('GET /api/reports') && <AuditorReports />}
    </section>
  );
}

function FileReport() {
  const { t } = useTranslation();
  const [subject, setSubject] = useState<'loan' | 'staff'>('loan');
  const [target, setTarget] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<{ id: string } | null>(null);
  const errors = error instanceof ApiError ? error.fieldErrors : [];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setReceipt(null);
    try {
      setReceipt(
        await answer(
          client.POST('/api/reports', {
            body: {
              subject,
              ...(subject === 'loan' ? { loanId: target.trim() } : { staff: target.trim() }),
              text,
            },
          }),
        ),
      );
      setText('');
      setTarget('');
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form onSubmit={submit} className="card" noValidate aria-labelledby="file-report-title">
      <h2 id="file-report-title">{t('reports.file')}</h2>
      <Field id="report-subject" label={t('reports.subject')} errors={errors} field="subject">
        {(props) => (
          <select
            {...props}
            value={subject}
            onChange={(e) => setSubject(e.target.value as (typeof REPORT_SUBJECTS)[number])}
          >
            {REPORT_SUBJECTS.map((value) => (
              <option key={value} value={value}>
                {t(`reports.subjects.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="report-target"
        label={subject === 'loan' ? t('reports.loanId') : t('reports.staff')}
        errors={errors}
        field={subject === 'loan' ? 'loanId' : 'staff'}
      >
        {(props) => <input {...props} value={target} onChange={(e) => setTarget(e.target.value)} />}
      </Field>
      <Field id="report-text" label={t('reports.text')} errors={errors} field="text">
        {(props) => (
          <textarea {...props} rows={5} value={text} onChange={(e) => setText(e.target.value)} />
        )}
      </Field>
      <button type="submit">{t('reports.submit')}</button>
      <ErrorNotice error={error} fieldsShown />
      {receipt && (
        <p role="status" data-testid="report-receipt">
          {t('reports.received', { id: receipt.id })}
        </p>
      )}
    </form>
  );
}

function AuditorReports() {
  const { t, i18n } = useTranslation();
  const list = useLoad(() => answer(client.GET('/api/reports')), []);
  const [open, setOpen] = useState<Report | null>(null);
  const [status, setStatus] = useState<(typeof REPORT_STATUSES)[number]>('investigating');
  const [outcome, setOutcome] = useState<(typeof REPORT_OUTCOMES)[number] | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const errors = error instanceof ApiError ? error.fieldErrors : [];
  const show = async (id: string) => {
    setError(null);
    try {
      setOpen(
        await answer(client.GET('/api/reports/{reportId}', { params: { path: { reportId: id } } })),
      );
    } catch (failure) {
      setError(failure);
    }
  };
  const record = async (event: FormEvent) => {
    event.preventDefault();
    if (!open) return;
    setError(null);
    try {
      setOpen(
        await answer(
          client.POST('/api/reports/{reportId}/handling', {
            params: { path: { reportId: open.id } },
            body: { status, note, ...(outcome && { outcome }) },
          }),
        ),
      );
      setNote('');
      list.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <div className="card">
      <h2>{t('reports.list')}</h2>
      <ErrorNotice error={list.error} />
      <ListOrNone items={list.data?.items} none={t('reports.none')}>
        {(rows) => (
          <table data-testid="report-list">
            <thead>
              <tr>
                <th scope="col">{t('reports.number')}</th>
                <th scope="col">{t('reports.subject')}</th>
                <th scope="col">{t('reports.filedAt')}</th>
                <th scope="col">{t('reports.status')}</th>
                <th scope="col">{t('reports.outcome')}</th>
                <th scope="col">{t('reports.open')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.id}</td>
                  <td>
                    {t(`reports.subjects.${r.subject}`)}:{' '}
                    {r.loanId ?? <UserName username={r.staff} />}
                  </td>
                  <td>{formatDateTime(r.filedAt, i18n.language)}</td>
                  <td>{t(`reports.statuses.${r.status}`)}</td>
                  <td>{r.outcome ? t(`reports.outcomes.${r.outcome}`) : '—'}</td>
                  <td>
                    <button type="button" onClick={() => void show(r.id)}>
                      {t('reports.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ListOrNone>
      {open && (
        <div data-testid="report-detail">
          <h3>{t('reports.detail', { id: open.id })}</h3>
          <p>
            {t('reports.filedBy')}: <UserName username={open.filedBy} />
          </p>
          <p>{open.text}</p>
          <ol>
            {open.steps.map((s, i) => (
              <li key={i}>
                {formatDateTime(s.at, i18n.language)} <UserName username={s.by} />:{' '}
                {t(`reports.statuses.${s.status}`)}
                {s.outcome ? ` (${t(`reports.outcomes.${s.outcome}`)})` : ''} — {s.note}
              </li>
            ))}
          </ol>
          {open.status !== 'closed' && (
            <form onSubmit={record} noValidate>
              <Field id="report-status" label={t('reports.status')} errors={errors} field="status">
                {(props) => (
                  <select
                    {...props}
                    value={status}
                    onChange={(e) => setStatus(e.target.value as (typeof REPORT_STATUSES)[number])}
                  >
                    {REPORT_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {t(`reports.statuses.${s}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                id="report-outcome"
                label={t('reports.outcome')}
                errors={errors}
                field="outcome"
              >
                {(props) => (
                  <select
                    {...props}
                    value={outcome}
                    onChange={(e) =>
                      setOutcome(e.target.value as (typeof REPORT_OUTCOMES)[number] | '')
                    }
                  >
                    <option value="">{t('common.none')}</option>
                    {REPORT_OUTCOMES.map((o) => (
                      <option key={o} value={o}>
                        {t(`reports.outcomes.${o}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id="report-note" label={t('reports.note')} errors={errors} field="note">
                {(props) => (
                  <textarea
                    {...props}
                    rows={3}
                    value={note}
                    onChange={(e) => setNote(e.target.value)}
                  />
                )}
              </Field>
              <button type="submit">{t('reports.record')}</button>
            </form>
          )}
        </div>
      )}
      <ErrorNotice error={error} fieldsShown />
    </div>
  );
}
