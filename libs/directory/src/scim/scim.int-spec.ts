import { PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { TopicDefinition } from '@itsm/contracts';
import { InProcessEventBus } from '@itsm/platform/messaging';
import { freePort } from '@itsm/platform/persistence';
import { startContext } from '@itsm/platform/service';
import { scimRequest, testPeers } from '@itsm/testing';
import type { ScimAnswer } from '@itsm/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IssueProvisioningTokenCommand, IssueProvisioningTokenHandler, RevokeProvisioningTokenCommand, RevokeProvisioningTokenHandler, SaveOrganisationCommand, SaveOrganisationHandler } from '../application/commands';
import { GroupQueries, PeopleQueries } from '../application/ports';
import { directoryContext } from '../directory.context';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

type Answer = ScimAnswer;

/**
 * The SCIM service provider over HTTP, in the directory service as the kit starts it, against the
 * MongoDB peer: the conversations Microsoft Entra ID and Okta hold, the bad inputs (each writing
 * nothing), and a client bound to one organisation not seeing another's people.
 */
describe('SCIM /scim/v2', () => {
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-auth-'));
  const bus = new InProcessEventBus(new TopicRegistry<readonly TopicDefinition[]>(PLATFORM_TOPICS));
  const suffix = randomUUID().slice(0, 8);
  const orgA = `supplier-a-${suffix}`;
  const orgB = `supplier-b-${suffix}`;
  let app: INestApplication;
  let base: string;
  const tokens: Record<'entra' | 'okta' | 'supplierA' | 'supplierB' | 'revoked', string> = { entra: '', okta: '', supplierA: '', supplierB: '', revoked: '' };

  beforeAll(async () => {
    const port = await freePort();
    ({ app } = await startContext(
      directoryContext,
      {
        nodeEnv: 'test',
        logLevel: 'warn',
        mongo: { url: testPeers().mongoUrl, dbPrefix: `it${suffix}` },
        auth: { source: { kind: 'dev-key', file: join(keyDir, 'dev-key.json') }, issuer: 'itsm-test', audience: 'itsm-test-api' },
        bus,
      },
      {},
      { port, host: '127.0.0.1' },
    ));
    base = `http://127.0.0.1:${port}/scim/v2`;
    const admin = { by: 'u-admin' };
    const organisations = app.get(SaveOrganisationHandler);
    for (const [id, name] of [
      [orgA, 'Supplier A'],
      [orgB, 'Supplier B'],
    ] as const) {
      await organisations.execute(new SaveOrganisationCommand(admin, { id, name, kind: 'supplier', parentId: null, active: true }));
    }
    const issue = async (name: string, organisationId: string | null) => (await app.get(IssueProvisioningTokenHandler).execute(new IssueProvisioningTokenCommand(admin, name, organisationId))).token;
    tokens.entra = await issue('Entra ID', null);
    tokens.okta = await issue('Okta', null);
    tokens.supplierA = await issue('Supplier A IdP', orgA);
    tokens.supplierB = await issue('Supplier B IdP', orgB);
    const revoked = await app.get(IssueProvisioningTokenHandler).execute(new IssueProvisioningTokenCommand(admin, 'Old IdP', null));
    await app.get(RevokeProvisioningTokenHandler).execute(new RevokeProvisioningTokenCommand(admin, revoked.client.id));
    tokens.revoked = revoked.token;
  });

  afterAll(async () => {
    await app?.close();
    await bus.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  const scim = (token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => scimRequest(base, token, method, path, body, headers);

  const people = () => app.get(PeopleQueries);
  const byUserName = (userName: string) => people().byUserName(userName);
  const expectError = (answer: Answer, status: number, scimType?: string) => {
    expect(answer.status).toBe(status);
    expect(answer.type).toContain('application/scim+json');
    expect(answer.body).toEqual({ schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail: expect.any(String) });
  };

  it('holds the Entra ID conversation: look-up, create, PATCH "Replace" active "False", manager path, group members, delete', async () => {
    const userName = `Alice.${suffix}@contoso.example`;
    const lookUp = await scim(tokens.entra, 'GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    expect(lookUp.body).toMatchObject({ totalResults: 0, Resources: [] });

    const manager = await scim(tokens.entra, 'POST', '/Users', { schemas: [USER], userName: `boss.${suffix}@contoso.example`, active: true, displayName: 'The Boss' });
    expect(manager.status).toBe(201);
    const created = await scim(tokens.entra, 'POST', '/Users', {
      schemas: [USER, ENTERPRISE],
      externalId: `entra-${suffix}`,
      userName,
      active: true,
      displayName: 'Alice Adams',
      emails: [{ primary: true, type: 'work', value: `alice.${suffix}@contoso.example` }],
      name: { givenName: 'Alice', familyName: 'Adams' },
      [ENTERPRISE]: { department: 'IT' },
    });
    expect(created.status).toBe(201);
    expect(created.etag).toBe('W/"1"');
    const id = created.body.id!;
    expect(created.body).toMatchObject({ userName, active: true, meta: { resourceType: 'User', version: 'W/"1"', location: `${base}/Users/${id}` } });

    const found = await scim(tokens.entra, 'GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName.toLowerCase()}"`)}`);
    expect(found.body).toMatchObject({ totalResults: 1, itemsPerPage: 1, startIndex: 1, Resources: [{ id }] });

    const patched = await scim(tokens.entra, 'PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'active', value: 'False' },
        { op: 'Add', path: `${ENTERPRISE}:manager`, value: manager.body.id },
        { op: 'Replace', value: { [`${ENTERPRISE}:department`]: 'Operations', 'emails[type eq "work"].value': `a.adams.${suffix}@contoso.example` } },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ active: false, [ENTERPRISE]: { department: 'Operations', manager: { value: manager.body.id } }, emails: [{ value: `a.adams.${suffix}@contoso.example` }] });
    expect(await people().byId(id)).toMatchObject({ active: false, managerId: manager.body.id, version: 2 });

    const group = await scim(tokens.entra, 'POST', '/Groups', { schemas: [GROUP], displayName: `Service Desk ${suffix}`, externalId: `g-${suffix}`, members: [{ value: manager.body.id }] });
    expect(group.status).toBe(201);
    const groupId = group.body.id!;
    const added = await scim(tokens.entra, 'PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ value: id }] }] });
    expect(added.status).toBe(204);
    expect((await app.get(GroupQueries).byId(groupId))?.memberIds).toEqual([manager.body.id, id]);
    const removed = await scim(tokens.entra, 'PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: `members[value eq "${manager.body.id}"]` }] });
    expect(removed.status).toBe(204);
    const listed = await scim(tokens.entra, 'GET', `/Groups?filter=${encodeURIComponent(`displayName eq "Service Desk ${suffix}"`)}&excludedAttributes=members`);
    expect(listed.body.Resources).toEqual([expect.not.objectContaining({ members: expect.anything() })]);
    expect((await scim(tokens.entra, 'GET', `/Groups/${groupId}`)).body).toMatchObject({ members: [{ value: id }] });

    expect((await scim(tokens.entra, 'DELETE', `/Users/${id}`)).status).toBe(204);
    expect((await scim(tokens.entra, 'GET', `/Users/${id}`)).status).toBe(404);
    expect(await byUserName(userName)).toBeUndefined();
  });

  it('holds the Okta conversation: PUT for updates, PATCH active, If-Match', async () => {
    const userName = `bob.${suffix}@fabrikam.example`;
    const created = await scim(tokens.okta, 'POST', '/Users', { schemas: [USER], userName, name: { givenName: 'Bob', familyName: 'Brown' }, emails: [{ value: userName, primary: true }], active: true });
    const id = created.body.id!;
    expect(created.body).toMatchObject({ displayName: 'Bob Brown' });
    const put = await scim(tokens.okta, 'PUT', `/Users/${id}`, { schemas: [USER], id, userName, name: { givenName: 'Robert', familyName: 'Brown' }, title: 'Store manager', active: true }, { 'if-match': created.etag! });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ displayName: 'Robert Brown', title: 'Store manager', meta: { version: 'W/"2"' } });
    expect(put.body).not.toHaveProperty('emails');
    const stale = await scim(tokens.okta, 'PUT', `/Users/${id}`, { schemas: [USER], userName, active: true }, { 'if-match': created.etag! });
    expectError(stale, 412);
    const deactivated = await scim(tokens.okta, 'PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] }, { 'content-type': 'application/json' });
    expect(deactivated.body).toMatchObject({ active: false, title: 'Store manager' });
    expect(await people().byId(id)).toMatchObject({ displayName: 'Robert Brown', active: false, version: 3 });
  });

  it('answers bad input with SCIM errors and writes nothing', async () => {
    const userName = `carol.${suffix}@contoso.example`;
    const created = await scim(tokens.entra, 'POST', '/Users', { schemas: [USER], userName, title: 'Analyst' });
    const id = created.body.id!;

    expectError(await scim(tokens.entra, 'GET', `/Users?filter=${encodeURIComponent('favouriteColour eq "blue"')}`), 400, 'invalidFilter');
    expectError(await scim(tokens.entra, 'GET', `/Users?filter=${encodeURIComponent('userName eq')}`), 400, 'invalidFilter');
    const unknownPath = await scim(tokens.entra, 'PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'replace', path: 'title', value: 'Lead analyst' },
        { op: 'replace', path: 'favouriteColour', value: 'blue' },
      ],
    });
    expectError(unknownPath, 400, 'invalidPath');
    const duplicate = await scim(tokens.entra, 'POST', '/Users', { schemas: [USER], userName: userName.toUpperCase() });
    expectError(duplicate, 409, 'uniqueness');
    const revoked = await scim(tokens.revoked, 'POST', '/Users', { schemas: [USER], userName: `dave.${suffix}@contoso.example` });
    expectError(revoked, 401);
    expectError(await scim('', 'GET', '/Users'), 401);

    expect(await people().byId(id)).toMatchObject({ title: 'Analyst', version: 1 });
    expect((await people().find({ field: 'userName', op: 'eq', value: userName }, { offset: 0, limit: 10 })).total).toBe(1);
    expect(await byUserName(`dave.${suffix}@contoso.example`)).toBeUndefined();
  });

  it("keeps a client bound to supplier A away from supplier B's people", async () => {
    const inA = await scim(tokens.supplierA, 'POST', '/Users', { schemas: [USER], userName: `erin.${suffix}@a.example` });
    const inB = await scim(tokens.supplierB, 'POST', '/Users', { schemas: [USER], userName: `frank.${suffix}@b.example` });
    expect([inA.status, inB.status]).toEqual([201, 201]);
    expect(await people().byId(inB.body.id!)).toMatchObject({ organisationId: orgB });

    const listedByA = await scim(tokens.supplierA, 'GET', '/Users?count=1000');
    expect(listedByA.body.Resources?.map((user) => user['id'])).toEqual([inA.body.id]);
    expectError(await scim(tokens.supplierA, 'GET', `/Users/${inB.body.id!}`), 404);
    expectError(await scim(tokens.supplierA, 'PATCH', `/Users/${inB.body.id!}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] }), 404);
    const group = await scim(tokens.supplierA, 'POST', '/Groups', { schemas: [GROUP], displayName: `A team ${suffix}`, members: [{ value: inB.body.id }] });
    expectError(group, 400, 'invalidValue');
    expect(await people().byId(inB.body.id!)).toMatchObject({ active: true, version: 1 });
  });

  it('serves the discovery documents and refuses an oversized body', async () => {
    expect((await scim(tokens.entra, 'GET', '/ServiceProviderConfig')).body).toMatchObject({ patch: { supported: true }, filter: { supported: true, maxResults: 1000 } });
    expect((await scim(tokens.entra, 'GET', '/ResourceTypes')).body).toMatchObject({ totalResults: 2 });
    expect((await scim(tokens.entra, 'GET', `/Schemas/${ENTERPRISE}`)).body).toMatchObject({ id: ENTERPRISE, attributes: expect.any(Array) });
    expectError(await scim(tokens.entra, 'POST', '/Users', { schemas: [USER], userName: `big.${suffix}`, title: 'x'.repeat(1_100_000) }), 413);
  });

  it('reads application/json bodies as SCIM ones: past 100 kB up to 1 MB, SCIM 413 beyond, SCIM 400 invalidSyntax when malformed', async () => {
    const raw = async (body: string): Promise<Answer> => {
      const response = await fetch(`${base}/Users`, { method: 'POST', headers: { authorization: `Bearer ${tokens.entra}`, 'content-type': 'application/json' }, body });
      return { status: response.status, type: response.headers.get('content-type'), etag: null, body: JSON.parse(await response.text()) as Answer['body'] };
    };
    const userName = `padded.${suffix}`;
    // Valid JSON of ~200 kB (whitespace): over Nest's default JSON limit, within SCIM's.
    const padded = await raw(`${JSON.stringify({ schemas: [USER], userName })}${' '.repeat(200_000)}`);
    expect(padded.status).toBe(201);
    expectError(await raw(`${JSON.stringify({ schemas: [USER], userName: `big.${suffix}` })}${' '.repeat(1_100_000)}`), 413);
    expectError(await raw('{"schemas": ['), 400, 'invalidSyntax');
    expect(await byUserName(`big.${suffix}`)).toBeUndefined();
  });
});
