import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client, Schema } from '../api';
import { useSubmit } from '../useSubmit';
import { useAuth } from '../auth';
import { formatDateTime } from '../format';
import { useLoad } from '../useLoad';
import { ErrorNotice } from './ErrorNotice';
import { ListOrNone } from './ListOrNone';
import { Field } from './Field';
import { UserName } from './Names';
import { CHANGE_KINDS } from '../apiValues';

/** A change of account or borrower details, its values masked, as the API documents it. */
export type LoanChange = Schema<'ChangeRequestView'>;

const DETAILS = ['name', 'phone', 'address', 'employer'] as const;

const changesOf = (loanId: string) =>
  answer(client.GET('/api/loans/{id}/change-requests', { params: { path: { id: loanId } } }));

/** Old → new, masked as the api answers them. */
function Values({ change }: { change: LoanChange }) {
  const { t } = useTranslation();
  return (
    <ul className="plain">
      {change.fields.map((field) => (
        <li key={field}>
          {t(`changes.fields.${field}`)}: {change.before[field] ?? '—'} →{' '}
          {change.after[field] ?? '—'}
        </li>
      ))}
    </ul>
  );
}

/** One change as the reviewer sees it beside the review form (the engine holds only its id). */
export function ChangeUnderReview({ loanId, changeId }: { loanId: string; changeId: string }) {
  const { t } = useTranslation();
  const list = useLoad(() => changesOf(loanId), [loanId]);
  const change = list.data?.find((c) => c.id === changeId);
  return (
    <section
      className="card"
      aria-labelledby="change-review-title"
      data-testid="change-under-review"
    >
      <h2 id="change-review-title">{t('changes.underReview')}</h2>
      <ErrorNotice error={list.error} />
      {change && (
        <dl className="facts">
          <div className="fact">
            <dt>{t('changes.kind')}</dt>
            <dd>{t(`changes.kinds.${change.kind}`)}</dd>
          </div>
          <div className="fact">
            <dt>{t('changes.values')}</dt>
            <dd>
              <Values change={change} />
            </dd>
          </div>
          <div className="fact">
            <dt>{t('changes.reason')}</dt>
            <dd>{change.reason}</dd>
          </div>
          <div className="fact">
            <dt>{t('changes.evidence')}</dt>
            <dd>{change.documentIds.join('、')}</dd>
          </div>
          <div className="fact">
            <dt>{t('changes.requestedBy')}</dt>
            <dd>
              <UserName username={change.requestedBy} />
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}

/** The loan's changes of account and borrower details (history), and the way to request one. */
export function LoanChanges({ loanId, paymentMethod }: { loanId: string; paymentMethod: string }) {
  const { t, i18n } = useTranslation();
  const { may } = useAuth();
  const reads = may('GET /api/loans/{id}/change-requests');
  const list = useLoad(() => (reads ? changesOf(loanId) : Promise.resolve([])), [loanId, reads]);
  if (!reads) return null;
  return (
    <section aria-labelledby="changes-title" className="card" data-testid="loan-changes">
      <h2 id="changes-title">{t('changes.title')}</h2>
      <ErrorNotice error={list.error} />
      <ListOrNone items={list.data} none={t('changes.none')}>
        {(rows) => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('changes.number')}</th>
                <th scope="col">{t('changes.kind')}</th>
                <th scope="col">{t('changes.values')}</th>
                <th scope="col">{t('changes.requestedBy')}</th>
                <th scope="col">{t('changes.requestedAt')}</th>
                <th scope="col">{t('changes.state')}</th>
                <th scope="col">{t('changes.review')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td>{c.id}</td>
                  <td>{t(`changes.kinds.${c.kind}`)}</td>
                  <td>
                    <Values change={c} />
                  </td>
                  <td>
                    <UserName username={c.requestedBy} />
                  </td>
                  <td>{formatDateTime(c.requestedAt, i18n.language)}</td>
                  <td>{t(`changes.states.${c.state}`)}</td>
                  <td>
                    {c.reviewedBy ? (
                      <>
                        <UserName username={c.reviewedBy} />
                        {c.reviewOpinion ? `：${c.reviewOpinion}` : ''}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ListOrNone>
      {may('POST /api/loans/{id}/change-requests') && (
        <ChangeRequestForm loanId={loanId} paymentMethod={paymentMethod} onDone={list.reload} />
      )}
    </section>
  );
}

/** 变更申请: the customer manager asks, with at least one of the loan's documents as evidence. */
function ChangeRequestForm({
  loanId,
  paymentMethod,
  onDone,
}: {
  loanId: string;
  paymentMethod: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const documents = useLoad(
    () => answer(client.GET('/api/loans/{id}/documents', { params: { path: { id: loanId } } })),
    [loanId],
  );
  const [kind, setKind] = useState<(typeof CHANGE_KINDS)[number]>('repayment-account');
  const [account, setAccount] = useState('');
  const [accountName, setAccountName] = useState('');
  const [details, setDetails] = useState<Record<string, string>>({});
  const [evidence, setEvidence] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const { error, busy, errors, run } = useSubmit();
  const [done, setDone] = useState(false);
  const withName = kind === 'payout-account' && paymentMethod === 'entrusted';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    await run(async () => {
      const filled = Object.fromEntries(Object.entries(details).filter(([, v]) => v.trim() !== ''));
      await answer(
        client.POST('/api/loans/{id}/change-requests', {
          params: { path: { id: loanId } },
          body: {
            kind,
            ...(kind === 'borrower-details'
              ? { details: filled }
              : { account: { account, ...(withName ? { accountName } : {}) } }),
            documentIds: evidence,
            reason,
          },
        }),
      );
      setDone(true);
      setAccount('');
      setAccountName('');
      setDetails({});
      setEvidence([]);
      setReason('');
      onDone();
    });
  };

  return (
    <form
      className="filters servicing-form"
      onSubmit={(e) => void submit(e)}
      aria-label={t('changes.request')}
    >
      <h3>{t('changes.request')}</h3>
      <Field id="change-kind" label={t('changes.kind')} errors={errors} field="kind">
        {(props) => (
          <select
            {...props}
            value={kind}
            onChange={(e) => setKind(e.target.value as (typeof CHANGE_KINDS)[number])}
          >
            {CHANGE_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`changes.kinds.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {kind !== 'borrower-details' && (
        <Field
          id="change-account"
          label={t('changes.fields.account')}
          errors={errors}
          field="account.account"
        >
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              autoComplete="off"
              value={account}
              onChange={(e) => setAccount(e.target.value)}
            />
          )}
        </Field>
      )}
      {withName && (
        <Field
          id="change-account-name"
          label={t('changes.fields.accountName')}
          errors={errors}
          field="account.accountName"
        >
          {(props) => (
            <input
              {...props}
              value={accountName}
              onChange={(e) => setAccountName(e.target.value)}
            />
          )}
        </Field>
      )}
      {kind === 'borrower-details' &&
        DETAILS.map((name) => (
          <Field
            key={name}
            id={`change-${name}`}
            label={t(`changes.fields.${name}`)}
            errors={errors}
            field={`details.${name}`}
          >
            {(props) => (
              <input
                {...props}
                autoComplete="off"
                value={details[name] ?? ''}
                onChange={(e) => setDetails({ ...details, [name]: e.target.value })}
              />
            )}
          </Field>
        ))}
      <fieldset>
        <legend>{t('changes.evidence')}</legend>
        {documents.data && documents.data.length === 0 && <p>{t('changes.noDocuments')}</p>}
        {documents.data?.map((d) => (
          <label key={d.id}>
            <input
              type="checkbox"
              checked={evidence.includes(d.id)}
              onChange={(e) =>
                setEvidence(
                  e.target.checked ? [...evidence, d.id] : evidence.filter((id) => id !== d.id),
                )
              }
            />{' '}
            {t(`documents.${d.kind}`, { defaultValue: d.kind })} · {d.fileName}
          </label>
        ))}
        {errors
          .filter((e) => e.field === 'documentIds')
          .map((e) => (
            <p key={e.field} className="field-error" role="alert">
              {t('changes.evidenceNeeded')}
            </p>
          ))}
      </fieldset>
      <Field id="change-reason" label={t('changes.reason')} errors={errors} field="reason">
        {(props) => (
          <textarea
            {...props}
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" disabled={busy}>
        {busy ? t('servicing.sending') : t('changes.submit')}
      </button>
      <ErrorNotice error={error} fieldsShown />
      {done && (
        <p role="status" className="success">
          {t('changes.requested')}
        </p>
      )}
    </form>
  );
}
