/**
 * bench:gateway's baseline: Apollo Gateway (IntrospectAndCompose) in Apollo Server's standalone HTTP
 * server, with the production gateway's edge work: the caller's JWT verified in the context (401
 * before any parsing or subgraph call), the query limit rules, the caller's token and correlation
 * id forwarded to every subgraph call. Nothing Apollo-specific is taken from @itsm/gateway (its
 * Apollo implementation is being replaced), only the limit rules and the header forwarding.
 */
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { forwardHeadersOf, queryLimitRules } from '@itsm/gateway';
import type { QueryLimits, SubgraphEndpoint } from '@itsm/gateway';
import { AuthError, authenticateRequest, TokenVerifier, toGraphqlAuthError } from '@itsm/platform/auth';
import type { AuthSettings, Principal } from '@itsm/platform/auth';

export interface ApolloBaselineSettings {
  readonly subgraphs: readonly SubgraphEndpoint[];
  readonly auth: AuthSettings;
  readonly limits: QueryLimits;
  readonly port: number;
}

interface BaselineContext {
  readonly principal: Principal;
  readonly forwardHeaders: Readonly<Record<string, string>>;
}

/** Forwards the caller's headers (as the production gateway's data source does); schema loading carries none. */
class ForwardingDataSource extends RemoteGraphQLDataSource<BaselineContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<BaselineContext>): void {
    if (!('incomingRequestContext' in options)) return;
    const headers = options.request.http?.headers;
    for (const [name, value] of Object.entries(options.context.forwardHeaders)) headers?.set(name, value);
  }
}

/** Node's fetch (undici), as the production gateway calls its subgraphs (there behind a breaker). */
const nodeFetch = ((url: string, init: unknown) => fetch(url, init as RequestInit)) as unknown as RemoteGraphQLDataSource['fetcher'];

export interface RunningBaseline {
  readonly url: string;
  close(): Promise<void>;
}

export async function startApolloBaseline(settings: ApolloBaselineSettings): Promise<RunningBaseline> {
  const verifier = TokenVerifier.fromSettings(settings.auth);
  const gateway = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({ subgraphs: settings.subgraphs.map(({ name, url }) => ({ name, url })) }),
    buildService: ({ url }) => new ForwardingDataSource({ url, fetcher: nodeFetch }),
  });
  const server = new ApolloServer<BaselineContext>({
    gateway,
    validationRules: queryLimitRules(settings.limits),
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    introspection: false,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
  });
  await startStandaloneServer(server, {
    listen: { port: settings.port, host: '127.0.0.1' },
    context: async ({ req }) => {
      let principal: Principal;
      try {
        principal = await authenticateRequest(req, req, verifier);
      } catch (error: unknown) {
        if (error instanceof AuthError) throw toGraphqlAuthError(error, true);
        throw error;
      }
      return { principal, forwardHeaders: forwardHeadersOf(req) };
    },
  });
  return { url: `http://127.0.0.1:${settings.port}/`, close: () => server.stop() };
}
