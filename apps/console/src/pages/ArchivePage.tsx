import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client, Schema } from '../api';
import { useSubmit } from '../useSubmit';
import { useAuth } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { ListOrNone } from '../components/ListOrNone';
import { Field } from '../components/Field';
import { LendingTable, ValuableTable } from '../components/LoanArchive';
import { UnitName, UserName } from '../components/Names';
import { formatDateTime } from '../format';
import { useLoad } from '../useLoad';
import { INSPECTION_RESULTS } from '../apiValues';

type InspectionResult = Schema<'InspectionRequest'>['result'];

/** 档案管理: the register of the unit's files, the files out and overdue, the valuables kept, inspections. */
export function ArchivePage() {
  const { t, i18n } = useTranslation();
  const { may } = useAuth();
  const files = useLoad(() => answer(client.GET('/api/archive/files')), []);
  const overdue = useLoad(
    () => answer(client.GET('/api/archive/lendings', { params: { query: { overdue: 'true' } } })),
    [],
  );
  const out = useLoad(() => answer(client.GET('/api/archive/lendings')), []);
  const valuables = useLoad(() => answer(client.GET('/api/archive/valuables')), []);
  const inspections = useLoad(() => answer(client.GET('/api/archive/inspections')), []);
  return (
    <section aria-labelledby="archive-page-title">
      <h1 id="archive-page-title">{t('archive.title')}</h1>
      <ErrorNotice
        error={files.error ?? overdue.error ?? out.error ?? valuables.error ?? inspections.error}
      />
      <div className="card">
        <h2>{t('archive.overdue')}</h2>
        <ListOrNone items={overdue.data?.items} none={t('archive.noOverdue')}>
          {(rows) => <LendingTable lendings={rows} />}
        </ListOrNone>
      </div>
      <div className="card">
        <h2>{t('archive.lentOut')}</h2>
        <ListOrNone items={out.data?.items} none={t('archive.noneOut')}>
          {(rows) => <LendingTable lendings={rows} />}
        </ListOrNone>
      </div>
      <div className="card">
        <h2>{t('archive.register')}</h2>
        <ListOrNone items={files.data?.items} none={t('archive.noFiles')}>
          {(rows) => (
            <table data-testid="archive-files">
              <thead>
                <tr>
                  <th scope="col">{t('archive.reference')}</th>
                  <th scope="col">{t('archive.loan')}</th>
                  <th scope="col">{t('archive.kind')}</th>
                  <th scope="col">{t('archive.location')}</th>
                  <th scope="col">{t('archive.custodian')}</th>
                  <th scope="col">{t('archive.status')}</th>
                  <th scope="col">{t('archive.retainUntil')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((f) => (
                  <tr key={f.loanId}>
                    <td>{f.reference}</td>
                    <td>
                      <a href={`/loans/${f.loanId}`}>{f.loanId}</a>
                    </td>
                    <td>{t(`archive.kinds.${f.kind}`)}</td>
                    <td>{f.location}</td>
                    <td>
                      <UserName username={f.custodian} />
                    </td>
                    <td>{t(`archive.statuses.${f.status}`)}</td>
                    <td>{formatDateTime(f.retainUntil, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </ListOrNone>
      </div>
      <div className="card">
        <h2>{t('archive.valuables')}</h2>
        <ListOrNone items={valuables.data?.items} none={t('archive.noValuables')}>
          {(rows) => <ValuableTable valuables={rows} />}
        </ListOrNone>
      </div>
      <div className="card">
        <h2>{t('archive.inspections')}</h2>
        {may('POST /api/archive/inspections') && <InspectionForm onDone={inspections.reload} />}
        {inspections.data && inspections.data.items.length > 0 && (
          <table data-testid="archive-inspections">
            <thead>
              <tr>
                <th scope="col">{t('archive.unit')}</th>
                <th scope="col">{t('archive.inspectedBy')}</th>
                <th scope="col">{t('archive.inspectedAt')}</th>
                <th scope="col">{t('archive.result')}</th>
                <th scope="col">{t('archive.filesChecked')}</th>
                <th scope="col">{t('archive.findings')}</th>
              </tr>
            </thead>
            <tbody>
              {inspections.data.items.map((i) => (
                <tr key={i.id}>
                  <td>
                    <UnitName code={i.unitCode} />
                  </td>
                  <td>
                    <UserName username={i.inspectedBy} />
                  </td>
                  <td>{formatDateTime(i.inspectedAt, i18n.language)}</td>
                  <td>{t(`archive.results.${i.result}`)}</td>
                  <td>{i.filesChecked}</td>
                  <td>{i.findings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

function InspectionForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const [unitCode, setUnitCode] = useState(me?.orgUnitCode ?? '');
  const [result, setResult] = useState<InspectionResult>('in-order');
  const [filesChecked, setFilesChecked] = useState('0');
  const [findings, setFindings] = useState('');
  const { error, errors, run } = useSubmit();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      await answer(
        client.POST('/api/archive/inspections', {
          body: {
            unitCode: unitCode.trim(),
            result,
            filesChecked: Number(filesChecked),
            findings,
          },
        }),
      );
      setFindings('');
      onDone();
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('archive.recordInspection')}>
      <Field id="inspection-unit" label={t('archive.unit')} errors={errors} field="unitCode">
        {(props) => (
          <input {...props} value={unitCode} onChange={(e) => setUnitCode(e.target.value)} />
        )}
      </Field>
      <Field id="inspection-result" label={t('archive.result')} errors={errors} field="result">
        {(props) => (
          <select
            {...props}
            value={result}
            onChange={(e) => setResult(e.target.value as InspectionResult)}
          >
            {INSPECTION_RESULTS.map((value) => (
              <option key={value} value={value}>
                {t(`archive.results.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="inspection-files"
        label={t('archive.filesChecked')}
        errors={errors}
        field="filesChecked"
      >
        {(props) => (
          <input
            {...props}
            type="number"
            value={filesChecked}
            onChange={(e) => setFilesChecked(e.target.value)}
          />
        )}
      </Field>
      <Field
        id="inspection-findings"
        label={t('archive.findings')}
        errors={errors}
        field="findings"
      >
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={findings}
            onChange={(e) => setFindings(e.target.value)}
          />
        )}
      </Field>
      <button type="submit">{t('archive.recordInspection')}</button>
      <ErrorNotice error={error} fieldsShown />
    </form>
  );
}
