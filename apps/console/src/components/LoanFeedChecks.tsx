import { useTranslation } from 'react-i18next';
import { answer, client } from '../api';
import { useLoad } from '../useLoad';
import { ErrorNotice } from './ErrorNotice';
import { ListOrNone } from './ListOrNone';

/** 外部预警: the loan's bureau refreshes and dishonest-debtor list hits, with the warnings they raised. */
export function LoanFeedChecks({ loanId }: { loanId: string }) {
  const { t } = useTranslation();
  const checks = useLoad(
    () => answer(client.GET('/api/loans/{id}/feed-checks', { params: { path: { id: loanId } } })),
    [loanId],
  );
  return (
    <section aria-labelledby="feeds-title" className="card">
      <h2 id="feeds-title">{t('feeds.title')}</h2>
      <ErrorNotice error={checks.error} />
      <ListOrNone items={checks.data} none={t('feeds.none')}>
        {(rows) => (
          <table data-testid="feed-checks">
            <thead>
              <tr>
                <th scope="col">{t('feeds.checkedOn')}</th>
                <th scope="col">{t('feeds.feed')}</th>
                <th scope="col">{t('feeds.party')}</th>
                <th scope="col">{t('feeds.outcome')}</th>
                <th scope="col">{t('feeds.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td>{c.checkedOn}</td>
                  <td>{t(`feeds.feeds.${c.feed}`)}</td>
                  <td>{t(`feeds.parties.${c.partyRole}`)}</td>
                  <td>
                    {c.outcome === 'hit' && c.level
                      ? t('feeds.hit', { level: t(`values.${c.level}`) })
                      : t('feeds.clear')}
                  </td>
                  <td>
                    {c.bureau &&
                      typeof c.bureau === 'object' &&
                      t('feeds.bureau', {
                        score: String(c.bureau.score),
                        overdue: String(c.bureau.overdueAccounts),
                        days: String(c.bureau.maxDaysOverdue),
                      })}
                    {c.bureau && typeof c.bureau === 'string' && c.bureau}
                    {c.listing && t('feeds.listing', c.listing)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ListOrNone>
    </section>
  );
}
