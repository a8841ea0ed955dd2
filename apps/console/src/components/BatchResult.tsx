import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schema } from '../api';

/** A batch of retries, cancellations or migrations, as the API documents it. */
export type Batch = Schema<'BatchView'>;

/** A batch's progress and the result of each of its items. */
export function BatchResult({ batch }: { batch: Batch }) {
  const { t } = useTranslation();
  return (
    <div data-testid="batch-result" data-status={batch.status}>
      <p role="status">
        {t('monitor.batch.progress', {
          action: t(`monitor.batch.actions.${batch.action}`),
          status: t(`monitor.batch.statuses.${batch.status}`),
          done: batch.done,
          total: batch.total,
          failed: batch.failed,
        })}
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('monitor.batch.item')}</th>
              <th scope="col">{t('inbox.loan')}</th>
              <th scope="col">{t('monitor.batch.result')}</th>
              <th scope="col">{t('monitor.batch.message')}</th>
            </tr>
          </thead>
          <tbody>
            {batch.items.map((item) => (
              <tr key={item.key} data-item-key={item.key} data-result={item.result}>
                <td>
                  {item.processInstanceKey ? (
                    <Link to={`/monitor/instances/${item.processInstanceKey}`}>{item.key}</Link>
                  ) : (
                    item.key
                  )}
                </td>
                <td>
                  {item.loanId ? <Link to={`/loans/${item.loanId}`}>{item.loanId}</Link> : '—'}
                </td>
                <td>{t(`monitor.batch.results.${item.result}`)}</td>
                <td className="wrap">{item.message ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
