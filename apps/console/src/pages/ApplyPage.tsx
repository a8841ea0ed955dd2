import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formBody } from '@loanflow/api-client';
import { answer, client, Schema } from '../api';
import { DocumentsPanel } from '../components/Documents';
import { ErrorNotice } from '../components/ErrorNotice';
import { Field } from '../components/Field';
import { useSubmit } from '../useSubmit';
import { APPLICATION_PAPERS, GUARANTEE_TYPES, PRODUCTS, REPAYMENT_METHODS } from '../apiValues';

type ApplicationRequest = Schema<'ApplicationRequest'>;

const INITIAL = {
  name: '',
  idNumber: '',
  birthDate: '',
  phone: '',
  employer: '',
  monthlyIncome: '',
  monthlyDebtPayments: '0.00',
  product: 'consumer' as ApplicationRequest['product'],
  amount: '',
  termMonths: '12',
  purpose: '',
  guaranteeType: 'credit' as ApplicationRequest['guaranteeType'],
  paymentMethod: 'entrusted' as ApplicationRequest['payment']['method'],
  payeeName: '',
  payeeAccount: '',
  repaymentMethod: 'equal-installment' as ApplicationRequest['repaymentMethod'],
  guarantorName: '',
  guarantorIdNumber: '',
  guarantorPhone: '',
  guarantorIncome: '',
  guarantorRelation: '',
  collateralKind: 'property' as NonNullable<ApplicationRequest['collateral']>[number]['kind'],
  collateralDescription: '',
  collateralOwnerName: '',
  collateralOwnerIdNumber: '',
  collateralValue: '',
};
type Draft = typeof INITIAL;

export function ApplyPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(INITIAL);
  const [secondHome, setSecondHome] = useState(false);
  // The papers the customer brought, a scan per kind: sent with the application, they are what the
  // automatic checks read (a kind without a file is asked for afterwards, 补充材料).
  const [papers, setPapers] = useState<Record<string, File>>({});
  const [accepted, setAccepted] = useState<Schema<'ApplicationAccepted'> | null>(null);
  const { error, busy, errors, run } = useSubmit();

  const set = (key: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [key]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // secondHome (the server's default: false) goes for a housing loan only, as the form asks it.
    const body: Omit<ApplicationRequest, 'secondHome'> & { secondHome?: boolean } = {
      applicant: {
        name: draft.name,
        idNumber: draft.idNumber.toUpperCase(),
        birthDate: draft.birthDate,
        phone: draft.phone,
        ...(draft.employer && { employer: draft.employer }),
        monthlyIncome: draft.monthlyIncome,
        monthlyDebtPayments: draft.monthlyDebtPayments,
      },
      product: draft.product,
      amount: draft.amount,
      termMonths: Number(draft.termMonths),
      purpose: draft.purpose,
      guaranteeType: draft.guaranteeType,
      ...(draft.guaranteeType === 'guarantor' && {
        guarantors: [
          {
            name: draft.guarantorName,
            idNumber: draft.guarantorIdNumber.toUpperCase(),
            phone: draft.guarantorPhone,
            monthlyIncome: draft.guarantorIncome,
            relation: draft.guarantorRelation,
          },
        ],
      }),
      ...((draft.guaranteeType === 'mortgage' || draft.guaranteeType === 'pledge') && {
        collateral: [
          {
            kind: draft.collateralKind,
            description: draft.collateralDescription,
            ownerName: draft.collateralOwnerName,
            ownerIdNumber: draft.collateralOwnerIdNumber.toUpperCase(),
            appraisedValue: draft.collateralValue,
          },
        ],
      }),
      payment: {
        method: draft.paymentMethod,
        ...(draft.payeeName && { payeeName: draft.payeeName }),
        payeeAccount: draft.payeeAccount,
      },
      repaymentMethod: draft.repaymentMethod,
      ...(draft.product === 'housing' && { secondHome }),
    };
    const attached = Object.entries(papers);
    await run(async () => {
      if (attached.length === 0)
        setAccepted(
          await answer(client.POST('/api/applications', { body: body as ApplicationRequest })),
        );
      else {
        // The document gives the multipart body the JSON one's schema; the server reads a part
        // `application` holding that JSON and a file part per document kind, which no schema can
        // check in a FormData: the parts are typed here (the JSON as ApplicationRequest, each file
        // named by its kind from APPLICATION_PAPERS) and the form goes as it is.
        const form = new FormData();
        form.append('application', JSON.stringify(body));
        for (const [kind, file] of attached) form.append(kind, file, file.name);
        setAccepted(await answer(client.POST('/api/applications', formBody(form))));
      }
    });
  };

  if (accepted)
    return (
      <section aria-labelledby="apply-title">
        <h1 id="apply-title">{t('apply.title')}</h1>
        <p
          role="status"
          className="notice"
          data-testid="application-accepted"
          data-loan-id={accepted.loanId}
        >
          {t('apply.accepted', { id: accepted.loanId })}
        </p>
        <p>
          <Link to={`/loans/${accepted.loanId}`}>
            {t('task.openDossier', { id: accepted.loanId })}
          </Link>
          {' · '}
          <Link to="/inbox">{t('nav.inbox')}</Link>
          {' · '}
          <button
            type="button"
            className="link"
            onClick={() => {
              setAccepted(null);
              setDraft(INITIAL);
              setPapers({});
            }}
          >
            {t('apply.another')}
          </button>
        </p>
        {/* The papers the customer brought: uploaded to the new loan's file right away. */}
        <DocumentsPanel loanId={accepted.loanId} uploadTo={{ loanId: accepted.loanId }} />
      </section>
    );

  const input = (
    key: keyof Draft,
    field: string,
    type = 'text',
    extra: Record<string, unknown> = {},
  ) => (
    <Field id={`apply-${key}`} label={t(`apply.${key}`)} errors={errors} field={field}>
      {(props) => (
        <input {...props} type={type} value={draft[key]} onChange={set(key)} {...extra} />
      )}
    </Field>
  );
  const select = (
    key: keyof Draft,
    field: string,
    options: readonly string[],
    labelPrefix: string,
  ) => (
    <Field id={`apply-${key}`} label={t(`apply.${key}`)} errors={errors} field={field}>
      {(props) => (
        <select {...props} value={draft[key]} onChange={set(key)}>
          {options.map((option) => (
            <option key={option} value={option}>
              {t(`${labelPrefix}.${option}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <section aria-labelledby="apply-title">
      <h1 id="apply-title">{t('apply.title')}</h1>
      <form onSubmit={submit} className="apply-form" noValidate>
        <fieldset>
          <legend>{t('apply.applicant')}</legend>
          <div className="grid">
            {input('name', 'applicant.name')}
            {input('idNumber', 'applicant.idNumber')}
            {input('birthDate', 'applicant.birthDate', 'date')}
            {input('phone', 'applicant.phone', 'tel')}
            {input('employer', 'applicant.employer')}
            {input('monthlyIncome', 'applicant.monthlyIncome', 'text', {
              inputMode: 'decimal',
              placeholder: '18000.00',
            })}
            {input('monthlyDebtPayments', 'applicant.monthlyDebtPayments', 'text', {
              inputMode: 'decimal',
            })}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('apply.loan')}</legend>
          <div className="grid">
            {select('product', 'product', PRODUCTS, 'products')}
            {input('amount', 'amount', 'text', { inputMode: 'decimal', placeholder: '200000.00' })}
            {input('termMonths', 'termMonths', 'number', { min: 1, max: 360 })}
            {select('repaymentMethod', 'repaymentMethod', REPAYMENT_METHODS, 'methods')}
            {select('guaranteeType', 'guaranteeType', GUARANTEE_TYPES, 'guarantees')}
          </div>
          <Field id="apply-purpose" label={t('apply.purpose')} errors={errors} field="purpose">
            {(props) => (
              <textarea {...props} value={draft.purpose} onChange={set('purpose')} rows={2} />
            )}
          </Field>
        </fieldset>
        {draft.guaranteeType === 'guarantor' && (
          <fieldset>
            <legend>{t('apply.guarantor')}</legend>
            <div className="grid">
              {input('guarantorName', 'guarantors.0.name')}
              {input('guarantorIdNumber', 'guarantors.0.idNumber')}
              {input('guarantorPhone', 'guarantors.0.phone', 'tel')}
              {input('guarantorIncome', 'guarantors.0.monthlyIncome', 'text', {
                inputMode: 'decimal',
              })}
              {input('guarantorRelation', 'guarantors.0.relation')}
            </div>
          </fieldset>
        )}
        {(draft.guaranteeType === 'mortgage' || draft.guaranteeType === 'pledge') && (
          <fieldset>
            <legend>{t('apply.collateral')}</legend>
            <div className="grid">
              {select(
                'collateralKind',
                'collateral.0.kind',
                ['property', 'vehicle', 'deposit', 'securities', 'other'],
                'collateralKinds',
              )}
              {input('collateralDescription', 'collateral.0.description')}
              {input('collateralOwnerName', 'collateral.0.ownerName')}
              {input('collateralOwnerIdNumber', 'collateral.0.ownerIdNumber')}
              {input('collateralValue', 'collateral.0.appraisedValue', 'text', {
                inputMode: 'decimal',
              })}
            </div>
            {draft.product === 'housing' && (
              <label className="check">
                <input
                  type="checkbox"
                  checked={secondHome}
                  onChange={(event) => setSecondHome(event.target.checked)}
                />
                {t('apply.secondHome')}
              </label>
            )}
          </fieldset>
        )}
        <fieldset>
          <legend>{t('apply.payment')}</legend>
          <div className="grid">
            {select('paymentMethod', 'payment.method', ['entrusted', 'self'], 'payments')}
            {input('payeeName', 'payment.payeeName')}
            {input('payeeAccount', 'payment.payeeAccount')}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('apply.documents')}</legend>
          <p className="hint">{t('apply.papersHint')}</p>
          <div className="grid">
            {APPLICATION_PAPERS.map((kind) => (
              <label key={kind}>
                {t(`documents.${kind}`)}
                <input
                  type="file"
                  accept="application/pdf,image/jpeg,image/png"
                  data-testid={`paper-${kind}`}
                  onChange={(event) => {
                    const file = event.target.files?.[0];
                    setPapers((current) => {
                      const { [kind]: _dropped, ...rest } = current;
                      return file ? { ...rest, [kind]: file } : rest;
                    });
                  }}
                />
              </label>
            ))}
          </div>
        </fieldset>
        <ErrorNotice error={error} fieldsShown />
        <button type="submit" disabled={busy}>
          {t('apply.submit')}
        </button>
      </form>
    </section>
  );
}
