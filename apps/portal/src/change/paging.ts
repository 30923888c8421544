/**
 * A connection page as the change API answers it (ChangeConnection). The operations ask 50 a page: the
 * API serves up to 100, but the gateway's cost limit (5000, a list's cost times its `first`) refuses 100
 * changes with their risk and conflicts.
 */
export interface Page<T> {
  readonly edges: readonly { readonly node: T }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

/** Every node of a connection: pages fetched with `after` while the API says there is a next page (at most `maxPages`, then `truncated`). */
export async function allPages<T>(fetchPage: (after: string | null) => Promise<Page<T>>, maxPages = 20): Promise<{ nodes: T[]; truncated: boolean }> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page += 1) {
    const answer: Page<T> = await fetchPage(after);
    nodes.push(...answer.edges.map((edge) => edge.node));
    if (!answer.pageInfo.hasNextPage || answer.pageInfo.endCursor === null) return { nodes, truncated: false };
    after = answer.pageInfo.endCursor;
  }
  return { nodes, truncated: true };
}
