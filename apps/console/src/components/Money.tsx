import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatYuan } from '../format';

export function Money({ amount }: { amount: string | null | undefined }) {
  const { i18n } = useTranslation();
  return <span className="money">{formatYuan(amount, i18n.language)}</span>;
}

export function When({ at }: { at: string | null | undefined }) {
  const { i18n } = useTranslation();
  return <time dateTime={at ?? undefined}>{formatDateTime(at, i18n.language)}</time>;
}

export function Day({ date }: { date: string | null | undefined }) {
  const { i18n } = useTranslation();
  return <time dateTime={date ?? undefined}>{formatDate(date, i18n.language)}</time>;
}
