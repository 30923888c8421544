import type { EventEnvelope } from '@itsm/contracts';
import { expectEventually } from '@itsm/testing';
import type { CmdbFeed } from '@itsm/testing';
import type { INestApplication } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import {
  AuthoriseChangeCommand,
  AuthoriseChangeHandler,
  CloseChangeCommand,
  CloseChangeHandler,
  CompleteChangeImplementationCommand,
  CompleteChangeImplementationHandler,
  CreateChangeTemplateCommand,
  CreateChangeTemplateHandler,
  ProjectCmdbEventCommand,
  ProjectCmdbEventHandler,
  PublishChangeTemplateCommand,
  PublishChangeTemplateHandler,
  RequestChangeAuthorisationCommand,
  RequestChangeAuthorisationHandler,
  RequestChangeCommand,
  RequestChangeHandler,
  RequestStandardChangeCommand,
  RequestStandardChangeHandler,
  StartChangeImplementationCommand,
  StartChangeImplementationHandler,
  SubmitChangeForAssessmentCommand,
  SubmitChangeForAssessmentHandler,
} from './application/commands';
import { ChangeReads } from './application/ports/change-store.port';
import { CHANGE_CONNECTION } from './change.module';
import { ChangeErrorCode } from './domain';
import type { ChangeViewer } from './domain';
import { ChangeRepository } from './persistence';
import { bootChangeContext } from './test-fixtures/booted-change-context';
import type { BootedChangeContext } from './test-fixtures/booted-change-context';

const MANAGER: ChangeViewer = { userId: 'p-manager', roles: ['change-manager'], orgId: 'contoso' };
const HOUR = 3_600_000;

/**
 * The change context booted through its declaration on the peers (real mongoose, the outbox relay on
 * the in-process bus): a normal change through every state with its events in order, the audit chain
 * kept in the document and a tampered entry named, unique numbers under concurrency, the list's
 * filters, a standard change from a template, and the GraphQL surface once.
 */
describe('change context on the MongoDB peer', () => {
  let cmdb: CmdbFeed;
  let booted: BootedChangeContext;
  let app: INestApplication;
  let published: EventEnvelope[];
  const graphql: BootedChangeContext['graphql'] = (...args) => booted.graphql(...args);

  const plans = { implementation: 'Upgrade firmware', backout: 'Reflash previous image', test: 'Ping and failover' };
  const later = (hours: number) => new Date(Date.now() + hours * HOUR);
  const request = (ci: string, extra: Partial<RequestChangeCommand['input']> = {}) =>
    app.get(RequestChangeHandler).execute(
      MANAGER,
      new RequestChangeCommand({ model: 'normal', title: `Upgrade ${ci}`, description: '', assignmentGroupId: 'g-network', assigneeId: 'p-implementer', configurationItemIds: [ci], serviceIds: [], plans, planned: { start: later(48), end: later(50) }, ...extra }),
    );

  beforeAll(async () => {
    booted = await bootChangeContext({ ciIds: ['ci-router', 'ci-switch', 'ci-db'] });
    ({ app, published, cmdb } = booted);
    await app.get(ProjectCmdbEventHandler).execute(new ProjectCmdbEventCommand(cmdb.ciRetired('ci-db')));
  });

  afterAll(async () => {
    await booted?.close();
  });

  it('walks a normal change through every state; its events go out in order and its audit chain verifies', async () => {
    const change = await request('ci-router');
    expect(change).toMatchObject({ state: 'new', model: 'normal', assignedOrgId: null });
    expect(change.number).toMatch(/^CHG\d{7}$/);
    await app.get(SubmitChangeForAssessmentHandler).execute(MANAGER, new SubmitChangeForAssessmentCommand(change.id));
    await app.get(RequestChangeAuthorisationHandler).execute(MANAGER, new RequestChangeAuthorisationCommand(change.id));
    await app.get(AuthoriseChangeHandler).execute(new AuthoriseChangeCommand(change.id, 'p-cab-1', 'CAB agreed'));
    await app.get(StartChangeImplementationHandler).execute(MANAGER, new StartChangeImplementationCommand(change.id));
    await app.get(CompleteChangeImplementationHandler).execute(MANAGER, new CompleteChangeImplementationCommand(change.id));
    const closed = await app.get(CloseChangeHandler).execute(MANAGER, new CloseChangeCommand(change.id, 'successful', null));
    expect(closed).toMatchObject({ state: 'closed', closeCode: 'successful', version: 7 });
    expect(closed.actualStart).not.toBeNull();

    await expectEventually(() =>
      expect(published.filter((e) => (e.data as { changeId?: string }).changeId === change.id).map((e) => [e.sequence, (e.data as { state: string }).state])).toEqual([
        [1, 'new'],
        [2, 'assess'],
        [3, 'authorize'],
        [4, 'scheduled'],
        [5, 'implement'],
        [6, 'review'],
        [7, 'closed'],
      ]),
    );
    const audit = (await app.get(ChangeReads).audit(change.id)) ?? [];
    expect(audit.map((e) => [e.seq, e.type.replace('itsm.change.', '')])).toEqual([
      [1, 'requested.v1'],
      ...[2, 3, 4, 5, 6, 7].map((seq) => [seq, 'state-changed.v1']),
    ]);
    expect(audit[3]?.by).toBe('p-cab-1');
  });

  it('names the first tampered entry of a stored chain', async () => {
    const change = await request('ci-switch');
    await app.get(SubmitChangeForAssessmentHandler).execute(MANAGER, new SubmitChangeForAssessmentCommand(change.id));
    await app.get(RequestChangeAuthorisationHandler).execute(MANAGER, new RequestChangeAuthorisationCommand(change.id));
    const admin = await booted.token('u-admin', ['admin']);
    const verify = () => graphql(admin, 'query($id: ID!) { verifyChangeAudit(id: $id) { ok entries brokenSeq reason } }', { id: change.id });
    expect((await verify()).data?.['verifyChangeAudit']).toEqual({ ok: true, entries: 3, brokenSeq: null, reason: null });

    await app.get<Connection>(CHANGE_CONNECTION).collection('changes').updateOne({ _id: ChangeRepository.keyOf(change.id) }, { $set: { 'audit.1.by': 'someone-else' } });
    expect((await verify()).data?.['verifyChangeAudit']).toEqual({ ok: false, entries: 1, brokenSeq: 2, reason: 'hash' });
  });

  it('hands out distinct numbers to concurrent requests and refuses bad references without writing', async () => {
    const made = await Promise.all([1, 2, 3, 4, 5].map(() => request('ci-router')));
    expect(new Set(made.map((c) => c.number)).size).toBe(5);
    await expect(request('ci-db')).rejects.toMatchObject({ code: ChangeErrorCode.UnknownConfigurationItem });
    await expect(request('ci-nowhere')).rejects.toMatchObject({ code: ChangeErrorCode.UnknownConfigurationItem });
    await expect(request('ci-router', { assigneeId: 'p-supplier' })).rejects.toMatchObject({ code: ChangeErrorCode.UnknownGroup });
    await expect(request('ci-router', { requesterId: 'p-gone' })).rejects.toMatchObject({ code: ChangeErrorCode.UnknownPerson });
    await expect(request('ci-router', { planned: { start: later(5), end: later(4) } })).rejects.toMatchObject({ code: ChangeErrorCode.InvalidInput });
    const all = await app.get(ChangeReads).list({ kind: 'all' }, { configurationItemId: 'ci-router' }, 100, undefined);
    expect(all.items.every((c) => c.title === 'Upgrade ci-router')).toBe(true);
  });

  it('lists by typed filters, newest first, with a cursor; supplier groups set the assigned organisation', async () => {
    const tag = randomUUID().slice(0, 6);
    await app.get(ProjectCmdbEventHandler).execute(new ProjectCmdbEventCommand(cmdb.ciCreated({ ciId: `ci-${tag}`, name: tag })));
    const early = await request(`ci-${tag}`, { planned: { start: later(10), end: later(12) } });
    const late = await request(`ci-${tag}`, { planned: { start: later(100), end: later(102) }, assignmentGroupId: 'g-fabrikam-ops', assigneeId: 'p-supplier' });
    expect(late.assignedOrgId).toBe('fabrikam');
    const reads = app.get(ChangeReads);
    const ids = async (filter: Parameters<ChangeReads['list']>[1], scope: Parameters<ChangeReads['list']>[0] = { kind: 'all' }) => (await reads.list(scope, { configurationItemId: `ci-${tag}`, ...filter }, 10, undefined)).items.map((c) => c.id);
    expect(await ids({})).toEqual([late.id, early.id]);
    expect(await ids({ plannedFrom: later(11), plannedTo: later(20) })).toEqual([early.id]);
    expect(await ids({ plannedFrom: later(12), plannedTo: later(20) })).toEqual([]);
    expect(await ids({}, { kind: 'assigned-org', orgId: 'fabrikam' })).toEqual([late.id]);
    expect(await ids({ states: ['assess'], models: ['normal'] })).toEqual([]);
    const first = await reads.list({ kind: 'all' }, { configurationItemId: `ci-${tag}` }, 1, undefined);
    expect(first.hasNextPage).toBe(true);
    const next = await reads.list({ kind: 'all' }, { configurationItemId: `ci-${tag}` }, 1, Number(late.number.slice(3)));
    expect(next.items.map((c) => c.id)).toEqual([early.id]);
  });

  it('creates a standard change from a published template straight into Scheduled', async () => {
    const template = await app.get(CreateChangeTemplateHandler).execute(
      new CreateChangeTemplateCommand({ name: `Patch ${randomUUID().slice(0, 4)}`, title: 'Monthly patch', description: '', plans, configurationItemIds: ['ci-switch'], serviceIds: [], assignmentGroupId: 'g-network', durationMinutes: 90 }),
    );
    const requester: ChangeViewer = { userId: 'p-requester', roles: ['requester'], orgId: 'contoso' };
    await expect(app.get(RequestStandardChangeHandler).execute(requester, new RequestStandardChangeCommand(template.id, { plannedStart: later(24) }))).rejects.toMatchObject({ code: ChangeErrorCode.TemplateNotFound });
    await app.get(PublishChangeTemplateHandler).execute(new PublishChangeTemplateCommand(template.id));
    const start = later(24);
    const change = await app.get(RequestStandardChangeHandler).execute(requester, new RequestStandardChangeCommand(template.id, { plannedStart: start }));
    expect(change).toMatchObject({ model: 'standard', state: 'scheduled', templateId: template.id, requesterId: 'p-requester', planned: { start, end: new Date(start.getTime() + 90 * 60_000) } });
    expect(change.authorisedAt).not.toBeNull();
  });

  it('serves the change mutations and reads through GraphQL with role checks', async () => {
    const manager = await booted.token('p-manager', ['change-manager']);
    const requester = await booted.token('p-requester', ['requester']);
    const input = { model: 'emergency', title: 'Hotfix router', configurationItemIds: ['ci-router'], assignmentGroupId: 'g-network', plans, planned: { start: later(1).toISOString(), end: later(2).toISOString() } };
    const made = await graphql(manager, 'mutation($input: RequestChangeInput!) { requestChange(input: $input) { id number state model } }', { input });
    const id = String(made.data?.['requestChange']?.['id']);
    expect(made.data?.['requestChange']).toMatchObject({ state: 'new', model: 'emergency' });
    const moved = await graphql(manager, 'mutation($id: ID!) { requestAuthorisation(id: $id) { state } }', { id });
    expect(moved.data?.['requestAuthorisation']).toEqual({ state: 'authorize' });
    const started = await graphql(manager, 'mutation($id: ID!) { startImplementation(id: $id) { state authorisedAt } }', { id });
    expect(started.data?.['startImplementation']).toEqual({ state: 'implement', authorisedAt: null });
    await app.get(AuthoriseChangeHandler).execute(new AuthoriseChangeCommand(id, 'p-cab-2'));
    const read = await graphql(manager, 'query($id: ID!) { change(id: $id) { retrospectivelyAuthorised auditTrail { seq type } } }', { id });
    expect(read.data?.['change']).toMatchObject({ retrospectivelyAuthorised: true });
    expect((read.data?.['change']?.['auditTrail'] as unknown[]).length).toBe(4);
    await graphql(manager, 'mutation($id: ID!) { completeImplementation(id: $id) { state } }', { id });
    const reviewed = await graphql(manager, 'mutation($id: ID!) { reviewChange(input: { id: $id, outcome: successful, lessons: "Expiry alerts" }) { review { outcome lessons by } } }', { id });
    expect(reviewed.data?.['reviewChange']).toEqual({ review: { outcome: 'successful', lessons: 'Expiry alerts', by: 'p-manager' } });
    // Not theirs: answered as absent.
    expect((await graphql(requester, 'query($id: ID!) { change(id: $id) { id } }', { id })).errors?.[0]?.extensions?.code).toBe(ChangeErrorCode.NotFound);
    expect((await graphql(requester, 'mutation($id: ID!) { revertChangeToNew(input: { id: $id }) { id } }', { id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const listed = await graphql(manager, '{ changes(first: 2, filter: { models: [emergency] }) { edges { node { id } } pageInfo { hasNextPage } } }');
    expect((listed.data?.['changes']?.['edges'] as { node: { id: string } }[]).map((e) => e.node.id)).toContain(id);
  });
});
