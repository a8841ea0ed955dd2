import { useTranslation } from 'react-i18next';
import { Day, Money, When } from './Money';

const MONEY_KEY = /(amount|principal|interest|penalty|balance|payment|unapplied|value|total)/i;
const DECIMAL = /^-?\d+\.\d{2}$/;

/** One value of a record as a person reads it: amounts in yuan, instants and dates in the locale. */
export function Value({ name, value }: { name: string; value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') return <>—</>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (typeof value === 'string') {
    if (MONEY_KEY.test(name) && DECIMAL.test(value)) return <Money amount={value} />;
    if (/At$/.test(name)) return <When at={value} />;
    if (/(On|Date)$/.test(name)) return <Day date={value} />;
    return <>{t(`values.${value}`, { defaultValue: value })}</>;
  }
  if (typeof value === 'number') return <>{value}</>;
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object'))
    return <>{value.join(', ')}</>;
  return <code className="json">{JSON.stringify(value)}</code>;
}

/** Records of the dossier as a table whose columns are their fields. */
export function DataTable({
  rows,
  columns,
  caption,
  testId,
}: {
  rows: Record<string, unknown>[];
  columns?: string[];
  caption: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="muted">{t('common.none')}</p>;
  const names = columns ?? [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {names.map((name) => (
              <th key={name} scope="col">
                {t(`fields.${name}`, { defaultValue: name })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {names.map((name) => (
                <td
                  key={name}
                  className={
                    typeof row[name] === 'string' && MONEY_KEY.test(name) ? 'num' : undefined
                  }
                >
                  <Value name={name} value={row[name]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
