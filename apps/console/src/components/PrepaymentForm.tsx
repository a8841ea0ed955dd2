import { FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client, Schema } from '../api';
import { useSubmit } from '../useSubmit';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';
import { FormDone } from './FormDone';
import { Day, Money } from './Money';
import { PaymentChannel, PaymentChannelPicker } from './PaymentChannel';
import { PREPAYMENT_OPTIONS } from '../apiValues';

type Option = (typeof PREPAYMENT_OPTIONS)[number];

/** A part prepayment's quote, and a request with what became of it, as the API documents them. */
type PrepaymentQuote = Schema<'PrepaymentQuoteView'>;
type PrepaymentRow = Schema<'PrepaymentView'>;
/** The schedule as it stands, or revised under an option: the figures compared. */
type Revised = Schema<'CurrentScheduleView'>;

/**
 * 部分提前还款: quote a principal paid down, compare the two revised schedules, and (customer
 * manager) request it with the borrower's choice; the reviewer decides it in the inbox.
 */
export function PrepaymentForm({ loanId, mayRequest }: { loanId: string; mayRequest: boolean }) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState('');
  const [quote, setQuote] = useState<PrepaymentQuote | null>(null);
  const [option, setOption] = useState<Option>('shorten-term');
  const [channel, setChannel] = useState<PaymentChannel>('transfer');
  const { error, busy, errors, run } = useSubmit();
  const [requested, setRequested] = useState<PrepaymentRow | null>(null);
  const [rows, setRows] = useState<PrepaymentRow[]>([]);
  const load = useCallback(() => {
    answer(client.GET('/api/loans/{id}/prepayments', { params: { path: { id: loanId } } }))
      .then(setRows)
      .catch(() => setRows([]));
  }, [loanId]);
  useEffect(load, [load]);

  const ask = (event: FormEvent) => {
    event.preventDefault();
    setQuote(null);
    setRequested(null);
    void run(async () => {
      setQuote(
        await answer(
          client.POST('/api/loans/{id}/prepayment-quote', {
            params: { path: { id: loanId } },
            body: { amount },
          }),
        ),
      );
    });
  };
  const request = () =>
    void run(async () => {
      setRequested(
        await answer(
          client.POST('/api/loans/{id}/prepayments', {
            params: { path: { id: loanId } },
            body: { amount, option, channel },
          }),
        ),
      );
      load();
    });

  const columns: [string, Revised][] = quote
    ? [
        ['current', quote.current],
        ['shorten-term', quote.options['shorten-term']],
        ['reduce-installment', quote.options['reduce-installment']],
      ]
    : [];

  return (
    <div className="servicing-form" data-testid="prepayment">
      <form className="filters" onSubmit={ask} aria-label={t('prepayment.title')}>
        <Field id="prepayment-amount" label={t('prepayment.amount')} errors={errors} field="amount">
          {(props) => (
            <input
              {...props}
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? t('prepayment.sending') : t('prepayment.quote')}
        </button>
      </form>
      <ErrorNotice error={error} fieldsShown />
      {quote && (
        <>
          <dl className="facts" data-testid="prepayment-quote">
            <dt>{t('prepayment.date')}</dt>
            <dd>
              <Day date={quote.prepaymentDate} />
            </dd>
            {(
              [
                'principalReduction',
                'accruedInterest',
                'fee',
                'total',
                'remainingPrincipal',
              ] as const
            ).map((name) => (
              <div key={name} className="fact" data-name={name}>
                <dt>{t(`prepayment.${name}`)}</dt>
                <dd>
                  <Money amount={quote[name]} />
                  {name === 'fee' && quote.feeRate === '0' && ` (${t('prepayment.feeFree')})`}
                </dd>
              </div>
            ))}
          </dl>
          <table data-testid="prepayment-compare">
            <caption>{t('prepayment.compare')}</caption>
            <thead>
              <tr>
                <th />
                {columns.map(([name]) => (
                  <th key={name} scope="col">
                    {t(`prepayment.${name}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(['installmentCount', 'levelPayment', 'maturity', 'totalInterest'] as const).map(
                (row) => (
                  <tr key={row}>
                    <th scope="row">{t(`prepayment.${row}`)}</th>
                    {columns.map(([name, revised]) => (
                      <td key={name} data-column={name} data-row={row}>
                        {row === 'installmentCount' ? (
                          revised.installmentCount
                        ) : row === 'maturity' ? (
                          <Day date={revised.maturity} />
                        ) : (
                          <Money amount={revised[row]} />
                        )}
                      </td>
                    ))}
                  </tr>
                ),
              )}
            </tbody>
          </table>
          {mayRequest && !requested && (
            <div className="filters">
              <fieldset>
                <legend>{t('prepayment.option')}</legend>
                {PREPAYMENT_OPTIONS.map((value) => (
                  <label key={value}>
                    <input
                      type="radio"
                      name="prepayment-option"
                      value={value}
                      checked={option === value}
                      onChange={() => setOption(value)}
                    />
                    {t(`prepayment.${value}`)}
                  </label>
                ))}
              </fieldset>
              <PaymentChannelPicker
                label={t('prepayment.channel')}
                value={channel}
                onChange={setChannel}
              />
              <button type="button" disabled={busy} onClick={request}>
                {t('prepayment.request')}
              </button>
            </div>
          )}
        </>
      )}
      {requested && (
        <FormDone>
          {t('prepayment.requested')} <Money amount={requested.amount} />{' '}
          {t(`prepayment.${requested.option}`)}
        </FormDone>
      )}
      {rows.length > 0 && (
        <table data-testid="prepayment-history">
          <caption>{t('prepayment.history')}</caption>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <Money amount={row.amount} />
                </td>
                <td>{t(`prepayment.${row.option}`)}</td>
                <td>{t(`prepayment.states.${row.state}`)}</td>
                <td>
                  <Day date={row.postedOn ?? row.requestedAt.slice(0, 10)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
