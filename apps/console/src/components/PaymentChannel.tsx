import { useTranslation } from 'react-i18next';
import { PAYMENT_CHANNELS, PaymentChannel } from '../apiValues';

export type { PaymentChannel };

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
