/** The MongoDB peer the integration tier started (jest.int.config.ts). */
export const specMongoUrl = (): string => {
  const url = process.env['ITSM_TEST_MONGO_URL'];
  if (url === undefined) throw new Error('run with jest.int.config.ts');
  return url;
};

/** What an int spec asks the booted context's GraphQL: the first field's answer (no error expected), or the first error's code. */
export function specGraphql(booted: () => { graphql(bearer: string, query: string, variables?: Record<string, unknown>): Promise<{ data?: Record<string, unknown> | null; errors?: readonly { extensions?: { code?: string } }[] }> }) {
  return {
    ok: async <T>(bearer: string, query: string, variables: Record<string, unknown>): Promise<T> => {
      const answer = await booted().graphql(bearer, query, variables);
      expect(answer.errors).toBeUndefined();
      return Object.values(answer.data ?? {})[0] as T;
    },
    code: async (bearer: string, query: string, variables: Record<string, unknown>): Promise<unknown> => (await booted().graphql(bearer, query, variables)).errors?.[0]?.extensions?.['code'],
  };
}
