/** A cursor-paged connection's page, as the portal's operations select it (edges and pageInfo). */
export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

export interface Page<T> {
  readonly edges: readonly { readonly node: T }[];
  readonly pageInfo: PageInfo;
}

/** How many pages a filtered walk reads at most (50 a page: 2,000 nodes looked at). */
export const MAX_PAGES = 40;

/**
 * Every node of a cursor-paged list, page by page (the gateway caps `first`): follows `endCursor`
 * while `hasNextPage`, up to `limit` nodes (all by default) and MAX_PAGES pages (the rest is not fetched; `truncated` says so). With
 * `keep`, only the nodes it keeps are collected and counted against `limit` (a filter the API does
 * not offer), reading at most MAX_PAGES pages.
 */
export async function allPages<T>(fetchPage: (after: string | null) => Promise<Page<T>>, limit = Number.POSITIVE_INFINITY, keep: (node: T) => boolean = () => true): Promise<{ nodes: T[]; truncated: boolean }> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (let pages = 1; ; pages += 1) {
    const page: Page<T> = await fetchPage(after);
    nodes.push(...page.edges.map((edge) => edge.node).filter(keep));
    if (nodes.length >= limit) return { nodes: nodes.slice(0, limit), truncated: page.pageInfo.hasNextPage || nodes.length > limit };
    if (!page.pageInfo.hasNextPage || page.pageInfo.endCursor === null) return { nodes, truncated: false };
    if (pages >= MAX_PAGES) return { nodes, truncated: true };
    after = page.pageInfo.endCursor;
  }
}
