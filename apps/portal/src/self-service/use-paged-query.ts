import { useCallback, useEffect, useState } from 'react';
import type { OperationName } from '../api/operations';
import { usePortal } from '../portal-context';
import type { Page } from '../api/paging';
import { appendPage } from './append-page';

export type { Page } from '../api/paging';

export interface Paged<T> {
  /** Every node loaded so far (undefined until the first page answers). */
  readonly nodes: readonly T[] | undefined;
  readonly error: string | undefined;
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  /** Asks for the page after the last one. */
  readonly loadMore: () => void;
  /** Loads the first page again (after a change the page made). */
  readonly reload: () => void;
}

/** A list query read page by page (`$after`); `pick` finds the connection in the answer; `key` names the variables. */
export function usePagedQuery<A, T extends object>(
  name: OperationName,
  variables: Readonly<Record<string, unknown>>,
  key: string,
  pick: (answer: A) => Page<T>,
  idOf: (node: T) => string,
  enabled = true,
): Paged<T> {
  const { client } = usePortal();
  const [nodes, setNodes] = useState<readonly T[] | undefined>(undefined);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [round, setRound] = useState(0);
  const read = pick;
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    client.request<A>(name, { ...variables, after: null }).then(
      (answer) => {
        if (!current) return;
        const page = read(answer);
        setNodes(page.edges.map((edge) => edge.node));
        setCursor(page.pageInfo.endCursor);
        setHasMore(page.pageInfo.hasNextPage);
        setError(undefined);
      },
      (failure: unknown) => current && setError(failure instanceof Error ? failure.message : String(failure)),
    );
    return () => {
      current = false;
    };
    // `key` names the variables; `read` is the caller's pure selector.
  }, [client, name, key, round, enabled]);
  const loadMore = useCallback(() => {
    setLoadingMore(true);
    client
      .request<A>(name, { ...variables, after: cursor })
      .then((answer) => {
        const page = read(answer);
        setNodes((shown) => appendPage(shown ?? [], page.edges.map((edge) => edge.node), idOf));
        setCursor(page.pageInfo.endCursor);
        setHasMore(page.pageInfo.hasNextPage);
        setError(undefined);
      })
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)))
      .finally(() => setLoadingMore(false));
    // `key` names the variables.
  }, [client, name, key, cursor]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { nodes, error, hasMore, loadingMore, loadMore, reload };
}
