import { useCallback, useEffect, useState } from 'react';
import type { OperationName } from '../api/operations';
import { usePortal } from '../portal-context';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: string | undefined;
  /** Loads again (after a change the page made). */
  readonly reload: () => void;
  /** Shows a newer answer the page already has (a mutation's). */
  readonly replace: (data: T) => void;
}

/** One query's answer, loaded when the page shows and again on `reload`; `key` names the variables. */
export function useQuery<T>(name: OperationName, variables: Readonly<Record<string, unknown>>, key: string): Loaded<T> {
  const { client } = usePortal();
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    client.request<T>(name, variables).then(
      (answer) => {
        if (!current) return;
        setData(answer);
        setError(undefined);
      },
      (failure: unknown) => current && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      current = false;
    };
    // `key` names the variables.
  }, [client, name, key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const replace = useCallback((next: T) => {
    setData(next);
    setError(undefined);
  }, []);
  return { data, error, reload, replace };
}
