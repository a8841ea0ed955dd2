import { useState } from 'react';
import { ApiError } from './api';

/**
 * One request at a time from a form or a button: `busy` while it runs, its failure kept as `error`
 * for the notice (and the fields' reasons as `errors`), cleared when the next one starts.
 */
export function useSubmit() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const errors = error instanceof ApiError ? error.fieldErrors : [];
  return { error, setError, busy, errors, run };
}
