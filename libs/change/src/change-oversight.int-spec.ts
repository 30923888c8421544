import { changeSubject, cmdbTopic, directoryTopic, incidentTopic } from '@itsm/contracts';
import { CmdbFeed, DirectoryFeed, expectEventually, IncidentFeed } from '@itsm/testing';
import {
  AuthoriseChangeCommand,
  AuthoriseChangeHandler,
  CloseChangeCommand,
  CloseChangeHandler,
  CompleteChangeImplementationCommand,
  CompleteChangeImplementationHandler,
  RequestChangeAuthorisationCommand,
  RequestChangeAuthorisationHandler,
  RequestChangeCommand,
  RequestChangeHandler,
  StartChangeImplementationCommand,
  StartChangeImplementationHandler,
  SubmitChangeForAssessmentCommand,
  SubmitChangeForAssessmentHandler,
} from './application/commands';
import { DetectUnauthorisedChangeCommand } from './application/commands/detect-unauthorised-change/detect-unauthorised-change.command';
import { DetectUnauthorisedChangeHandler } from './application/commands/detect-unauthorised-change/detect-unauthorised-change.handler';
import { People } from './application/ports/change-references.port';
import { ConfigurationItems } from './application/ports/change-references.port';
import { changeDirectory } from './application/test-fixtures/in-memory-people';
import type { Change, ChangeViewer } from './domain';
import { ChangeErrorCode } from './domain';
import { bootChangeContext } from './test-fixtures/booted-change-context';
import type { BootedChangeContext } from './test-fixtures/booted-change-context';

const MANAGER: ChangeViewer = { userId: 'p-manager', roles: ['change-manager'], orgId: 'contoso' };
const HOUR = 3_600_000;
const later = (hours: number) => new Date(Date.now() + hours * HOUR);
const plans = { implementation: 'Patch the kernel', backout: 'Boot the previous kernel', test: 'Smoke tests' };

/**
 * The change context's oversight on the peers, fed through the bus as in production: its CMDB,
 * directory and incident consumers, discovery updates flagged as unauthorised changes (and not
 * while a change implements), the change manager's list and its two resolutions, the success score
 * from closings and caused incidents, and `Incident.causedByChange` through the subgraph.
 */
describe('change oversight: unauthorised changes and the success score', () => {
  let context: BootedChangeContext;
  let manager: string;
  const cmdb = new CmdbFeed();
  const incidents = new IncidentFeed();

  /** A normal change on `ci` moved to `implement`, or on to `closed` with `closeCode`. */
  async function changeOn(ci: string, until: 'implement' | 'closed', closeCode: 'successful' | 'failed' = 'successful'): Promise<Change> {
    const app = context.app;
    const change = await app.get(RequestChangeHandler).execute(
      MANAGER,
      new RequestChangeCommand({ model: 'normal', title: `Patch ${ci}`, description: '', assignmentGroupId: 'g-network', assigneeId: 'p-implementer', configurationItemIds: [ci], serviceIds: [], plans, planned: { start: later(1), end: later(3) } }),
    );
    await app.get(SubmitChangeForAssessmentHandler).execute(MANAGER, new SubmitChangeForAssessmentCommand(change.id));
    await app.get(RequestChangeAuthorisationHandler).execute(MANAGER, new RequestChangeAuthorisationCommand(change.id));
    await app.get(AuthoriseChangeHandler).execute(new AuthoriseChangeCommand(change.id, 'p-cab-1', 'CAB agreed'));
    const implementing = await app.get(StartChangeImplementationHandler).execute(MANAGER, new StartChangeImplementationCommand(change.id));
    if (until === 'implement') return implementing;
    await app.get(CompleteChangeImplementationHandler).execute(MANAGER, new CompleteChangeImplementationCommand(change.id));
    return app.get(CloseChangeHandler).execute(MANAGER, new CloseChangeCommand(change.id, closeCode, null));
  }

  const listed = async (ciId: string) => {
    const answer = await context.graphql(manager, 'query($ciId: ID) { unauthorisedChanges(first: 10, ciId: $ciId) { edges { node { id ciId ciName source status note changeId changes { attribute old new } } } } }', { ciId });
    return ((answer.data?.['unauthorisedChanges']?.['edges'] ?? []) as { node: Record<string, unknown> }[]).map((e) => e.node);
  };

  beforeAll(async () => {
    context = await bootChangeContext({ directory: false });
    manager = await context.token('p-manager', ['change-manager']);
    await context.bus.publishEnvelopes(directoryTopic.name, changeDirectory(new DirectoryFeed()));
    await context.bus.publishEnvelopes(cmdbTopic.name, ['ci-web', 'ci-app', 'ci-db', 'ci-edge'].map((ciId) => cmdb.ciCreated({ ciId, name: ciId })));
    await expectEventually(async () => {
      expect((await context.app.get(People).group('g-cab'))?.memberIds).toHaveLength(3);
      expect((await context.app.get(ConfigurationItems).find(['ci-web', 'ci-app', 'ci-db', 'ci-edge'])).size).toBe(4);
    });
  });

  afterAll(() => context?.close());

  it('flags a discovery update of a CI no change implements, once however often the event comes; manual edits are not flagged', async () => {
    const discovered = cmdb.ciUpdated({ ciId: 'ci-web', name: 'ci-web', source: 'sccm', attributes: { os: 'linux 6.8' }, changes: [{ attribute: 'os', old: 'linux 6.1', new: 'linux 6.8' }] });
    await context.bus.publishEnvelopes(cmdbTopic.name, [discovered, cmdb.ciUpdated({ ciId: 'ci-web', name: 'ci-web', source: 'manual' })]);
    await context.bus.publishEnvelopes(cmdbTopic.name, [discovered]);
    await expectEventually(async () => expect(await listed('ci-web')).toEqual([{ id: expect.stringMatching(/^uc-/), ciId: 'ci-web', ciName: 'ci-web', source: 'sccm', status: 'open', note: null, changeId: null, changes: [{ attribute: 'os', old: 'linux 6.1', new: 'linux 6.8' }] }]));
    const [record] = await listed('ci-web');
    await expectEventually(() => {
      const events = context.published.filter((e) => e.subject === changeSubject('unauthorised-change', String(record?.['id'])));
      expect(events.map((e) => [e.type, e.sequence])).toEqual([['itsm.change.unauthorised-change-detected.v1', 1]]);
    });
  });

  it('does not flag a discovery update while a change naming the CI implements', async () => {
    await changeOn('ci-app', 'implement');
    const discovered = cmdb.ciUpdated({ ciId: 'ci-app', source: 'sccm', attributes: { version: '2.1' }, changes: [{ attribute: 'version', old: '2.0', new: '2.1' }] });
    expect(await context.app.get(DetectUnauthorisedChangeHandler).execute(new DetectUnauthorisedChangeCommand(discovered))).toEqual({ outcome: 'authorised' });
    expect(await listed('ci-app')).toEqual([]);
  });

  it('lets the change manager acknowledge one with a note and link another to a change naming its CI; bad input changes nothing', async () => {
    const covering = await changeOn('ci-db', 'implement');
    await context.bus.publishEnvelopes(cmdbTopic.name, [cmdb.ciUpdated({ ciId: 'ci-edge', source: 'netdisco', changes: [{ attribute: 'port_count', old: 24, new: 48 }] })]);
    // A link needs a change naming the record's CI (ci-db's change does not name ci-edge).
    await expectEventually(async () => expect((await listed('ci-edge')).map((r) => r['changes'])).toEqual([[{ attribute: 'port_count', old: '24', new: '48' }]]));
    const edge = String((await listed('ci-edge'))[0]?.['id']);
    const refused = await context.graphql(manager, 'mutation($id: ID!, $changeId: ID!) { linkUnauthorisedChange(id: $id, changeId: $changeId) { status } }', { id: edge, changeId: covering.id });
    expect(refused.errors?.[0]?.extensions?.code).toBe(ChangeErrorCode.InvalidInput);
    const noNote = await context.graphql(manager, 'mutation($id: ID!) { acknowledgeUnauthorisedChange(id: $id, note: " ") { status } }', { id: edge });
    expect(noNote.errors?.[0]?.extensions?.code).toBe(ChangeErrorCode.InvalidInput);
    const requester = await context.token('p-requester', ['requester']);
    expect((await context.graphql(requester, '{ unauthorisedChanges(first: 1) { edges { node { id } } } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const acknowledged = await context.graphql(manager, 'mutation($id: ID!) { acknowledgeUnauthorisedChange(id: $id, note: "Switch swap by the supplier, agreed by phone") { status note resolvedBy resolvedAt } }', { id: edge });
    expect(acknowledged.data?.['acknowledgeUnauthorisedChange']).toMatchObject({ status: 'acknowledged', note: 'Switch swap by the supplier, agreed by phone', resolvedBy: 'p-manager' });
    const web = String((await listed('ci-web'))[0]?.['id']);
    const webChange = await changeOn('ci-web', 'implement');
    const linked = await context.graphql(manager, 'mutation($id: ID!, $changeId: ID!) { linkUnauthorisedChange(id: $id, changeId: $changeId, note: "Raised afterwards") { status changeId } }', { id: web, changeId: webChange.id });
    expect(linked.data?.['linkUnauthorisedChange']).toEqual({ status: 'linked', changeId: webChange.id });
    const open = await context.graphql(manager, '{ unauthorisedChanges(first: 10, status: [open]) { edges { node { ciId } } } }');
    expect(((open.data?.['unauthorisedChanges']?.['edges'] ?? []) as { node: { ciId: string } }[]).map((e) => e.node.ciId)).not.toContain('ci-edge');
    await expectEventually(() => expect(context.published.filter((e) => e.type === 'itsm.change.unauthorised-change-resolved.v1').map((e) => e.sequence)).toEqual([2, 2]));
  });

  it('scores closed changes per group with the incidents they caused, and resolves Incident.causedByChange and a change by reference', async () => {
    const from = later(-1).toISOString();
    const good = await changeOn('ci-web', 'closed');
    const bad = await changeOn('ci-app', 'closed', 'failed');
    const incidentId = '6650f1b2c3d4e5f601234567';
    await context.bus.publishEnvelopes(incidentTopic.name, [incidents.opened(incidentId, 3), incidents.linked(incidentId, bad.id), incidents.reprioritised(incidentId, 1)]);
    const to = later(1).toISOString();
    const scores = () => context.graphql(manager, 'query($from: DateTime!, $to: DateTime!) { changeSuccessScores(groupBy: GROUP, from: $from, to: $to) { key changes score outcomes { successful failed } incidents { p1 p2 p3 } } }', { from, to });
    await expectEventually(async () =>
      expect((await scores()).data?.['changeSuccessScores']).toEqual([{ key: 'g-network', changes: 2, score: 3 - 5 - 10, outcomes: { successful: 1, failed: 1 }, incidents: { p1: 1, p2: 0, p3: 0 } }]),
    );
    expect(good.closeCode).toBe('successful');
    const entity = await context.graphql(manager, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Incident { id causedByChange { id number } } } }', { r: [{ __typename: 'Incident', id: incidentId }, { __typename: 'Incident', id: '6650f1b2c3d4e5f60123ffff' }] });
    expect(entity.data?.['_entities']).toEqual([{ id: incidentId, causedByChange: { id: bad.id, number: bad.number } }, { id: '6650f1b2c3d4e5f60123ffff', causedByChange: null }]);
    const change = await context.graphql(manager, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Change { id number } } }', { r: [{ __typename: 'Change', id: bad.id }] });
    expect(change.data?.['_entities']).toEqual([{ id: bad.id, number: bad.number }]);
    const reversed = await context.graphql(manager, 'query($from: DateTime!, $to: DateTime!) { changeSuccessScores(groupBy: MODEL, from: $from, to: $to) { key } }', { from: to, to: from });
    expect(reversed.errors?.[0]?.extensions?.code).toBe(ChangeErrorCode.InvalidInput);
  });
});
