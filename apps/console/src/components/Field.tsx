import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../api';
import { fieldErrorText } from './ErrorNotice';

/** A labelled control with the server's reasons for its field, in the reader's words, under it. */
export function Field({
  id,
  label,
  errors,
  field,
  children,
}: {
  id: string;
  label: string;
  errors: FieldError[];
  field: string;
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby'?: string;
  }) => ReactNode;
}) {
  const { t } = useTranslation();
  const mine = errors.filter((error) => error.field === field);
  const errorId = `${id}-error`;
  return (
    <div className={`field${mine.length ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': mine.length > 0,
        'aria-describedby': mine.length ? errorId : undefined,
      })}
      {mine.length > 0 && (
        <p
          className="field-error"
          id={errorId}
          data-field={field}
          title={mine.flatMap((error) => error.reasons).join('; ')}
        >
          {mine.map((error) => fieldErrorText(error, t)).join('；')}
        </p>
      )}
    </div>
  );
}
