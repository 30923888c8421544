import { allPages, MAX_PAGES } from './paging';

describe('paging through a connection', () => {
  it('follows endCursor while there is a next page', async () => {
    const pages: Record<string, { edges: { node: number }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> = {
      start: { edges: [{ node: 1 }, { node: 2 }], pageInfo: { hasNextPage: true, endCursor: 'a' } },
      a: { edges: [{ node: 3 }], pageInfo: { hasNextPage: false, endCursor: 'b' } },
    };
    const asked: (string | null)[] = [];
    const result = await allPages((after) => {
      asked.push(after);
      return Promise.resolve(pages[after ?? 'start']!);
    });
    expect(result).toEqual({ nodes: [1, 2, 3], truncated: false });
    expect(asked).toEqual([null, 'a']);
  });

  it('stops after MAX_PAGES pages and says so', async () => {
    const result = await allPages(() => Promise.resolve({ edges: [{ node: 0 }], pageInfo: { hasNextPage: true, endCursor: 'x' } }));
    expect(result).toEqual({ nodes: new Array<number>(MAX_PAGES).fill(0), truncated: true });
  });
});
