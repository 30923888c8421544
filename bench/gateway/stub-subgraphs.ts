/**
 * In-memory stand-ins of the incident, SLA and CMDB subgraphs for bench:gateway's stub part: each
 * serves the SDL its real subgraph publishes (`{ _service { sdl } }`, built with @apollo/subgraph)
 * and answers the query mix from arrays recorded once from the real subgraphs, deterministically
 * and with no I/O, so a round measures the gateway rather than MongoDB and the contexts. They run in
 * their own process (stub-child.ts): the gateway's event loop is its own.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { execute, GraphQLError, parse, validate } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';

type Row = Readonly<Record<string, unknown>>;

/** What the stubs answer, recorded from the real subgraphs through a gateway. */
export interface StubData {
  /** `incidents(...)`'s connection: edges (cursor, node) and pageInfo, nodes without other subgraphs' fields. */
  readonly incidentList: { readonly edges: readonly { readonly cursor: string; readonly node: Row }[]; readonly pageInfo: Row };
  /** Every recorded incident (the list's nodes with the fields `incident(number)` selects), incident subgraph fields only. */
  readonly incidents: readonly Row[];
  readonly slasByIncident: Readonly<Record<string, readonly Row[]>>;
  readonly affectedByIncident: Readonly<Record<string, readonly Row[]>>;
  /** What a real openIncident(impact 2, urgency 2) answered, but id and number. */
  readonly opened: Row;
}

export interface StubSpec {
  readonly name: 'incident' | 'sla' | 'cmdb';
  readonly sdl: string;
}

function resolversOf(name: StubSpec['name'], data: StubData): GraphQLResolverMap<unknown> {
  switch (name) {
    case 'incident': {
      const byId = new Map(data.incidents.map((incident) => [incident['id'] as string, incident]));
      const byNumber = new Map(data.incidents.map((incident) => [incident['number'] as string, incident]));
      let opened = 0;
      return {
        Query: {
          incidents: () => data.incidentList,
          incident: (_: unknown, args: { id?: string; number?: string }) => {
            const incident = args.id !== undefined ? byId.get(args.id) : byNumber.get(args.number ?? '');
            if (!incident) throw new GraphQLError('incident not found', { extensions: { code: 'INCIDENT.NOT_FOUND' } });
            return incident;
          },
        },
        Mutation: {
          openIncident: (_: unknown, { input }: { input: Row }) => {
            opened++;
            return { ...data.opened, ...input, id: opened.toString(16).padStart(24, 'f'), number: `INC${String(9_000_000 + opened)}` };
          },
        },
        Incident: { __resolveReference: (reference: { id: string }) => byId.get(reference.id) ?? null },
      };
    }
    case 'sla':
      return { Incident: { __resolveReference: ({ id }: { id: string }) => ({ id, slas: data.slasByIncident[id] ?? [] }) } };
    case 'cmdb':
      return { Incident: { __resolveReference: ({ id }: { id: string }) => ({ id, affectedServices: data.affectedByIncident[id] ?? [] }) } };
  }
}

/** A minimal GraphQL-over-HTTP server: parse and validate once per distinct document, then execute. */
function serve(schema: GraphQLSchema): Server {
  const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();
  const documentOf = (query: string): DocumentNode | readonly GraphQLError[] => {
    let document = documents.get(query);
    if (document === undefined) {
      try {
        const parsed = parse(query);
        const errors = validate(schema, parsed);
        document = errors.length > 0 ? errors : parsed;
      } catch (error: unknown) {
        document = [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
      }
      documents.set(query, document);
    }
    return document;
  };
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown>; operationName?: string };
        const document = documentOf(query);
        const result = Array.isArray(document)
          ? { errors: document }
          : await execute({ schema, document: document as DocumentNode, variableValues: variables ?? {}, operationName: operationName ?? null, contextValue: {} });
        const body = JSON.stringify(result);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      })().catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
  });
}

export interface StubEndpoint {
  readonly name: string;
  readonly url: string;
}

/** Starts one stub per spec on a free loopback port (in the calling process: stub-child.ts calls it). */
export async function serveStubs(specs: readonly StubSpec[], data: StubData): Promise<StubEndpoint[]> {
  return Promise.all(
    specs.map(async ({ name, sdl }) => {
      const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolversOf(name, data) }]);
      const server = serve(schema);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return { name, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
    }),
  );
}

export interface StubStart {
  readonly specs: readonly StubSpec[];
  readonly data: StubData;
}

/** The stubs in their own process (dist/bench/gateway/stub-child.js). */
export class StubSubgraphs {
  private constructor(
    private readonly child: ChildProcess,
    readonly endpoints: readonly StubEndpoint[],
  ) {}

  static async start(start: StubStart): Promise<StubSubgraphs> {
    const child = fork(join(__dirname, 'stub-child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const endpoints = await new Promise<StubEndpoint[]>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the stub subgraphs exited (${code}) before serving`)));
      child.once('message', (message: StubEndpoint[]) => resolve(message));
      child.send(start);
    });
    return new StubSubgraphs(child, endpoints);
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}
