import { ReactNode } from 'react';

/** What a form's request came to, announced once it is done. */
export function FormDone({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="success" data-testid="form-done">
      {children}
    </p>
  );
}
