import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { answer, client } from '../api';
import { useAuth } from '../auth';
import { formatDateTime } from '../format';
import { useLoad } from '../useLoad';
import { ErrorNotice } from './ErrorNotice';
import { ListOrNone } from './ListOrNone';
import { UserName } from './Names';

/** The loan's complaints in its dossier, and the way to record one. */
export function LoanComplaints({ loanId }: { loanId: string }) {
  const { t, i18n } = useTranslation();
  const { may } = useAuth();
  const reads = may('GET /api/loans/{id}/complaints');
  const list = useLoad(
    () =>
      reads
        ? answer(client.GET('/api/loans/{id}/complaints', { params: { path: { id: loanId } } }))
        : Promise.resolve([]),
    [loanId, reads],
  );
  if (!reads) return null;
  return (
    <section aria-labelledby="complaints-title" className="card" data-testid="loan-complaints">
      <h2 id="complaints-title">{t('complaints.title')}</h2>
      <ErrorNotice error={list.error} />
      <ListOrNone items={list.data} none={t('complaints.none')}>
        {(rows) => (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('complaints.number')}</th>
                <th scope="col">{t('complaints.category')}</th>
                <th scope="col">{t('complaints.handler')}</th>
                <th scope="col">{t('complaints.level')}</th>
                <th scope="col">{t('complaints.dueAt')}</th>
                <th scope="col">{t('complaints.standing')}</th>
                <th scope="col">{t('complaints.staffInvolvedShort')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id}>
                  <td>{c.id}</td>
                  <td>{t(`complaints.categories.${c.category}`)}</td>
                  <td>
                    {c.handler ? <UserName username={c.handler} /> : t('complaints.centerPool')}
                  </td>
                  <td>{t(`complaints.levels.${c.level}`)}</td>
                  <td>{formatDateTime(c.dueAt, i18n.language)}</td>
                  <td>{t(`complaints.standings.${c.standing}`)}</td>
                  <td>
                    {c.staffInvolved.length === 0
                      ? '—'
                      : c.staffInvolved.map((u, i) => (
                          <span key={u}>
                            {i > 0 && '、'}
                            <UserName username={u} />
                          </span>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </ListOrNone>
      {may('POST /api/loans/{id}/complaints') && (
        <Link to={`/complaints?loan=${encodeURIComponent(loanId)}`}>{t('complaints.file')}</Link>
      )}
    </section>
  );
}
