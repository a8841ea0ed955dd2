import { FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, client, Schema } from '../api';
import { useSubmit } from '../useSubmit';
import { beijingToday } from '../money';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';
import { FormDone } from './FormDone';
import { Day, Money } from './Money';
import { UserName } from './Names';
import { PaymentChannel, PaymentChannelOptions, PaymentChannelPicker } from './PaymentChannel';
import { RESTRUCTURING_KINDS } from '../apiValues';

/** A key for one payment as the clerk enters it: sent again unchanged, the server takes it once. */
function newKey(loanId: string): string {
  return `console-${loanId}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/** An instant in Beijing as a datetime-local value (YYYY-MM-DDTHH:mm). */
function beijingLocal(at: Date): string {
  return new Date(at.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16);
}

/**
 * The bank's business time (the server judges payments on it, not on this computer's clock): the
 * field starts there once it is read, unless the clerk has typed a time already.
 */
function useBusinessTime(set: (local: string) => void): void {
  useEffect(() => {
    let live = true;
    answer(client.GET('/api/system/business-date'))
      .then(({ at }) => live && set(beijingLocal(new Date(at))))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [set]);
}

/** A datetime-local value read as Beijing time, in the ISO 8601 form the api takes. */
function beijingInstant(local: string): string {
  return local ? `${local}:00+08:00` : '';
}

type RepaymentResult = Schema<'RepaymentView'>;

/** 登记还款: a payment received at the counter or by transfer, allocated by the server. */
export function RepaymentForm({ loanId, onDone }: { loanId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState('');
  const [shown] = useState(() => beijingLocal(new Date()));
  const [paidAt, setPaidAt] = useState(shown);
  useBusinessTime(
    useCallback(
      (local: string) => setPaidAt((current) => (current === shown ? local : current)),
      [shown],
    ),
  );
  const [channel, setChannel] = useState<PaymentChannel>('counter');
  const [key, setKey] = useState(() => newKey(loanId));
  const [result, setResult] = useState<RepaymentResult | null>(null);
  const { error, busy, errors, run } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    void run(async () => {
      const done = await answer(
        client.POST('/api/loans/{id}/repayments', {
          params: { path: { id: loanId } },
          body: {
            amount: amount.trim(),
            paidAt: beijingInstant(paidAt),
            channel,
            idempotencyKey: key,
          },
        }),
      );
      setResult(done);
      setAmount('');
      setKey(newKey(loanId));
      onDone();
    });
  };

  return (
    <form
      className="filters servicing-form"
      onSubmit={submit}
      aria-label={t('servicing.repayment')}
    >
      <Field id="repayment-amount" label={t('servicing.amount')} errors={errors} field="amount">
        {(props) => (
          <input
            {...props}
            inputMode="decimal"
            value={amount}
            placeholder="0.00"
            onChange={(e) => setAmount(e.target.value)}
          />
        )}
      </Field>
      <Field id="repayment-paid-at" label={t('servicing.paidAt')} errors={errors} field="paidAt">
        {(props) => (
          <input
            {...props}
            type="datetime-local"
            value={paidAt}
            onChange={(e) => setPaidAt(e.target.value)}
          />
        )}
      </Field>
      <Field id="repayment-channel" label={t('servicing.channel')} errors={errors} field="channel">
        {(props) => (
          <select
            {...props}
            value={channel}
            onChange={(e) => setChannel(e.target.value as PaymentChannel)}
          >
            <PaymentChannelOptions />
          </select>
        )}
      </Field>
      <button type="submit" disabled={busy}>
        {busy ? t('servicing.sending') : t('servicing.record')}
      </button>
      <ErrorNotice error={error} fieldsShown />
      {result && (
        <FormDone>
          {result.state === 'pending'
            ? t('servicing.repaymentPending')
            : t('servicing.repaymentApplied')}{' '}
          <Money amount={result.amount} />
        </FormDone>
      )}
    </form>
  );
}

type PayoffQuote = Schema<'PayoffQuoteView'>;

/** 提前结清试算: what the borrower pays to settle on a day; the payoff itself taken at that amount. */
export function PayoffQuoteForm({
  loanId,
  maySettle,
  onDone,
}: {
  loanId: string;
  maySettle: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [shown] = useState(beijingToday);
  const [date, setDate] = useState(shown);
  const [businessDay, setBusinessDay] = useState(shown);
  useBusinessTime(
    useCallback(
      (local: string) => {
        setBusinessDay(local.slice(0, 10));
        setDate((current) => (current === shown ? local.slice(0, 10) : current));
      },
      [shown],
    ),
  );
  const [quote, setQuote] = useState<PayoffQuote | null>(null);
  const [channel, setChannel] = useState<PaymentChannel>('counter');
  const [settled, setSettled] = useState(false);
  const quoting = useSubmit();
  const settling = useSubmit();

  const ask = (event: FormEvent) => {
    event.preventDefault();
    setQuote(null);
    setSettled(false);
    void quoting.run(async () => {
      setQuote(
        await answer(
          client.GET('/api/loans/{id}/payoff-quote', {
            params: { path: { id: loanId }, query: { date } },
          }),
        ),
      );
    });
  };
  const settle = () =>
    void settling.run(async () => {
      // Paid now on the bank's clock, the day the quote is for.
      const { at } = await answer(client.GET('/api/system/business-date'));
      await answer(
        client.POST('/api/loans/{id}/early-settlement', {
          params: { path: { id: loanId } },
          body: {
            amount: quote!.toPay,
            paidAt: at,
            channel,
            idempotencyKey: `console-payoff-${loanId}-${quote!.payoffDate}`,
          },
        }),
      );
      setSettled(true);
      onDone();
    });

  const lines: [string, string][] = quote
    ? [
        ['outstandingPrincipal', quote.outstandingPrincipal],
        ['interestDue', quote.interestDue],
        ['penalty', quote.penalty],
        ['brokenPeriodInterest', quote.brokenPeriodInterest],
        ['total', quote.total],
        ['advance', quote.advance],
        ['toPay', quote.toPay],
      ]
    : [];

  return (
    <div className="servicing-form">
      <form className="filters" onSubmit={ask} aria-label={t('servicing.payoff')}>
        <Field
          id="payoff-date"
          label={t('servicing.payoffDate')}
          errors={quoting.errors}
          field="date"
        >
          {(props) => (
            <input {...props} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          )}
        </Field>
        <button type="submit" disabled={quoting.busy}>
          {quoting.busy ? t('servicing.sending') : t('servicing.quote')}
        </button>
        <ErrorNotice error={quoting.error} fieldsShown />
      </form>
      {quote && (
        <>
          <dl className="facts" data-testid="payoff-quote">
            <dt>{t('servicing.payoffDate')}</dt>
            <dd>
              <Day date={quote.payoffDate} />
            </dd>
            {lines.map(([name, amount]) => (
              <div key={name} className="fact" data-name={name}>
                <dt>{t(`servicing.quoteLines.${name}`)}</dt>
                <dd>
                  <Money amount={amount} />
                </dd>
              </div>
            ))}
          </dl>
          {maySettle && quote.payoffDate === businessDay && !settled && (
            <div className="filters">
              <PaymentChannelPicker
                label={t('servicing.channel')}
                value={channel}
                onChange={setChannel}
              />
              <button type="button" disabled={settling.busy} onClick={settle}>
                {t('servicing.settle')}
              </button>
            </div>
          )}
          <ErrorNotice error={settling.error} />
          {settled && <FormDone>{t('servicing.settled')}</FormDone>}
        </>
      )}
    </div>
  );
}

type RestructuringRequest = Schema<'RestructuringRequest'>;
type RestructuringKind = RestructuringRequest['kind'];

/**
 * The request as sent: the document's body, but for extraMonths, which goes as typed when it does
 * not read as a whole number, so that the server's refusal (400) names the field to the clerk.
 */
type RestructuringAsTyped = Omit<RestructuringRequest, 'extraMonths'> & {
  extraMonths: number | string;
};

/** 展期/重组申请: asked here, then reviewed and approved as tasks. */
export function RestructuringForm({ loanId, onDone }: { loanId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<RestructuringKind>('extension');
  const [extraMonths, setExtraMonths] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState(false);
  const { error, busy, errors, run } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    void run(async () => {
      const months = extraMonths.trim();
      const body: RestructuringAsTyped = {
        kind,
        // A number when it reads as one; otherwise as typed, for the server to name the field.
        extraMonths: /^\d+$/.test(months) ? Number(months) : months,
        reason,
      };
      await answer(
        client.POST('/api/loans/{id}/restructurings', {
          params: { path: { id: loanId } },
          body: body as RestructuringRequest,
        }),
      );
      setDone(true);
      setReason('');
      setExtraMonths('');
      onDone();
    });
  };

  return (
    <form
      className="filters servicing-form"
      onSubmit={submit}
      aria-label={t('servicing.restructuring')}
    >
      <Field id="restructuring-kind" label={t('servicing.kind')} errors={errors} field="kind">
        {(props) => (
          <select
            {...props}
            value={kind}
            onChange={(e) => setKind(e.target.value as RestructuringKind)}
          >
            {RESTRUCTURING_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`values.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="restructuring-months"
        label={t('servicing.extraMonths')}
        errors={errors}
        field="extraMonths"
      >
        {(props) => (
          <input
            {...props}
            inputMode="numeric"
            value={extraMonths}
            onChange={(e) => setExtraMonths(e.target.value)}
          />
        )}
      </Field>
      <Field id="restructuring-reason" label={t('servicing.reason')} errors={errors} field="reason">
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" disabled={busy}>
        {busy ? t('servicing.sending') : t('servicing.request')}
      </button>
      <ErrorNotice error={error} fieldsShown />
      {done && <FormDone>{t('servicing.requested')}</FormDone>}
    </form>
  );
}

interface PendingRepayment {
  id: string;
  amount: string;
  paidAt: string;
  channel: string;
  state: string;
  recordedBy: string;
}

/**
 * 还款复核: repayments held for a second person (maker-checker), each confirmed (applied on its
 * date) or rejected with a reason (the money returned). The recorder's own are shown, not offered:
 * the api refuses them anyway.
 */
export function PendingRepayments({
  loanId,
  repayments,
  me,
  onDone,
}: {
  loanId: string;
  repayments: Record<string, unknown>[];
  me: string | undefined;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { error, busy, errors, run } = useSubmit();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const pending = (repayments as unknown as PendingRepayment[]).filter(
    (repayment) => repayment.state === 'pending',
  );
  if (pending.length === 0 && !done) return null;
  const decide = (repayment: PendingRepayment, decision: 'confirm' | 'reject') =>
    run(async () => {
      const path = { id: loanId, repaymentId: repayment.id };
      await answer(
        decision === 'reject'
          ? client.POST('/api/loans/{id}/repayments/{repaymentId}/reject', {
              params: { path },
              body: { reason: reasons[repayment.id] ?? '' },
            })
          : client.POST('/api/loans/{id}/repayments/{repaymentId}/confirm', { params: { path } }),
      );
      setDone(decision === 'confirm' ? t('servicing.confirmed') : t('servicing.rejected'));
      onDone();
    });
  return (
    <div data-testid="pending-repayments">
      <h3>{t('servicing.pendingTitle')}</h3>
      {pending.map((repayment) => (
        <div key={repayment.id} className="filters" data-repayment={repayment.id}>
          <p>
            <Money amount={repayment.amount} /> · {t(`values.${repayment.channel}`)} ·{' '}
            {t('servicing.recordedBy')} <UserName username={repayment.recordedBy} />
          </p>
          {repayment.recordedBy === me ? (
            <p className="muted">{t('servicing.awaitingColleague')}</p>
          ) : (
            <>
              <button
                type="button"
                disabled={busy}
                onClick={() => void decide(repayment, 'confirm')}
              >
                {t('servicing.confirm')}
              </button>
              <Field
                id={`reject-reason-${repayment.id}`}
                label={t('servicing.rejectReason')}
                errors={errors}
                field="reason"
              >
                {(props) => (
                  <input
                    {...props}
                    value={reasons[repayment.id] ?? ''}
                    onChange={(e) => setReasons({ ...reasons, [repayment.id]: e.target.value })}
                  />
                )}
              </Field>
              <button
                type="button"
                disabled={busy}
                onClick={() => void decide(repayment, 'reject')}
              >
                {t('servicing.reject')}
              </button>
            </>
          )}
        </div>
      ))}
      <ErrorNotice error={error} fieldsShown />
      {done && <FormDone>{done}</FormDone>}
    </div>
  );
}
