import { PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope, TopicDefinition } from '@itsm/contracts';
import { issueDevToken } from '@itsm/platform/auth';
import { InProcessEventBus } from '@itsm/platform/messaging';
import { freePort } from '@itsm/platform/persistence';
import { startContext } from '@itsm/platform/service';
import { expectEventually, testPeers } from '@itsm/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChangeGroupMembersCommand, ChangeGroupMembersHandler, CreateGroupCommand, CreateGroupHandler, CreatePersonCommand, CreatePersonHandler, DeletePersonCommand, DeletePersonHandler, ReplacePersonCommand, ReplacePersonHandler, SaveOrganisationCommand, SaveOrganisationHandler } from './application/commands';
import { GroupQueries, PeopleQueries, ProvisioningClientAuthenticator } from './application/ports';
import type { Criterion, PersonField } from './application/ports';
import { personInput } from './application/test-fixtures/in-memory-directory';
import { CLAIM_GRACE_MS } from './application/user-name-claims.service';
import { directoryContext } from './directory.context';
import { DirectoryErrorCode } from './domain';
import type { PersonAttributes } from './domain';
import { UserNameClaimRepository } from './persistence';

const SYSTEM = { by: 'system' };
const AUTH = { issuer: 'itsm-test', audience: 'itsm-test-api' };

/**
 * The directory context on the MongoDB peer (real mongoose, the platform's outbox relay on the
 * in-process bus): userName uniqueness without unique indexes, criterion translation, events
 * published, and the admin GraphQL surface once.
 */
describe('directory on the MongoDB peer', () => {
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-auth-'));
  const keyFile = join(keyDir, 'dev-key.json');
  const bus = new InProcessEventBus(new TopicRegistry<readonly TopicDefinition[]>(PLATFORM_TOPICS));
  const published: EventEnvelope[] = [];
  let app: INestApplication;
  let url: string;
  let people: PeopleQueries;

  const create = (userName: string, extra: Partial<PersonAttributes> = {}, actor: { by: string; organisationId?: string } = SYSTEM) =>
    app.get(CreatePersonHandler).execute(new CreatePersonCommand(actor, personInput(userName, extra)));

  beforeAll(async () => {
    await bus.subscribe({ group: 'directory-int-probe', topics: ['itsm.directory.v1'], handle: (event) => {
        published.push(event.envelope);
        return Promise.resolve();
      },
    });
    const port = await freePort();
    ({ app } = await startContext(
      directoryContext,
      { nodeEnv: 'test', logLevel: 'warn', mongo: { url: testPeers().mongoUrl, dbPrefix: `it${randomUUID().slice(0, 8)}` }, auth: { source: { kind: 'dev-key', file: keyFile }, ...AUTH }, bus },
      {},
      { port, host: '127.0.0.1' },
    ));
    url = `http://127.0.0.1:${port}/graphql`;
    people = app.get(PeopleQueries);
    const organisations = app.get(SaveOrganisationHandler);
    for (const [id, kind] of [['contoso', 'internal'], ['fabrikam', 'customer']] as const) {
      await organisations.execute(new SaveOrganisationCommand(SYSTEM, { id, name: id, kind, parentId: null, active: true }));
    }
  });

  afterAll(async () => {
    await app?.close();
    await bus.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('lets only one of two concurrent creates of the same userName (in another case) win', async () => {
    const outcomes = await Promise.allSettled([create('Race.Winner'), create('race.WINNER'), create('RACE.winner')]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: DirectoryErrorCode.Uniqueness });
    expect((await people.find({ field: 'userName', op: 'eq', value: 'race.winner' }, { offset: 0, limit: 10 })).total).toBe(1);
  });

  it('takes over a stale claim (a writer that died after claiming) and moves the claim on a rename', async () => {
    const claims = app.get(UserNameClaimRepository);
    await claims.claim('stale.name', 'p-crashed', new Date(Date.now() - 2 * CLAIM_GRACE_MS));
    const person = await create('Stale.Name');
    expect((await people.byUserName('STALE.NAME'))?.id).toBe(person.id);
    await app.get(ReplacePersonHandler).execute(new ReplacePersonCommand(SYSTEM, person.id, personInput('fresh.name')));
    expect((await create('stale.name')).userName).toBe('stale.name');
    await expect(create('Fresh.Name')).rejects.toMatchObject({ code: DirectoryErrorCode.Uniqueness });
  });

  it('translates criteria to filters: keys case-insensitively, text, presence, and/or/not, scope, totals and id order', async () => {
    const tag = randomUUID().slice(0, 6);
    const made = [
      await create(`f-${tag}-ann`, { displayName: 'Ann Archer', emails: [{ value: `Ann.${tag}@Fabrikam.example`, type: 'work', primary: true }], title: 'Buyer', organisationId: 'fabrikam', externalId: `EXT-${tag}-1` }),
      await create(`f-${tag}-ben`, { displayName: 'Ben Baker', organisationId: 'fabrikam', active: false }),
      await create(`c-${tag}-cat`, { displayName: 'Cat Archer', title: 'Engineer', organisationId: 'contoso' }),
    ];
    const ids = (found: { items: readonly { userName: string }[] }) => found.items.map((p) => p.userName).sort();
    const mine: Criterion<PersonField> = { field: 'userName', op: 'co', value: `-${tag}-` };
    const find = (where: Criterion<PersonField>, organisationId?: string) => people.find({ and: [mine, where] }, { offset: 0, limit: 10 }, organisationId === undefined ? undefined : { organisationId });

    expect(ids(await people.find({ field: 'userName', op: 'eq', value: `F-${tag}-ANN` }, { offset: 0, limit: 10 }))).toEqual([`f-${tag}-ann`]);
    expect(ids(await find({ field: 'email', op: 'eq', value: `ann.${tag}@fabrikam.EXAMPLE` }))).toEqual([`f-${tag}-ann`]);
    expect(ids(await find({ field: 'externalId', op: 'eq', value: `ext-${tag}-1` }))).toEqual([`f-${tag}-ann`]);
    expect(ids(await find({ field: 'displayName', op: 'sw', value: 'cat' }))).toEqual([`c-${tag}-cat`]);
    expect(ids(await find({ field: 'displayName', op: 'ew', value: 'ARCHER' }))).toEqual([`c-${tag}-cat`, `f-${tag}-ann`]);
    expect(ids(await find({ field: 'title', op: 'pr' }))).toEqual([`c-${tag}-cat`, `f-${tag}-ann`]);
    expect(ids(await find({ or: [{ field: 'active', op: 'eq', value: false }, { field: 'title', op: 'eq', value: 'engineer' }] }))).toEqual([`c-${tag}-cat`, `f-${tag}-ben`]);
    expect(ids(await find({ not: { field: 'organisationId', op: 'eq', value: 'fabrikam' } }))).toEqual([`c-${tag}-cat`]);
    expect(ids(await find({ field: 'displayName', op: 'co', value: 'a' }, 'fabrikam'))).toEqual([`f-${tag}-ann`, `f-${tag}-ben`]);
    // Pages in id order with the total of all matches.
    const page = await people.find(mine, { offset: 1, limit: 1 });
    expect(page.total).toBe(3);
    expect(page.items.map((p) => p.id)).toEqual([made.map((p) => p.id).sort()[1]]);
    expect((await people.find(mine, { offset: 0, limit: 3 })).items.map((p) => p.id)).toEqual(made.map((p) => p.id).sort());
    await expect(find({ field: 'active', op: 'eq', value: 'yes' })).rejects.toMatchObject({ code: DirectoryErrorCode.InvalidInput });
  });

  it('keeps members in the group document, finds a person\'s groups, and forgets a deleted person', async () => {
    const tag = randomUUID().slice(0, 6);
    const [a, b] = [await create(`g-${tag}-a`), await create(`g-${tag}-b`)];
    await app.get(CreateGroupHandler).execute(new CreateGroupCommand(SYSTEM, { name: `Desk ${tag}`, kind: 'assignment', organisationId: 'contoso', managerId: null, roles: [], memberIds: [a.id], externalId: null }, `desk-${tag}`));
    await app.get(ChangeGroupMembersHandler).execute(new ChangeGroupMembersCommand(SYSTEM, `desk-${tag}`, [b.id], []));
    const groups = app.get(GroupQueries);
    expect((await groups.ofPerson(b.id)).map((g) => g.id)).toEqual([`desk-${tag}`]);
    expect((await groups.find({ field: 'name', op: 'eq', value: `DESK ${tag}` }, { offset: 0, limit: 5 })).items.map((g) => g.memberIds)).toEqual([[a.id, b.id]]);

    await app.get(DeletePersonHandler).execute(new DeletePersonCommand(SYSTEM, a.id));
    expect((await groups.byId(`desk-${tag}`))?.memberIds).toEqual([b.id]);
    expect(await people.byId(a.id)).toBeUndefined();
    expect(await people.byUserName(`g-${tag}-a`)).toBeUndefined();
    await expectEventually(() => expect(published.filter((e) => (e.data as { personId?: string }).personId === a.id).map((e) => e.type)).toEqual(['itsm.directory.person-created.v1', 'itsm.directory.person-deleted.v1']));
    await expectEventually(() => expect(published.filter((e) => (e.data as { groupId?: string }).groupId === `desk-${tag}`).map((e) => [e.type, e.sequence])).toEqual([
      ['itsm.directory.group-saved.v1', 1],
      ['itsm.directory.group-members-added.v1', 2],
      ['itsm.directory.group-members-added.v1', 3],
      ['itsm.directory.group-members-removed.v1', 4],
    ]));
  });

  it('serves the admin mutations and a provisioning token that works until revoked (GraphQL, admin only)', async () => {
    const admin = await issueDevToken(keyFile, { sub: 'u-admin', name: 'Admin', roles: ['admin'] }, AUTH);
    const agent = await issueDevToken(keyFile, { sub: 'u-agent', name: 'Agent', roles: ['agent'] }, AUTH);
    const call = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as { data?: Record<string, { [key: string]: unknown }> | null; errors?: { extensions?: { code?: string } }[] };
    };
    const tag = randomUUID().slice(0, 6);
    const created = await call(admin, 'mutation($input: PersonInput!) { createPerson(input: $input) { id userName timeZone active } }', { input: { userName: `gql-${tag}`, displayName: 'Via GraphQL', timeZone: 'asia/tokyo' } });
    expect(created.data?.['createPerson']).toMatchObject({ userName: `gql-${tag}`, timeZone: 'Asia/Tokyo', active: true });
    const id = created.data?.['createPerson']?.['id'];
    const deactivated = await call(admin, 'mutation($id: ID!) { deactivatePerson(id: $id) { active version } }', { id });
    expect(deactivated.data?.['deactivatePerson']).toEqual({ active: false, version: 2 });
    const duplicate = await call(admin, 'mutation($input: PersonInput!) { createPerson(input: $input) { id } }', { input: { userName: `GQL-${tag}`, displayName: 'Again' } });
    expect(duplicate.errors?.[0]?.extensions?.code).toBe(DirectoryErrorCode.Uniqueness);
    expect((await call(agent, '{ provisioningClients { id } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const issued = await call(admin, 'mutation { issueProvisioningToken(name: "Entra ID", organisationId: "fabrikam") { token client { id organisationId } } }');
    const token = String(issued.data?.['issueProvisioningToken']?.['token']);
    const client = issued.data?.['issueProvisioningToken']?.['client'] as { id: string };
    const authenticator = app.get(ProvisioningClientAuthenticator);
    expect((await authenticator.authenticate(token)).id).toBe(client.id);
    await call(admin, 'mutation($id: ID!) { revokeProvisioningToken(clientId: $id) { revokedAt } }', { id: client.id });
    await expect(authenticator.authenticate(token)).rejects.toMatchObject({ code: DirectoryErrorCode.Unauthenticated });
  });
});
