import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { GraphQLError, parse } from 'graphql';

/** A throwaway federated subgraph for the gateway's int-spec: it records every operation it is sent. */
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  enum IncidentState { new in_progress }

  type Incident @key(fields: "id") {
    id: ID!
    title: String!
    state: IncidentState!
    "Always fails: an answer with data and errors"
    flaky: String
    related(first: Int): [Incident!]!
  }

  type Query {
    hello: String!
    incident(id: ID!): Incident
    boom: String
  }
`);

type Headers = Readonly<Record<string, string | undefined>>;

export interface RecordedCall {
  readonly operationName: string | undefined;
  readonly headers: Headers;
}

interface EchoContext {
  readonly headers: Headers;
}

export interface EchoSubgraph {
  readonly url: string;
  /** Operations from callers; composition's `_service` queries and health checks are left out. */
  readonly calls: RecordedCall[];
  stop(): Promise<void>;
}

/** Incidents whose id starts with `secret` are nobody's to see: INCIDENT.NOT_FOUND, as the incident context answers. */
const incident = (id: string) => {
  if (id.startsWith('secret')) throw new GraphQLError(`incident ${id} not found`, { extensions: { code: 'INCIDENT.NOT_FOUND', kind: 'not_found' } });
  return { id, title: `Incident ${id}`, state: id.endsWith('-done') ? 'in_progress' : 'new' };
};

const resolvers: GraphQLResolverMap<unknown> = {
  Query: {
    hello: (_root: unknown, _args: unknown, context: unknown) => `authorization=${(context as EchoContext).headers['authorization'] ?? 'none'}`,
    incident: (_root: unknown, args: { id: string }) => incident(args.id),
    boom: () => {
      throw new Error('kaboom in the subgraph');
    },
  },
  Incident: {
    __resolveReference: (reference: { id: string }) => incident(reference.id),
    related: (parent: { id: string }) => [incident(`${parent.id}-1`)],
    flaky: () => {
      throw new GraphQLError('flaky field failed', { extensions: { code: 'ECHO.FLAKY' } });
    },
  },
};

const GATEWAY_INTERNAL = new Set(['__ApolloGetServiceDefinition__', '__ApolloServiceHealthCheck__']);

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

export async function startEchoSubgraph(port = 0): Promise<EchoSubgraph> {
  const calls: RecordedCall[] = [];
  const server = new ApolloServer<EchoContext>({
    schema: buildSubgraphSchema({ typeDefs, resolvers }),
    // The gateway must strip these in production, even when a subgraph sends them.
    includeStacktraceInErrorResponses: true,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      {
        async requestDidStart({ request, contextValue }) {
          const operationName = request.operationName ?? undefined;
          if (!operationName || !GATEWAY_INTERNAL.has(operationName)) calls.push({ operationName, headers: contextValue.headers });
        },
      },
    ],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port, host: '127.0.0.1' },
    context: async ({ req }) => ({
      headers: {
        authorization: single(req.headers['authorization']),
        'x-correlation-id': single(req.headers['x-correlation-id']),
        traceparent: single(req.headers['traceparent']),
      },
    }),
  });
  return { url, calls, stop: () => server.stop() };
}
