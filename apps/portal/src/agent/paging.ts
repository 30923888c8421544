import type { Page } from './agent-types';

/**
 * Every node of a cursor-paged list, page by page (the gateway caps `first`): follows `endCursor`
 * while `hasNextPage`, up to `limit` nodes (the rest is not fetched; `truncated` says so).
 */
export async function allPages<T>(fetchPage: (after: string | null) => Promise<Page<T>>, limit: number): Promise<{ nodes: T[]; truncated: boolean }> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page<T> = await fetchPage(after);
    nodes.push(...page.edges.map((edge) => edge.node));
    if (nodes.length >= limit) return { nodes: nodes.slice(0, limit), truncated: page.pageInfo.hasNextPage || nodes.length > limit };
    if (!page.pageInfo.hasNextPage || page.pageInfo.endCursor === null) return { nodes, truncated: false };
    after = page.pageInfo.endCursor;
  }
}
