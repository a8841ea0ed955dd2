import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Day, Money } from './Money';

/** One installment as the API gives it (amounts as decimal strings). */
export interface ScheduleRow {
  number: number;
  dueDate: string;
  payment: string;
  principal: string;
  interest: string;
  balance: string;
}

/**
 * A repayment schedule: number, due date, payment, principal, interest, balance; a page may add
 * columns of its own (the dossier adds what was paid and the installment's state).
 */
export function ScheduleTable<Row extends ScheduleRow>({
  rows,
  testId,
  extra,
}: {
  rows: readonly Row[];
  testId: string;
  extra?: { headers: ReactNode[]; cells(row: Row): ReactNode[]; rowClass?(row: Row): string };
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('fields.dueDate')}</th>
            {(['payment', 'principal', 'interest', 'balance'] as const).map((field) => (
              <th key={field} scope="col" className="num">
                {t(`fields.${field}`)}
              </th>
            ))}
            {extra?.headers}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.number} className={extra?.rowClass?.(row)}>
              <td>{row.number}</td>
              <td>
                <Day date={row.dueDate} />
              </td>
              {[row.payment, row.principal, row.interest, row.balance].map((amount, index) => (
                <td key={index} className="num">
                  <Money amount={amount} />
                </td>
              ))}
              {extra?.cells(row)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
