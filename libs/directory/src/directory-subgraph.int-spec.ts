import { directoryTopic, TopicRegistry } from '@itsm/contracts';
import type { TopicDefinition } from '@itsm/contracts';
import { issueDevToken } from '@itsm/platform/auth';
import type { Role } from '@itsm/platform/auth';
import { InProcessEventBus } from '@itsm/platform/messaging';
import { freePort } from '@itsm/platform/persistence';
import { startContext } from '@itsm/platform/service';
import { testPeers } from '@itsm/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateGroupCommand, CreateGroupHandler, CreatePersonCommand, CreatePersonHandler, SaveOrganisationCommand, SaveOrganisationHandler } from './application/commands';
import type { PersonInput } from './application/directory-inputs';
import { personInput } from './application/test-fixtures/in-memory-directory';
import type { OrganisationKind } from './domain';
import { directoryContext } from './directory.context';

interface GraphqlResult<T> {
  readonly data?: T | null;
  readonly errors?: readonly { message: string; extensions?: { code?: string } }[];
}
type Named = { userName: string };
type Page = { edges: { cursor: string; node: Named & { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

const AUTH = { issuer: 'itsm-test', audience: 'itsm-test-api' };
const SYSTEM = { by: 'system' };

/**
 * The directory subgraph's read side over HTTP, real mongoose on the MongoDB peer: what each role
 * sees, cursor paging, `me`, and the federation entities the gateway asks for (Incident caller and
 * assignee, AssignmentGroup members).
 */
describe('directory subgraph (reads)', () => {
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-auth-'));
  const keyFile = join(keyDir, 'dev-key.json');
  // The directory publishes its own stream only.
  const bus = new InProcessEventBus(new TopicRegistry<readonly TopicDefinition[]>([directoryTopic]));
  const suffix = randomUUID().slice(0, 8);
  let app: INestApplication;
  let url: string;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  const person = (userName: string, organisationId: string, roles: string[] = []): PersonInput =>
    personInput(userName, { displayName: userName.toUpperCase(), emails: [{ value: `${userName}@example.com`, type: 'work', primary: true }], timeZone: 'Europe/Berlin', organisationId, roles });

  const token = (sub: string, roles: Role[], org?: string) => issueDevToken(keyFile, { sub, name: sub, roles, ...(org ? { org } : {}) }, AUTH);

  async function call<T>(bearer: string | undefined, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResult<T>> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlResult<T>;
  }
  const code = (result: GraphqlResult<unknown>) => result.errors?.[0]?.extensions?.code;
  const userNames = (page: Page | undefined) => page?.edges.map((edge) => edge.node.userName);

  beforeAll(async () => {
    const port = await freePort();
    ({ app } = await startContext(
      directoryContext,
      { nodeEnv: 'test', logLevel: 'warn', mongo: { url: testPeers().mongoUrl, dbPrefix: `it${suffix}` }, auth: { source: { kind: 'dev-key', file: keyFile }, ...AUTH }, bus },
      {},
      { port, host: '127.0.0.1' },
    ));
    url = `http://127.0.0.1:${port}/graphql`;
    const organisations = app.get(SaveOrganisationHandler);
    for (const [id, kind] of [['contoso', 'internal'], ['northwind', 'supplier'], ['tailspin', 'supplier']] as [string, OrganisationKind][]) {
      await organisations.execute(new SaveOrganisationCommand(SYSTEM, { id, name: id, kind, parentId: null, active: true }));
    }
    const people = app.get(CreatePersonHandler);
    for (const [userName, org] of [['u-agent', 'contoso'], ['u-alice', 'contoso'], ['u-nw1', 'northwind'], ['u-nw2', 'northwind'], ['u-ts1', 'tailspin']] as const) {
      ids[userName] = (await people.execute(new CreatePersonCommand(SYSTEM, person(userName, org, userName === 'u-agent' ? ['agent'] : [])))).id;
    }
    const groups = app.get(CreateGroupHandler);
    const group = (name: string, organisationId: string, members: string[], roles: string[] = []) => ({ name, kind: 'assignment' as const, organisationId, managerId: null, roles, memberIds: members.map((m) => ids[m]!), externalId: null });
    await groups.execute(new CreateGroupCommand(SYSTEM, group('Service Desk', 'contoso', ['u-agent', 'u-alice'], ['incident-manager']), 'service-desk'));
    await groups.execute(new CreateGroupCommand(SYSTEM, group('Network Ops', 'northwind', ['u-nw2', 'u-nw1']), 'network-ops'));
    await groups.execute(new CreateGroupCommand(SYSTEM, group('Hosting Ops', 'tailspin', ['u-ts1']), 'hosting-ops'));
    tokens['agent'] = await token('u-agent', ['agent']);
    tokens['requester'] = await token('U-ALICE', ['requester']);
    tokens['northwind'] = await token('u-nw1', ['supplier-agent'], 'northwind');
    tokens['ghost'] = await token('u-ghost', ['agent']);
  });

  afterAll(async () => {
    await app?.close();
    await bus.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('pages people in id order with opaque cursors, and refuses a cursor it did not issue', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const result: GraphqlResult<{ people: Page }> = await call(tokens['agent'], 'query($after: String) { people(first: 2, after: $after) { edges { cursor node { id userName } } pageInfo { hasNextPage endCursor } } }', { after });
      const page = result.data!.people;
      seen.push(...page.edges.map((edge) => edge.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after !== null);
    expect(pages).toBe(3);
    expect(seen).toEqual(Object.values(ids).sort());
    expect(code(await call(tokens['agent'], '{ people(first: 2, after: "bm90LW1pbmU") { edges { cursor } } }'))).toBe('DIRECTORY.INVALID_INPUT');
    const filtered = await call<{ people: Page }>(tokens['agent'], '{ people(first: 10, filter: { groupId: "network-ops", displayNameContains: "nw" }) { edges { cursor node { id userName } } pageInfo { hasNextPage endCursor } } }');
    expect(userNames(filtered.data?.people)).toEqual([ids['u-nw1']! < ids['u-nw2']! ? 'u-nw1' : 'u-nw2', ids['u-nw1']! < ids['u-nw2']! ? 'u-nw2' : 'u-nw1']);
  });

  it('shows a supplier agent its own organisation only: lists, by id, and members', async () => {
    const nw = tokens['northwind'];
    const people = await call<{ people: Page }>(nw, '{ people(first: 50) { edges { cursor node { id userName } } pageInfo { hasNextPage endCursor } } }');
    expect(userNames(people.data?.people)?.sort()).toEqual(['u-nw1', 'u-nw2']);
    expect(code(await call(nw, 'query($id: ID!) { person(id: $id) { userName } }', { id: ids['u-ts1'] }))).toBe('DIRECTORY.PERSON_NOT_FOUND');
    expect(code(await call(nw, '{ group(id: "hosting-ops") { name } }'))).toBe('DIRECTORY.GROUP_NOT_FOUND');
    const groups = await call<{ groups: { edges: { node: { id: string; members: Named[] } }[] } }>(nw, '{ groups(first: 50) { edges { node { id members { userName } } } } }');
    expect(groups.data?.groups.edges.map((edge) => edge.node)).toEqual([{ id: 'network-ops', members: [{ userName: 'u-nw2' }, { userName: 'u-nw1' }] }]);
    const organisations = await call<{ organisations: { edges: { node: { id: string } }[] } }>(nw, '{ organisations(first: 50) { edges { node { id } } } }');
    expect(organisations.data?.organisations.edges.map((edge) => edge.node.id)).toEqual(['northwind']);
  });

  it('shows a requester only itself, and `me` with its groups and effective roles (null for a subject the directory does not know)', async () => {
    const requester = tokens['requester'];
    const people = await call<{ people: Page }>(requester, '{ people(first: 50) { edges { cursor node { id userName } } pageInfo { hasNextPage endCursor } } }');
    expect(userNames(people.data?.people)).toEqual(['u-alice']);
    expect(code(await call(requester, 'query($id: ID!) { person(id: $id) { userName } }', { id: ids['u-agent'] }))).toBe('DIRECTORY.PERSON_NOT_FOUND');
    expect(code(await call(requester, '{ groups(first: 5) { edges { cursor } } }'))).toBe('FORBIDDEN');
    const me = await call<{ me: { userName: string; timeZone: string; groups: { id: string }[]; effectiveRoles: string[] } }>(requester, '{ me { userName timeZone groups { id } effectiveRoles } }');
    expect(me.data?.me).toEqual({ userName: 'u-alice', timeZone: 'Europe/Berlin', groups: [{ id: 'service-desk' }], effectiveRoles: ['incident-manager'] });
    expect((await call<{ me: null }>(tokens['ghost'], '{ me { userName } }')).data).toEqual({ me: null });
  });

  it('resolves the gateway\'s entity references: an incident\'s caller and assignee by subject, an assignment group\'s members, as the viewer may see them', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Incident { caller { userName } assignee { userName } } ... on AssignmentGroup { members { userName } } } }';
    const representations = [
      { __typename: 'Incident', id: 'inc-1', callerId: 'U-Alice', assigneeId: 'u-nw1' },
      { __typename: 'Incident', id: 'inc-2', callerId: 'u-unknown', assigneeId: null },
      { __typename: 'AssignmentGroup', id: 'network-ops' },
      { __typename: 'AssignmentGroup', id: 'service-desk' },
    ];
    const agent = await call<{ _entities: unknown[] }>(tokens['agent'], query, { r: representations });
    expect(agent.data?._entities).toEqual([
      { caller: { userName: 'u-alice' }, assignee: { userName: 'u-nw1' } },
      { caller: null, assignee: null },
      { members: [{ userName: 'u-nw2' }, { userName: 'u-nw1' }] },
      { members: [{ userName: 'u-agent' }, { userName: 'u-alice' }] },
    ]);
    const supplier = await call<{ _entities: unknown[] }>(tokens['northwind'], query, { r: representations });
    expect(supplier.data?._entities).toEqual([
      { caller: null, assignee: { userName: 'u-nw1' } },
      { caller: null, assignee: null },
      { members: [{ userName: 'u-nw2' }, { userName: 'u-nw1' }] },
      { members: [] },
    ]);
  });
});
