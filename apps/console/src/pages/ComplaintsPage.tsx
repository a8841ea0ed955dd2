import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { answer, client, Schema } from '../api';
import { useSubmit } from '../useSubmit';
import { useAuth } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { ListOrNone } from '../components/ListOrNone';
import { Field } from '../components/Field';
import { UnitName, UserName } from '../components/Names';
import { formatDateTime } from '../format';
import { useLoad } from '../useLoad';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS } from '../apiValues';

type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

type Complaint = Schema<'ComplaintView'>;

/** 客户投诉: record a complaint on a loan, follow the unit's complaints, and the figures by unit. */
export function ComplaintsPage() {
  const { t, i18n } = useTranslation();
  const { may } = useAuth();
  const list = useLoad(() => answer(client.GET('/api/complaints')), []);
  const showFigures = may('GET /api/complaints/figures');
  const figures = useLoad(
    () => (showFigures ? answer(client.GET('/api/complaints/figures')) : Promise.resolve(null)),
    [showFigures],
  );
  return (
    <section aria-labelledby="complaints-title">
      <h1 id="complaints-title">{t('complaints.title')}</h1>
      {may('POST /api/loans/{id}/complaints') && <FileComplaint onFiled={list.reload} />}
      {showFigures && figures.data && (
        <div className="card">
          <h2>{t('complaints.figures')}</h2>
          <table data-testid="complaint-figures">
            <thead>
              <tr>
                <th scope="col">{t('complaints.unit')}</th>
                <th scope="col">{t('complaints.category')}</th>
                <th scope="col">{t('complaints.open')}</th>
                <th scope="col">{t('complaints.answered')}</th>
                <th scope="col">{t('complaints.late')}</th>
              </tr>
            </thead>
            <tbody>
              {figures.data.rows.map((row) => (
                <tr key={`${row.unitCode}-${row.category}`}>
                  <td>
                    <UnitName code={row.unitCode} />
                  </td>
                  <td>{t(`complaints.categories.${row.category}`)}</td>
                  <td>{row.open}</td>
                  <td>{row.answered}</td>
                  <td>{row.late}</td>
                </tr>
              ))}
              <tr>
                <th scope="row" colSpan={2}>
                  {t('complaints.total')}
                </th>
                <td>{figures.data.totals.open}</td>
                <td>{figures.data.totals.answered}</td>
                <td>{figures.data.totals.late}</td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
      <ErrorNotice error={list.error ?? figures.error} />
      <div className="card">
        <h2>{t('complaints.list')}</h2>
        <ListOrNone items={list.data?.items} none={t('complaints.none')}>
          {(rows) => (
            <table data-testid="complaint-list">
              <thead>
                <tr>
                  <th scope="col">{t('complaints.number')}</th>
                  <th scope="col">{t('complaints.loan')}</th>
                  <th scope="col">{t('complaints.category')}</th>
                  <th scope="col">{t('complaints.handler')}</th>
                  <th scope="col">{t('complaints.level')}</th>
                  <th scope="col">{t('complaints.dueAt')}</th>
                  <th scope="col">{t('complaints.standing')}</th>
                  <th scope="col">{t('complaints.text')}</th>
                  <th scope="col">{t('complaints.answer')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.id}>
                    <td>{c.id}</td>
                    <td>
                      <a href={`/loans/${c.loanId}`}>{c.loanId}</a>
                    </td>
                    <td>{t(`complaints.categories.${c.category}`)}</td>
                    <td>
                      {c.handler ? <UserName username={c.handler} /> : t('complaints.centerPool')}
                    </td>
                    <td>{t(`complaints.levels.${c.level}`)}</td>
                    <td>{formatDateTime(c.dueAt, i18n.language)}</td>
                    <td>{t(`complaints.standings.${c.standing}`)}</td>
                    <td>{c.text}</td>
                    <td>
                      {c.answer
                        ? `${t(`complaints.resolutions.${c.resolution}`)}: ${c.answer}`
                        : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </ListOrNone>
      </div>
    </section>
  );
}

function FileComplaint({ onFiled }: { onFiled: () => void }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [loanId, setLoanId] = useState(params.get('loan') ?? '');
  const [category, setCategory] = useState<ComplaintCategory>('service-attitude');
  const [channel, setChannel] = useState<(typeof COMPLAINT_CHANNELS)[number]>('counter');
  const [text, setText] = useState('');
  const [staff, setStaff] = useState('');
  const [handler, setHandler] = useState('');
  const { error, errors, run } = useSubmit();
  const [filed, setFiled] = useState<Complaint | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFiled(null);
    await run(async () => {
      const staffInvolved = staff
        .split(/[\s,，]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      setFiled(
        await answer(
          client.POST('/api/loans/{id}/complaints', {
            params: { path: { id: loanId.trim() } },
            body: {
              category,
              channel,
              text,
              ...(staffInvolved.length && { staffInvolved }),
              ...(handler.trim() && { handler: handler.trim() }),
            },
          }),
        ),
      );
      setText('');
      onFiled();
    });
  };

  return (
    <form onSubmit={submit} className="card" noValidate aria-labelledby="file-complaint-title">
      <h2 id="file-complaint-title">{t('complaints.file')}</h2>
      <Field id="complaint-loan" label={t('complaints.loan')} errors={errors} field="loanId">
        {(props) => <input {...props} value={loanId} onChange={(e) => setLoanId(e.target.value)} />}
      </Field>
      <Field
        id="complaint-category"
        label={t('complaints.category')}
        errors={errors}
        field="category"
      >
        {(props) => (
          <select
            {...props}
            value={category}
            onChange={(e) => setCategory(e.target.value as ComplaintCategory)}
          >
            {COMPLAINT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`complaints.categories.${c}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="complaint-channel" label={t('complaints.channel')} errors={errors} field="channel">
        {(props) => (
          <select
            {...props}
            value={channel}
            onChange={(e) => setChannel(e.target.value as (typeof COMPLAINT_CHANNELS)[number])}
          >
            {COMPLAINT_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`complaints.channels.${c}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="complaint-text" label={t('complaints.text')} errors={errors} field="text">
        {(props) => (
          <textarea {...props} rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        )}
      </Field>
      <Field
        id="complaint-staff"
        label={t('complaints.staffInvolved')}
        errors={errors}
        field="staffInvolved"
      >
        {(props) => <input {...props} value={staff} onChange={(e) => setStaff(e.target.value)} />}
      </Field>
      <Field
        id="complaint-handler"
        label={t('complaints.handlerOptional')}
        errors={errors}
        field="handler"
      >
        {(props) => (
          <input {...props} value={handler} onChange={(e) => setHandler(e.target.value)} />
        )}
      </Field>
      <button type="submit">{t('complaints.submit')}</button>
      <ErrorNotice error={error} fieldsShown />
      {filed && (
        <p role="status" data-testid="complaint-filed">
          {t('complaints.filed', { id: filed.id, dueOn: formatDateTime(filed.dueAt, 'zh-CN') })}
        </p>
      )}
    </form>
  );
}
