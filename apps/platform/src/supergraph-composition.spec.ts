import { LocalCompose } from '@apollo/gateway';
import { subgraphGraphQLModule } from '@itsm/platform/graphql';
import type { SchemaMarker } from '@itsm/platform/graphql';
import type { ContextDeclaration } from '@itsm/platform/service';
import { Module } from '@nestjs/common';
import { ENTRY_PROVIDER_WATERMARK } from '@nestjs/common/constants';
import type { DynamicModule, Type } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import { LIVE_FEEDS, liveSchema } from '@itsm/gateway';
import { buildSchema, getNamedType, graphql, isObjectType, parse, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLATFORM_CONTEXTS } from './contexts';

/**
 * The gateway's supergraph composes from every context's subgraph: each subgraph's SDL as it serves
 * it (`_service { sdl }` of its GraphQL module over its module's resolvers, their dependencies
 * stubbed: no store, no bus, no HTTP), composed by @apollo/gateway's own composition. A type two
 * subgraphs declare in incompatible ways fails here rather than at the gateway's start.
 */

interface SubgraphSource {
  readonly name: string;
  readonly resolvers: readonly Type<unknown>[];
  readonly schema: SchemaMarker;
  readonly orphanedTypes: readonly Type<unknown>[];
}

/** The resolvers (classes marked by `@Resolver`) a module provides, those of the dynamic modules it imports too. */
function resolversOf(module: DynamicModule): Type<unknown>[] {
  const own = (module.providers ?? []).filter((provider): provider is Type<unknown> => typeof provider === 'function' && Reflect.getMetadata(ENTRY_PROVIDER_WATERMARK, provider) === true);
  const imported = (module.imports ?? []).flatMap((child) => (typeof child === 'object' && child !== null && 'module' in child ? resolversOf(child as DynamicModule) : []));
  return [...own, ...imported];
}

function sourceOf(context: ContextDeclaration): SubgraphSource {
  // Only the module's declaration is read; nothing connects.
  const module = context.module({ mongo: { url: 'mongodb://composition.invalid', dbPrefix: 'composition' }, settings: undefined });
  return { name: context.name, resolvers: resolversOf(module), schema: context.subgraph.schema, orphanedTypes: context.subgraph.orphanedTypes ?? [] };
}

async function servedSdl(source: SubgraphSource): Promise<string> {
  @Module({})
  class ResolversOnly {}
  const resolvers: DynamicModule = { module: ResolversOnly, providers: [...source.resolvers] };
  const testing = await Test.createTestingModule({
    imports: [resolvers, subgraphGraphQLModule({ nodeEnv: 'test', module: ResolversOnly, schema: source.schema, orphanedTypes: [...source.orphanedTypes] })],
  })
    .useMocker(() => ({}))
    .compile();
  const app = testing.createNestApplication({ logger: false });
  try {
    await app.init().catch((error: unknown) => {
      throw new Error(`${source.name}: ${String(error)}`);
    });
    const result = await graphql({ schema: app.get(GraphQLSchemaHost).schema, source: '{ _service { sdl } }' });
    const sdl = (result.data as { _service?: { sdl?: string } } | null | undefined)?._service?.sdl;
    if (sdl === undefined) throw new Error(`${source.name}: no subgraph SDL (${JSON.stringify(result.errors)})`);
    return sdl;
  } finally {
    await app.close();
  }
}

async function compose(sources: readonly SubgraphSource[]): Promise<string> {
  const localServiceList = [];
  for (const source of sources) localServiceList.push({ name: source.name, typeDefs: parse(await servedSdl(source)) });
  const composed = await new LocalCompose({ localServiceList }).initialize({ update: () => undefined, healthCheck: async () => undefined, getDataSource: () => ({ process: async () => ({}) }) });
  return composed.supergraphSdl;
}

/** Composed once for the specs below. */
let composed: Promise<string> | undefined;
const supergraphOfEveryContext = (): Promise<string> => (composed ??= compose(PLATFORM_CONTEXTS.map(sourceOf)));

describe('the supergraph of every context', () => {
  it('composes, with the directory resolving Incident.caller/assignee and AssignmentGroup.members, the change and catalogue subgraphs, the SLA subgraph adding clocks to requests, items and tasks', async () => {
    expect(PLATFORM_CONTEXTS.map((context) => context.name).sort()).toEqual(['catalogue', 'change', 'cmdb', 'directory', 'incident', 'notification', 'reporting', 'sla', 'supplier']);
    const supergraph = await supergraphOfEveryContext();
    expect(supergraph).toMatch(/supplierConnections: \[SupplierConnection!\]! @join__field\(graph: SUPPLIER\)/);
    expect(supergraph).toMatch(/type Incident\b[^}]*\bcaller: Person @join__field\(graph: DIRECTORY, requires: "callerId"\)/s);
    expect(supergraph).toMatch(/type Incident\b[^}]*\bassignee: Person @join__field\(graph: DIRECTORY, requires: "assigneeId"\)/s);
    expect(supergraph).toMatch(/type AssignmentGroup\b[^}]*\bmembers: \[Person!\]! @join__field\(graph: DIRECTORY\)/s);
    expect(supergraph).toMatch(/type Query\b[^}]*\bpeople\(/s);
    expect(supergraph).toMatch(/type Query\b[^}]*\bgateAnswers\([^)]*\): GateAnswerConnection! @join__field\(graph: CHANGE\)/s);
    expect(supergraph).toMatch(/type Mutation\b[^}]*\borderCatalogItems\([^)]*\): [A-Za-z]+! @join__field\(graph: CATALOGUE\)/s);
    expect(supergraph).toMatch(/type Query\b[^}]*\brequestSlas\([^)]*\): .*? @join__field\(graph: SLA\)/s);
    expect(supergraph).toMatch(/type Query\b[^}]*\bsupplierScorecard\([^)]*\): SupplierScorecard! @join__field\(graph: REPORTING\)/s);
    // The catalogue's request types are entities of both subgraphs; the SLA subgraph adds their clocks.
    for (const type of ['ServiceRequest', 'RequestedItem', 'FulfilmentTask', 'FulfilmentTaskView']) {
      expect(supergraph).toMatch(new RegExp(`type ${type}\\b[^{]*@join__type\\(graph: CATALOGUE, key: "id"\\)[^{]*@join__type\\(graph: SLA, key: "id"\\)`, 's'));
      expect(supergraph).toMatch(new RegExp(`type ${type}\\b[^}]*\\bslas: \\[SlaClock!\\]! @join__field\\(graph: SLA\\)`, 's'));
    }
    // The gateway's subscriptions: every feed's entity, lookup and filter fields are composed.
    const live = liveSchema(buildSchema(supergraph, { assumeValidSDL: true }), LIVE_FEEDS);
    expect(Object.keys(live.getSubscriptionType()?.getFields() ?? {})).toEqual(LIVE_FEEDS.map((feed) => feed.field));
    for (const feed of LIVE_FEEDS) {
      const lookup = live.getQueryType()?.getFields()[feed.lookup];
      expect([getNamedType(lookup?.type)?.name, lookup?.args.map((arg) => arg.name)]).toEqual([feed.entity, expect.arrayContaining(['id'])]);
      const entity = live.getType(feed.entity);
      const fields = isObjectType(entity) ? Object.keys(entity.getFields()) : [];
      expect(fields).toEqual(expect.arrayContaining(Object.values(feed.filter)));
    }
  }, 60_000);

  it("validates every operation of the portal (its trusted documents) against the gateway's schema, subscriptions included", async () => {
    const schema = liveSchema(buildSchema(await supergraphOfEveryContext(), { assumeValidSDL: true }), LIVE_FEEDS);
    const operations = parse(readFileSync(join(__dirname, '..', '..', 'portal', 'src', 'api', 'operations.graphql'), 'utf8'));
    expect(operations.definitions.length).toBeGreaterThan(5);
    expect(validate(schema, operations).map((error) => error.message)).toEqual([]);
  }, 60_000);
});
