import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client, FieldError, Schema } from '../api';
import { useSubmit } from '../useSubmit';
import { useAuth } from '../auth';
import { formatDateTime } from '../format';
import { useLoad } from '../useLoad';
import { ErrorNotice } from './ErrorNotice';
import { ListOrNone } from './ListOrNone';
import { Field } from './Field';
import { UserName } from './Names';
import { VALUABLE_KINDS } from '../apiValues';

type ValuableKind = Schema<'ValuableRequest'>['kind'];
type Movement = Schema<'MovementRequest'>['movement'];

export type ArchiveFileView = Schema<'ArchiveFileView'>;
export type LendingView = Schema<'LendingView'>;
export type ValuableView = Schema<'ValuableView'>;

/** 档案登记簿 on the loan page: the file, its lines, lendings and the valuables kept. */
export function LoanArchive({ loanId }: { loanId: string }) {
  const { t, i18n } = useTranslation();
  const { may } = useAuth();
  const reads = may('GET /api/loans/{id}/archive');
  // The keeper's acts (lend, return, move valuables, ask for destruction) share one set of posts.
  const keeper = may('POST /api/loans/{id}/archive/lendings');
  const approver = may('POST /api/loans/{id}/archive/destruction/decision');
  const data = useLoad(
    () =>
      reads
        ? answer(client.GET('/api/loans/{id}/archive', { params: { path: { id: loanId } } }))
        : Promise.resolve(null),
    [loanId, reads],
  );
  const { error, errors, run } = useSubmit();
  if (!reads) return null;
  const onLoan = { params: { path: { id: loanId } } };
  /** One of the registry's acts through the typed client, then a fresh read. */
  const act = (call: () => Promise<unknown>) =>
    run(async () => {
      await call();
      data.reload();
    });
  const decide = (body: Schema<'DestructionDecisionRequest'>) =>
    act(() =>
      answer(client.POST('/api/loans/{id}/archive/destruction/decision', { ...onLoan, body })),
    );
  const file = data.data?.file ?? null;
  return (
    <section aria-labelledby="archive-title" className="card" data-testid="loan-archive">
      <h2 id="archive-title">{t('archive.loanTitle')}</h2>
      <ErrorNotice error={data.error ?? error} />
      {data.data && !file && <p>{t('archive.notFiled')}</p>}
      {file && (
        <dl>
          <dt>{t('archive.reference')}</dt>
          <dd>{file.reference}</dd>
          <dt>{t('archive.kind')}</dt>
          <dd>{t(`archive.kinds.${file.kind}`)}</dd>
          <dt>{t('archive.location')}</dt>
          <dd>{file.location}</dd>
          <dt>{t('archive.custodian')}</dt>
          <dd>
            <UserName username={file.custodian} />
          </dd>
          <dt>{t('archive.status')}</dt>
          <dd>{t(`archive.statuses.${file.status}`)}</dd>
          <dt>{t('archive.retainUntil')}</dt>
          <dd>{formatDateTime(file.retainUntil, i18n.language)}</dd>
        </dl>
      )}
      {file && keeper && file.status === 'in-custody' && (
        <LendForm
          errors={errors}
          onLend={(body) =>
            act(() => answer(client.POST('/api/loans/{id}/archive/lendings', { ...onLoan, body })))
          }
        />
      )}
      {file && keeper && file.status === 'in-custody' && !file.destructionRequestedBy && (
        <button
          type="button"
          disabled={!file.retentionOver}
          onClick={() =>
            act(() =>
              answer(
                client.POST('/api/loans/{id}/archive/destruction', {
                  ...onLoan,
                  body: { reason: t('archive.destructionReason') },
                }),
              ),
            )
          }
        >
          {t('archive.requestDestruction')}
        </button>
      )}
      {file && approver && file.destructionRequestedBy && file.status !== 'destroyed' && (
        <p>
          {t('archive.destructionAsked', { by: file.destructionRequestedBy })}{' '}
          <button
            type="button"
            onClick={() => decide({ approve: true, note: t('archive.approveNote') })}
          >
            {t('archive.approveDestruction')}
          </button>{' '}
          <button
            type="button"
            onClick={() => decide({ approve: false, note: t('archive.refuseNote') })}
          >
            {t('archive.refuseDestruction')}
          </button>
        </p>
      )}
      {data.data && data.data.lendings.length > 0 && (
        <LendingTable
          lendings={data.data.lendings}
          onReturn={
            keeper
              ? (lendingId) =>
                  act(() =>
                    answer(
                      client.POST('/api/loans/{id}/archive/lendings/{lendingId}/return', {
                        params: { path: { id: loanId, lendingId } },
                        body: {},
                      }),
                    ),
                  )
              : undefined
          }
        />
      )}
      {data.data && data.data.entries.length > 0 && (
        <>
          <h3>{t('archive.entries')}</h3>
          <ul>
            {data.data.entries.map((e, i) => (
              <li key={i}>
                {formatDateTime(e.at, i18n.language)} {t(`archive.acts.${e.act}`)} ·{' '}
                <UserName username={e.by} /> · {e.note}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('archive.valuables')}</h3>
      <ListOrNone items={data.data?.valuables} none={t('archive.noValuables')}>
        {(rows) => (
          <ValuableTable
            valuables={rows}
            onMove={
              keeper
                ? (valuableId, movement, reason, counterpart) =>
                    act(() =>
                      answer(
                        client.POST('/api/loans/{id}/archive/valuables/{valuableId}/movements', {
                          params: { path: { id: loanId, valuableId } },
                          body: { movement, reason, ...(counterpart && { counterpart }) },
                        }),
                      ),
                    )
                : undefined
            }
          />
        )}
      </ListOrNone>
      {keeper && (
        <KeepValuableForm
          errors={errors}
          onKeep={(body) =>
            act(() => answer(client.POST('/api/loans/{id}/archive/valuables', { ...onLoan, body })))
          }
        />
      )}
    </section>
  );
}

function LendForm({
  errors,
  onLend,
}: {
  errors: FieldError[];
  onLend: (body: Schema<'LendRequest'>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [borrower, setBorrower] = useState('');
  const [purpose, setPurpose] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await onLend({ borrower: borrower.trim(), purpose });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('archive.lend')}>
      <Field id="archive-borrower" label={t('archive.borrower')} errors={errors} field="borrower">
        {(props) => (
          <input {...props} value={borrower} onChange={(e) => setBorrower(e.target.value)} />
        )}
      </Field>
      <Field id="archive-purpose" label={t('archive.purpose')} errors={errors} field="purpose">
        {(props) => (
          <input {...props} value={purpose} onChange={(e) => setPurpose(e.target.value)} />
        )}
      </Field>
      <button type="submit">{t('archive.lend')}</button>
    </form>
  );
}

export function LendingTable({
  lendings,
  onReturn,
}: {
  lendings: LendingView[];
  onReturn?: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <table data-testid="archive-lendings">
      <thead>
        <tr>
          <th scope="col">{t('archive.loan')}</th>
          <th scope="col">{t('archive.borrower')}</th>
          <th scope="col">{t('archive.purpose')}</th>
          <th scope="col">{t('archive.lentAt')}</th>
          <th scope="col">{t('archive.dueAt')}</th>
          <th scope="col">{t('archive.standing')}</th>
          {onReturn && <th scope="col">{t('archive.action')}</th>}
        </tr>
      </thead>
      <tbody>
        {lendings.map((l) => (
          <tr key={l.id}>
            <td>
              <a href={`/loans/${l.loanId}`}>{l.loanId}</a>
            </td>
            <td>
              <UserName username={l.borrower} />
            </td>
            <td>{l.purpose}</td>
            <td>{formatDateTime(l.lentAt, i18n.language)}</td>
            <td>{formatDateTime(l.dueAt, i18n.language)}</td>
            <td>{t(`archive.standings.${l.standing}`)}</td>
            {onReturn && (
              <td>
                {!l.returnedAt && (
                  <button type="button" onClick={() => onReturn(l.id)}>
                    {t('archive.return')}
                  </button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ValuableTable({
  valuables,
  onMove,
}: {
  valuables: ValuableView[];
  onMove?: (id: string, movement: Movement, reason: string, counterpart?: string) => void;
}) {
  const { t } = useTranslation();
  const ask = (id: string, movement: Movement) => {
    const reason = window.prompt(t('archive.movementReason')) ?? '';
    const counterpart =
      movement === 'out' ? (window.prompt(t('archive.counterpart')) ?? '') : undefined;
    onMove?.(id, movement, reason, counterpart);
  };
  return (
    <table data-testid="archive-valuables">
      <thead>
        <tr>
          <th scope="col">{t('archive.loan')}</th>
          <th scope="col">{t('archive.valuableKind')}</th>
          <th scope="col">{t('archive.description')}</th>
          <th scope="col">{t('archive.location')}</th>
          <th scope="col">{t('archive.status')}</th>
          <th scope="col">{t('archive.movements')}</th>
          {onMove && <th scope="col">{t('archive.action')}</th>}
        </tr>
      </thead>
      <tbody>
        {valuables.map((v) => (
          <tr key={v.id}>
            <td>
              <a href={`/loans/${v.loanId}`}>{v.loanId}</a>
            </td>
            <td>{t(`archive.valuableKinds.${v.kind}`)}</td>
            <td>{v.description}</td>
            <td>{v.location}</td>
            <td>{t(`archive.valuableStatuses.${v.status}`)}</td>
            <td>{v.movements.map((m) => t(`archive.movementNames.${m.movement}`)).join(' → ')}</td>
            {onMove && (
              <td>
                {v.status === 'in-custody' && (
                  <>
                    <button type="button" onClick={() => ask(v.id, 'out')}>
                      {t('archive.movementNames.out')}
                    </button>{' '}
                    <button type="button" onClick={() => ask(v.id, 'released')}>
                      {t('archive.movementNames.released')}
                    </button>
                  </>
                )}
                {v.status === 'out' && (
                  <button type="button" onClick={() => ask(v.id, 'back')}>
                    {t('archive.movementNames.back')}
                  </button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function KeepValuableForm({
  errors,
  onKeep,
}: {
  errors: FieldError[];
  onKeep: (body: Schema<'ValuableRequest'>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ValuableKind>('mortgage-certificate');
  const [reference, setReference] = useState('');
  const [description, setDescription] = useState('');
  const [location, setLocation] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await onKeep({ kind, reference, description, location });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('archive.keepValuable')}>
      <Field id="valuable-kind" label={t('archive.valuableKind')} errors={errors} field="kind">
        {(props) => (
          <select {...props} value={kind} onChange={(e) => setKind(e.target.value as ValuableKind)}>
            {VALUABLE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`archive.valuableKinds.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="valuable-reference"
        label={t('archive.valuableReference')}
        errors={errors}
        field="reference"
      >
        {(props) => (
          <input {...props} value={reference} onChange={(e) => setReference(e.target.value)} />
        )}
      </Field>
      <Field
        id="valuable-description"
        label={t('archive.description')}
        errors={errors}
        field="description"
      >
        {(props) => (
          <input {...props} value={description} onChange={(e) => setDescription(e.target.value)} />
        )}
      </Field>
      <Field id="valuable-location" label={t('archive.location')} errors={errors} field="location">
        {(props) => (
          <input {...props} value={location} onChange={(e) => setLocation(e.target.value)} />
        )}
      </Field>
      <button type="submit">{t('archive.keepValuable')}</button>
    </form>
  );
}
