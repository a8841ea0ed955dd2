import { useTranslation } from 'react-i18next';

/** The ways a borrower's money reaches the bank, as the servicing API takes them. */
export const PAYMENT_CHANNELS = ['counter', 'transfer', 'auto-debit', 'online'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

/** The payment channels as the options of a select, each by its label. */
export function PaymentChannelOptions() {
  const { t } = useTranslation();
  return (
    <>
      {PAYMENT_CHANNELS.map((value) => (
        <option key={value} value={value}>
          {t(`values.${value}`)}
        </option>
      ))}
    </>
  );
}

/** A labelled choice of payment channel, outside a form's fields. */
export function PaymentChannelPicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: PaymentChannel;
  onChange: (channel: PaymentChannel) => void;
}) {
  return (
    <label>
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as PaymentChannel)}>
        <PaymentChannelOptions />
      </select>
    </label>
  );
}
