import { ReactNode } from 'react';
import type { FieldError } from '../api';

/** A labelled control with the server's reasons for its field shown under it. */
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
  const reasons = errors.filter((error) => error.field === field).flatMap((error) => error.reasons);
  const errorId = `${id}-error`;
  return (
    <div className={`field${reasons.length ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': reasons.length > 0,
        'aria-describedby': reasons.length ? errorId : undefined,
      })}
      {reasons.length > 0 && (
        <p className="field-error" id={errorId} data-field={field}>
          {reasons.join('; ')}
        </p>
      )}
    </div>
  );
}
