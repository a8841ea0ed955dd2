import { DependencyList, useCallback, useEffect, useRef, useState } from 'react';

/**
 * Loads data for a page; `reload` repeats the request. Only the latest request's answer is
 * shown: a slow answer to an earlier request (the unfiltered first load, say)
 * must not replace the answer to the filter the user applied after it.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  // The caller's deps are checked where it calls useLoad (the lint knows it as an effect hook).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    const request = ++latest.current;
    const current = () => request === latest.current;
    setLoading(true);
    run()
      .then((value) => {
        if (!current()) return;
        setData(value);
        setError(null);
      })
      .catch((failure: unknown) => {
        if (current()) setError(failure);
      })
      .finally(() => {
        if (current()) setLoading(false);
      });
  }, [run]);
  useEffect(reload, [reload]);
  return { data, error, loading, reload };
}
