import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, ApiError, client, Schema } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScheduleTable } from '../components/ScheduleTable';
import { Field } from '../components/Field';
import { Money } from '../components/Money';
import { REPAYMENT_METHODS } from '../apiValues';

/** A quoted schedule, as the API documents it. */
type Quote = Schema<'LoanQuote'>;
type Method = Schema<'LoanQuoteRequest'>['method'];

export function QuotePage() {
  const { t } = useTranslation();
  const [principal, setPrincipal] = useState('100000.00');
  const [annualRate, setAnnualRate] = useState('0.0435');
  const [termMonths, setTermMonths] = useState('12');
  const [method, setMethod] = useState<Method>('equal-installment');
  const [startDate, setStartDate] = useState('');
  const [quote, setQuote] = useState<Quote | null>(null);
  const [error, setError] = useState<unknown>(null);
  const errors = error instanceof ApiError ? error.fieldErrors : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setQuote(
        await answer(
          client.POST('/api/loan-quotes', {
            body: {
              principal,
              annualRate,
              termMonths: Number(termMonths),
              method,
              ...(startDate && { startDate }),
            },
          }),
        ),
      );
    } catch (failure) {
      setError(failure);
      setQuote(null);
    }
  };

  return (
    <section aria-labelledby="quote-title">
      <h1 id="quote-title">{t('quote.title')}</h1>
      <form onSubmit={submit} className="filters" noValidate>
        <Field id="quote-principal" label={t('quote.principal')} errors={errors} field="principal">
          {(props) => (
            <input
              {...props}
              inputMode="decimal"
              value={principal}
              onChange={(e) => setPrincipal(e.target.value)}
            />
          )}
        </Field>
        <Field id="quote-rate" label={t('quote.annualRate')} errors={errors} field="annualRate">
          {(props) => (
            <input
              {...props}
              inputMode="decimal"
              value={annualRate}
              onChange={(e) => setAnnualRate(e.target.value)}
            />
          )}
        </Field>
        <Field id="quote-term" label={t('quote.termMonths')} errors={errors} field="termMonths">
          {(props) => (
            <input
              {...props}
              type="number"
              min={1}
              max={360}
              value={termMonths}
              onChange={(e) => setTermMonths(e.target.value)}
            />
          )}
        </Field>
        <Field id="quote-method" label={t('quote.method')} errors={errors} field="method">
          {(props) => (
            <select {...props} value={method} onChange={(e) => setMethod(e.target.value as Method)}>
              {REPAYMENT_METHODS.map((value) => (
                <option key={value} value={value}>
                  {t(`methods.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="quote-start" label={t('quote.startDate')} errors={errors} field="startDate">
          {(props) => (
            <input
              {...props}
              type="date"
              value={startDate}
              onChange={(e) => setStartDate(e.target.value)}
            />
          )}
        </Field>
        <button type="submit">{t('quote.submit')}</button>
      </form>
      <ErrorNotice error={error} fieldsShown />
      {quote && (
        <>
          <p data-testid="quote-totals">
            {t('quote.totalInterest')}: <Money amount={quote.totalInterest} /> ·{' '}
            {t('quote.totalPayment')}: <Money amount={quote.totalPayment} />
          </p>
          <ScheduleTable rows={quote.installments} testId="quote-table" />
        </>
      )}
    </section>
  );
}
