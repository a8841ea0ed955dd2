import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client, Schema } from '../api';
import { useSubmit } from '../useSubmit';
import { useAuth } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { ListOrNone } from '../components/ListOrNone';
import { Field } from '../components/Field';
import { UnitName, UserName } from '../components/Names';
import { formatDateTime } from '../format';
import { useLoad } from '../useLoad';

type KeyCustomer = Schema<'KeyCustomerView'>;

/** 重点客户: the unit's list of closely watched borrowers and their inspection interval. */
export function KeyCustomersPage() {
  const { t, i18n } = useTranslation();
  const { may } = useAuth();
  const manages = may('POST /api/key-customers');
  const list = useLoad(() => answer(client.GET('/api/key-customers')), []);
  const removal = useSubmit();
  const remove = async (entry: KeyCustomer) => {
    const reason = window.prompt(t('keyCustomers.removalReason'));
    if (!reason) return;
    await removal.run(async () => {
      await answer(
        client.POST('/api/key-customers/{entryId}/remove', {
          params: { path: { entryId: entry.id } },
          body: { reason },
        }),
      );
      list.reload();
    });
  };
  return (
    <section aria-labelledby="key-customers-title">
      <h1 id="key-customers-title">{t('keyCustomers.title')}</h1>
      <p>{t('keyCustomers.help')}</p>
      {manages && <AddKeyCustomer onAdded={list.reload} />}
      <ErrorNotice error={list.error ?? removal.error} />
      <div className="card">
        <ListOrNone items={list.data?.items} none={t('keyCustomers.none')}>
          {(rows) => (
            <table data-testid="key-customer-list">
              <thead>
                <tr>
                  <th scope="col">{t('keyCustomers.name')}</th>
                  <th scope="col">{t('keyCustomers.idNumber')}</th>
                  <th scope="col">{t('keyCustomers.unit')}</th>
                  <th scope="col">{t('keyCustomers.inspectionMonths')}</th>
                  <th scope="col">{t('keyCustomers.reason')}</th>
                  <th scope="col">{t('keyCustomers.added')}</th>
                  <th scope="col">{t('keyCustomers.removed')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((k) => (
                  <tr key={k.id}>
                    <td>{k.name}</td>
                    <td>{k.idNumber}</td>
                    <td>
                      <UnitName code={k.unitCode} />
                    </td>
                    <td>{t('common.months', { count: k.inspectionMonths })}</td>
                    <td>{k.reason}</td>
                    <td>
                      <UserName username={k.addedBy} /> {formatDateTime(k.addedAt, i18n.language)}
                    </td>
                    <td>
                      {k.removedAt ? (
                        <>
                          <UserName username={k.removedBy} />{' '}
                          {formatDateTime(k.removedAt, i18n.language)}: {k.removalReason}
                        </>
                      ) : manages ? (
                        <button type="button" onClick={() => void remove(k)}>
                          {t('keyCustomers.remove')}
                        </button>
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
      </div>
    </section>
  );
}

function AddKeyCustomer({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const [idNumber, setIdNumber] = useState('');
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [months, setMonths] = useState('3');
  const { error, errors, run } = useSubmit();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      await answer(
        client.POST('/api/key-customers', {
          body: {
            idNumber: idNumber.trim(),
            name: name.trim(),
            reason,
            inspectionMonths: Number(months),
          },
        }),
      );
      setIdNumber('');
      setName('');
      setReason('');
      onAdded();
    });
  };
  return (
    <form onSubmit={submit} className="card" noValidate aria-labelledby="add-key-customer-title">
      <h2 id="add-key-customer-title">{t('keyCustomers.add')}</h2>
      <Field id="key-id-number" label={t('keyCustomers.idNumber')} errors={errors} field="idNumber">
        {(props) => (
          <input {...props} value={idNumber} onChange={(e) => setIdNumber(e.target.value)} />
        )}
      </Field>
      <Field id="key-name" label={t('keyCustomers.name')} errors={errors} field="name">
        {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field id="key-reason" label={t('keyCustomers.reason')} errors={errors} field="reason">
        {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <Field
        id="key-months"
        label={t('keyCustomers.inspectionMonths')}
        errors={errors}
        field="inspectionMonths"
      >
        {(props) => (
          <input
            {...props}
            type="number"
            min={1}
            max={6}
            value={months}
            onChange={(e) => setMonths(e.target.value)}
          />
        )}
      </Field>
      <button type="submit">{t('keyCustomers.submit')}</button>
      <ErrorNotice error={error} fieldsShown />
    </form>
  );
}
