import { useTranslation } from 'react-i18next';
import { formatCount, formatRate } from '../format';
import { taskTypeKey } from '../taskTypes';
import { Day, Money, When } from './Money';
import { CandidateGroup, UserName } from './Names';

const MONEY_KEY =
  /(amount|principal|interest|penalty|balance|payment|income|unapplied|value|total|exposure|shortfall)/i;
const DECIMAL = /^-?\d+\.\d{2}$/;
/** Fields that hold a user name: shown as the person's name. */
const USER_KEY =
  /^(actor|assignee|inspector|raisedBy|requestedBy|decidedBy|recordedBy|confirmedBy|approvedBy|registeredBy|valuedBy|customerManager|completedBy|member|by)$/;
const RATE_KEY = /(annualRate|Rate)$|^(ltv|ltvLimit|debtToIncome)$/;
/** A code (`orange`, `auto-debit`) is shown by its label; free text as written. */
const CODE = /^[a-z][a-z-]*$/;

export function useCodeLabel() {
  const { t } = useTranslation();
  return (value: string) =>
    CODE.test(value) ? t(`values.${value}`, { defaultValue: value }) : value;
}

interface AllocationLine {
  installmentNumber: number;
  category: string;
  amount: string;
}

/** One value of a record as a person reads it: names, amounts, rates, dates and codes in words. */
export function Value({ name, value }: { name: string; value: unknown }) {
  const { t, i18n } = useTranslation();
  const codeLabel = useCodeLabel();
  if (value === null || value === undefined || value === '') return <>—</>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (typeof value === 'string') {
    if (USER_KEY.test(name)) return <UserName username={value} />;
    if (MONEY_KEY.test(name) && DECIMAL.test(value)) return <Money amount={value} />;
    if (RATE_KEY.test(name)) return <>{formatRate(value, i18n.language)}</>;
    if (/At$/.test(name)) return <When at={value} />;
    if (/(On|Date|From)$/.test(name)) return <Day date={value} />;
    if (value.startsWith('loanflow:')) return <>{t(taskTypeKey(value), { defaultValue: value })}</>;
    if (name === 'stage')
      return <>{t(`stages.${value}`, { defaultValue: t(taskTypeKey(value)) })}</>;
    return <>{codeLabel(value)}</>;
  }
  if (typeof value === 'number') return <>{formatCount(value, i18n.language)}</>;
  if (name === 'candidateGroups' && Array.isArray(value))
    return (
      <>
        {value.map((group, index) => (
          <span key={String(group)}>
            {index > 0 && '、'}
            <CandidateGroup group={String(group)} />
          </span>
        ))}
      </>
    );
  if (name === 'allocation' && Array.isArray(value)) return <Allocation lines={value} />;
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object'))
    return <>{value.map((item) => codeLabel(String(item))).join('、')}</>;
  if (Array.isArray(value))
    return (
      <ul className="plain">
        {(value as unknown[]).map((item, index) => (
          <li key={index}>
            <Value name={name} value={item} />
          </li>
        ))}
      </ul>
    );
  // A record inside a record: each field by its label (the i18n spec catches one without).
  return (
    <dl className="nested">
      {Object.entries(value as Record<string, unknown>).map(([key, inner]) => (
        <div key={key}>
          <dt>{t(`fields.${key}`, { defaultValue: key })}</dt>
          <dd>
            <Value name={key} value={inner} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** How a repayment was applied: installment, category and amount, oldest first. */
function Allocation({ lines }: { lines: unknown[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain">
      {(lines as AllocationLine[]).map((line, index) => (
        <li key={index}>
          {t('fields.installment', { number: line.installmentNumber })}{' '}
          {t(`values.${line.category}`, { defaultValue: line.category })}{' '}
          <Money amount={line.amount} />
        </li>
      ))}
    </ul>
  );
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
      <table className="stack" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {names.map((name) => (
              <th key={name} scope="col" data-column={name}>
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
                  data-label={t(`fields.${name}`, { defaultValue: '' })}
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

/** One record of the dossier as facts: each field by its label, its value as a person reads it. */
export function RecordFacts({
  record,
  testId,
}: {
  record: Record<string, unknown>;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <dl className="facts" data-testid={testId}>
      {Object.entries(record).map(([name, value]) => (
        <div key={name} className="fact">
          <dt>{t(`fields.${name}`, { defaultValue: name })}</dt>
          <dd>
            <Value name={name} value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
