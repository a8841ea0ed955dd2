import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, get, query, Schema } from '../api';
import { useAuth } from '../auth';
import { ErrorNotice } from '../components/ErrorNotice';
import { Field } from '../components/Field';
import { Day, Money } from '../components/Money';
import { UnitName, UserName } from '../components/Names';
import { useDirectory } from '../directory';
import { formatCount } from '../format';
import { useLoad } from '../useLoad';
import { LOAN_CLASSES, LOAN_STAGES } from '../apiValues';

/** A loan as the list shows it. */
export type LoanListItem = Schema<'LoanListItem'>;

/** The filters, as the query string holds them (so a list can be linked to and reloaded). */
const FILTERS = ['q', 'mine', 'branch', 'stage', 'classification', 'dpdFrom', 'dpdTo'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

const PAGE_SIZE = 20;

/** 贷款查询: the loans of the reader's units, searched and filtered, each leading to its dossier. */
export function LoansPage() {
  const { t, i18n } = useTranslation();
  const { hasRole } = useAuth();
  const directory = useDirectory();
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(
    FILTERS.map((name) => [name, params.get(name) ?? '']),
  ) as Filters;
  const page = Number(params.get('page') ?? '1') || 1;
  const [draft, setDraft] = useState<Filters>(filters);
  // The request is the URL's search: the list loads again when (and only when) it changes.
  const listQuery = query({ ...filters, page, pageSize: PAGE_SIZE });
  const { data, error, loading } = useLoad(
    () => get<Schema<'LoanListPage'>>(`/api/loans${listQuery}`),
    [listQuery],
  );
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];

  const search = (next: Filters, nextPage = 1) => {
    const entries = Object.entries(next).filter(([, value]) => value !== '');
    if (nextPage > 1) entries.push(['page', String(nextPage)]);
    setParams(new URLSearchParams(entries));
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    search(draft);
  };
  const set = (name: keyof Filters) => (value: string) => setDraft({ ...draft, [name]: value });
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <section aria-labelledby="loans-title">
      <h1 id="loans-title">{t('loans.title')}</h1>
      <form className="filters" role="search" aria-label={t('loans.filters')} onSubmit={apply}>
        <Field id="loans-q" label={t('loans.search')} errors={fieldErrors} field="q">
          {(props) => (
            <input
              {...props}
              type="search"
              value={draft.q}
              placeholder={t('loans.searchHint')}
              onChange={(e) => set('q')(e.target.value)}
            />
          )}
        </Field>
        {/* "Mine" is the loans one manages as their customer manager: a post, not a route. */}
        {hasRole('customer-manager') && (
          <label className="check">
            <span>{t('loans.mine')}</span>
            <input
              type="checkbox"
              checked={draft.mine === 'true'}
              onChange={(e) => set('mine')(e.target.checked ? 'true' : '')}
            />
          </label>
        )}
        <label>
          <span>{t('loans.branch')}</span>
          <select value={draft.branch} onChange={(e) => set('branch')(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {directory.unitCodes.map((code) => (
              <option key={code} value={code}>
                {directory.unit(code)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('loans.stage')}</span>
          <select value={draft.stage} onChange={(e) => set('stage')(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {LOAN_STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {t(`stages.${stage}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('loans.classification')}</span>
          <select
            value={draft.classification}
            onChange={(e) => set('classification')(e.target.value)}
          >
            <option value="">{t('common.all')}</option>
            {LOAN_CLASSES.map((level) => (
              <option key={level} value={level}>
                {t(`classes.${level}`)}
              </option>
            ))}
          </select>
        </label>
        <Field id="loans-dpd-from" label={t('loans.dpdFrom')} errors={fieldErrors} field="dpdFrom">
          {(props) => (
            <input
              {...props}
              type="number"
              min={0}
              inputMode="numeric"
              value={draft.dpdFrom}
              onChange={(e) => set('dpdFrom')(e.target.value)}
            />
          )}
        </Field>
        <Field id="loans-dpd-to" label={t('loans.dpdTo')} errors={fieldErrors} field="dpdTo">
          {(props) => (
            <input
              {...props}
              type="number"
              min={0}
              inputMode="numeric"
              value={draft.dpdTo}
              onChange={(e) => set('dpdTo')(e.target.value)}
            />
          )}
        </Field>
        <button type="submit">{t('loans.find')}</button>
        <button
          type="button"
          onClick={() => {
            const empty = Object.fromEntries(FILTERS.map((name) => [name, ''])) as Filters;
            setDraft(empty);
            search(empty);
          }}
        >
          {t('loans.clear')}
        </button>
      </form>
      {loading && (
        <p role="status" className="muted">
          {t('common.loading')}
        </p>
      )}
      <ErrorNotice error={error} fieldsShown />
      {data && !error && (
        <>
          <p data-testid="loans-total">
            {t('loans.total', {
              count: data.total,
              formatted: formatCount(data.total, i18n.language),
            })}
          </p>
          <div className="table-wrap">
            <table className="stack" data-testid="loan-table">
              <caption className="sr-only">{t('loans.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('inbox.loan')}</th>
                  <th scope="col">{t('loan.applicant')}</th>
                  <th scope="col">{t('loan.product')}</th>
                  <th scope="col" className="num">
                    {t('loan.amount')}
                  </th>
                  <th scope="col">{t('loan.stage')}</th>
                  <th scope="col">{t('loans.outcome')}</th>
                  <th scope="col" className="num">
                    {t('loans.balance')}
                  </th>
                  <th scope="col">{t('loans.nextDue')}</th>
                  <th scope="col" className="num">
                    {t('loans.dpd')}
                  </th>
                  <th scope="col">{t('loan.classification')}</th>
                  <th scope="col">{t('loan.branch')}</th>
                  <th scope="col">{t('loan.customerManager')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((loan) => (
                  <tr
                    key={loan.id}
                    data-loan={loan.id}
                    className={loan.position && loan.position.daysPastDue > 0 ? 'overdue' : ''}
                  >
                    <td data-label={t('inbox.loan')}>
                      <Link to={`/loans/${encodeURIComponent(loan.id)}`}>{loan.id}</Link>
                    </td>
                    <td data-label={t('loan.applicant')}>{loan.applicantName}</td>
                    <td data-label={t('loan.product')}>{t(`products.${loan.product}`)}</td>
                    <td data-label={t('loan.amount')} className="num">
                      <Money amount={loan.amount} />
                    </td>
                    <td data-label={t('loan.stage')} data-name="stage">
                      {t(`stages.${loan.stage}`, { defaultValue: loan.stage })}
                    </td>
                    <td data-label={t('loans.outcome')} data-name="outcome">
                      {loan.outcome
                        ? t(`loans.outcomes.${loan.outcome}`, { defaultValue: loan.outcome })
                        : '—'}
                    </td>
                    <td data-label={t('loans.balance')} className="num" data-name="balance">
                      <Money amount={loan.position?.balance} />
                    </td>
                    <td data-label={t('loans.nextDue')}>
                      <Day date={loan.position?.nextDueDate} />
                    </td>
                    <td data-label={t('loans.dpd')} className="num" data-name="dpd">
                      {loan.position ? formatCount(loan.position.daysPastDue, i18n.language) : '—'}
                    </td>
                    <td data-label={t('loan.classification')}>
                      {t(`classes.${loan.classification}`, { defaultValue: loan.classification })}
                    </td>
                    <td data-label={t('loan.branch')}>
                      <UnitName code={loan.branchCode} />
                    </td>
                    <td data-label={t('loan.customerManager')}>
                      <UserName username={loan.customerManager} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.items.length === 0 && <p className="muted">{t('loans.empty')}</p>}
          {pages > 1 && (
            <nav className="pager" aria-label={t('common.pages')}>
              <button type="button" disabled={page <= 1} onClick={() => search(filters, page - 1)}>
                {t('common.previous')}
              </button>
              <span>{t('common.pageOf', { page, pages })}</span>
              <button
                type="button"
                disabled={page >= pages}
                onClick={() => search(filters, page + 1)}
              >
                {t('common.next')}
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
