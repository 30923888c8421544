import { directoryTopic, PLATFORM_TOPICS, TopicRegistry } from '@itsm/contracts';
import type { TopicDefinition } from '@itsm/contracts';
import { InProcessEventBus } from '@itsm/platform/messaging';
import { freePort } from '@itsm/platform/persistence';
import { DirectoryFeed, expectEventually, testPeers } from '@itsm/testing';
import type { DirectoryEvent } from '@itsm/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MAJOR_INCIDENT_RULES } from './domain';
import { startContext } from '@itsm/platform/service';
import { incidentContext } from './incident.context';
import { AssignmentGroups } from './application/ports/reference-data.port';
import { errorCode, graphql, TEST_AUTH, tokenFor } from './test-fixtures/graphql-client';

/**
 * The incident subgraph over HTTP with real mongoose on the MongoDB peer and the in-process bus:
 * resolvers, guard, handlers, repository and the event-driven cascades together.
 */
describe('incident subgraph', () => {
  const keyDir = mkdtempSync(join(tmpdir(), 'itsm-auth-'));
  const keyFile = join(keyDir, 'dev-key.json');
  const bus = new InProcessEventBus(new TopicRegistry<readonly TopicDefinition[]>(PLATFORM_TOPICS));
  const directory = new DirectoryFeed();
  const publishDirectory = (...events: DirectoryEvent[]) => bus.publishEnvelopes(directoryTopic.name, events);
  let app: INestApplication;
  let url: string;
  const tokens: Record<string, string> = {};
  const suffix = randomUUID().slice(0, 8);
  const northwind = `northwind-${suffix}`;
  const tailspin = `tailspin-${suffix}`;

  beforeAll(async () => {
    const port = await freePort();
    ({ app } = await startContext(
      incidentContext,
      {
        nodeEnv: 'test',
        logLevel: 'warn',
        mongo: { url: testPeers().mongoUrl, dbPrefix: `it${suffix}` },
        auth: { source: { kind: 'dev-key', file: keyFile }, ...TEST_AUTH },
        bus,
      },
      { autoCloseDays: 7, autoCloseIntervalMs: 3_600_000, majorIncidentRules: { ...DEFAULT_MAJOR_INCIDENT_RULES, clusterSize: 3 } },
      { port, host: '127.0.0.1' },
    ));
    url = `http://127.0.0.1:${port}/graphql`;
    // The directory's organisations, people and groups reach the projection by events, as in production.
    await publishDirectory(
      directory.organisation({ organisationId: 'contoso', name: 'Contoso', kind: 'internal' }),
      directory.organisation({ organisationId: northwind, name: 'Northwind', kind: 'supplier' }),
      directory.organisation({ organisationId: tailspin, name: 'Tailspin', kind: 'supplier' }),
      directory.person({ personId: 'p-agent', userName: 'u-agent', organisationId: 'contoso' }),
      directory.person({ personId: 'p-carol', userName: 'U-Carol', organisationId: 'contoso' }),
      directory.person({ personId: 'p-nw', userName: 'u-nw', organisationId: northwind }),
      directory.person({ personId: 'p-ts', userName: 'u-ts', organisationId: tailspin }),
      directory.group({ groupId: 'service-desk', name: 'Service Desk', organisationId: 'contoso' }),
      directory.membersAdded('service-desk', ['p-agent', 'p-carol']),
      directory.group({ groupId: `net-${suffix}`, name: 'Network', organisationId: northwind }),
      directory.membersAdded(`net-${suffix}`, ['p-nw']),
      directory.group({ groupId: `host-${suffix}`, name: 'Hosting', organisationId: tailspin }),
      directory.membersAdded(`host-${suffix}`, ['p-ts']),
    );
    const groups = app.get(AssignmentGroups);
    await expectEventually(async () => {
      for (const [id, member] of [['service-desk', 'u-carol'], [`net-${suffix}`, 'u-nw'], [`host-${suffix}`, 'u-ts']] as const) expect((await groups.group(id))?.members).toContain(member);
    });
    tokens['agent'] = await tokenFor(keyFile, 'u-agent', ['agent'], 'contoso');
    tokens['requester'] = await tokenFor(keyFile, 'u-req', ['requester']);
    tokens['otherRequester'] = await tokenFor(keyFile, 'u-other', ['requester']);
    tokens['northwind'] = await tokenFor(keyFile, 'u-nw', ['supplier-agent'], northwind);
    tokens['tailspin'] = await tokenFor(keyFile, 'u-ts', ['supplier-agent'], tailspin);
    tokens['manager'] = await tokenFor(keyFile, 'u-mgr', ['incident-manager']);
    tokens['problemManager'] = await tokenFor(keyFile, 'u-pm', ['problem-manager']);
    tokens['admin'] = await tokenFor(keyFile, 'u-admin', ['admin']);
  });

  afterAll(async () => {
    await app?.close();
    await bus.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  const FIELDS = 'id number state priority impact urgency holdReason assignedOrgId assigneeId reopenCount parentId major notes { kind body } resolution { cause causeId }';
  type Incident = { id: string; number: string; state: string; priority: number; assignedOrgId: string | null; reopenCount: number; major: string; notes: { kind: string }[]; resolution: { cause: string; causeId: string } | null };

  async function openIncident(token: string, input: Record<string, unknown>): Promise<Incident> {
    const result = await graphql<{ openIncident: Incident }>(url, token, `mutation($input: OpenIncidentInput!) { openIncident(input: $input) { ${FIELDS} } }`, { input });
    expect(result.errors).toBeUndefined();
    return result.data!.openIncident;
  }

  async function mutate(token: string, field: string, args: string, variables: Record<string, unknown>) {
    const declared = Object.entries(variables).map(([name, value]) => `$${name}: ${typeof value === 'object' ? `${inputType(field)}!` : 'ID!'}`);
    return graphql<Record<string, Incident>>(url, token, `mutation(${declared.join(', ')}) { ${field}(${args}) { ${FIELDS} } }`, variables);
  }

  function inputType(field: string): string {
    const types: Record<string, string> = {
      assignIncident: 'AssignIncidentInput',
      holdIncident: 'HoldIncidentInput',
      resolveIncident: 'ResolveIncidentInput',
      reopenIncident: 'ReasonInput',
      cancelIncident: 'ReasonInput',
      addIncidentNote: 'AddNoteInput',
      linkIncident: 'LinkInput',
      setIncidentParent: 'SetParentInput',
      changeIncidentImpactUrgency: 'ImpactUrgencyInput',
    };
    return types[field]!;
  }

  const getIncident = (token: string, id: string) => graphql<{ incident: Incident }>(url, token, `query($id: ID) { incident(id: $id) { ${FIELDS} } }`, { id });

  it('refuses a request without a valid token', async () => {
    const result = await graphql(url, undefined, '{ incidents { edges { node { id } } } }');
    expect(errorCode(result)).toBe('UNAUTHENTICATED');
    const forged = await graphql(url, 'not.a.jwt', '{ incidents { edges { node { id } } } }');
    expect(errorCode(forged)).toBe('UNAUTHENTICATED');
  });

  it('computes the priority from impact x urgency and numbers incidents uniquely under concurrency', async () => {
    const opened = await Promise.all(Array.from({ length: 20 }, (_, i) => openIncident(tokens['agent']!, { title: `concurrent ${i}`, impact: 1 + (i % 3), urgency: 1 })));
    const numbers = new Set(opened.map((incident) => incident.number));
    expect(numbers.size).toBe(20);
    for (const incident of opened) expect(incident.number).toMatch(/^INC\d{7}$/);
    expect(opened.find((i) => i.number && i.priority === 1)).toBeDefined();
    expect(opened.every((incident) => incident.priority === ({ 1: 1, 2: 2, 3: 3 } as Record<number, number>)[(incident as unknown as { impact: number }).impact])).toBe(true);
  });

  it('rejects a priority or another organisation set by the caller', async () => {
    const withPriority = await graphql(url, tokens['agent'], 'mutation { openIncident(input: { title: "x", impact: 1, urgency: 1, priority: 1 }) { id } }');
    expect(errorCode(withPriority)).toBe('GRAPHQL_VALIDATION_FAILED');
    const requesterSetsOrg = await graphql(url, tokens['requester'], `mutation { openIncident(input: { title: "x", impact: 1, urgency: 1, callerOrgId: "${northwind}" }) { id } }`);
    expect(errorCode(requesterSetsOrg)).toBe('INCIDENT.FORBIDDEN');
    const requesterAssigns = await graphql(url, tokens['requester'], `mutation { openIncident(input: { title: "x", impact: 1, urgency: 1, assignmentGroupId: "service-desk" }) { id } }`);
    expect(errorCode(requesterAssigns)).toBe('INCIDENT.FORBIDDEN');
    const badLevel = await graphql(url, tokens['agent'], 'mutation { openIncident(input: { title: "x", impact: 7, urgency: 1 }) { id } }');
    expect(errorCode(badLevel)).toBe('INCIDENT.INVALID_INPUT');
    const badCi = await graphql(url, tokens['agent'], 'mutation { openIncident(input: { title: "x", impact: 1, urgency: 1, configurationItemIds: ["$where"] }) { id } }');
    expect(errorCode(badCi)).toBe('INCIDENT.INVALID_INPUT');
  });

  it('resolves an incident by reference (_entities, as the gateway fetches it for another subgraph) under the read rules', async () => {
    const incident = await openIncident(tokens['agent']!, { title: `entity ${suffix}`, impact: 3, urgency: 3 });
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Incident { id title } } }';
    const seen = await graphql<{ _entities: { id: string; title: string }[] }>(url, tokens['agent'], query, { r: [{ __typename: 'Incident', id: incident.id }] });
    expect(seen.data?._entities).toEqual([{ id: incident.id, title: `entity ${suffix}` }]);
    const hidden = await graphql(url, tokens['otherRequester'], query, { r: [{ __typename: 'Incident', id: incident.id }] });
    expect(hidden.errors?.[0]?.extensions?.['code']).toBe('INCIDENT.NOT_FOUND');
  });

  it('walks the lifecycle and rejects an illegal transition with its code', async () => {
    const incident = await openIncident(tokens['agent']!, { title: 'Printer on fire', impact: 2, urgency: 2 });
    expect(incident).toMatchObject({ state: 'new', priority: 3 });
    const assigned = await mutate(tokens['agent']!, 'assignIncident', 'input: $input', { input: { id: incident.id, groupId: 'service-desk', assigneeId: 'u-agent' } });
    expect(assigned.data?.['assignIncident']?.state).toBe('in_progress');
    expect((await mutate(tokens['agent']!, 'holdIncident', 'input: $input', { input: { id: incident.id, reason: 'awaiting_caller' } })).data?.['holdIncident']?.state).toBe('on_hold');
    expect((await mutate(tokens['agent']!, 'resumeIncident', 'id: $id', { id: incident.id })).data?.['resumeIncident']?.state).toBe('in_progress');
    expect((await mutate(tokens['agent']!, 'resolveIncident', 'input: $input', { input: { id: incident.id, code: 'fixed', notes: 'Extinguished' } })).data?.['resolveIncident']?.state).toBe('resolved');
    const reopened = await mutate(tokens['agent']!, 'reopenIncident', 'input: $input', { input: { id: incident.id, reason: 'Smoke again' } });
    expect(reopened.data?.['reopenIncident']).toMatchObject({ state: 'in_progress', reopenCount: 1 });
    await mutate(tokens['agent']!, 'resolveIncident', 'input: $input', { input: { id: incident.id, code: 'fixed', notes: 'Replaced' } });
    expect((await mutate(tokens['agent']!, 'closeIncident', 'id: $id', { id: incident.id })).data?.['closeIncident']?.state).toBe('closed');
    const illegal = await mutate(tokens['agent']!, 'reopenIncident', 'input: $input', { input: { id: incident.id, reason: 'again' } });
    expect(errorCode(illegal)).toBe('INCIDENT.ILLEGAL_TRANSITION');
    expect(illegal.errors?.[0]?.extensions?.details).toMatchObject({ state: 'closed' });
  });

  it('follows the directory by events: a deactivated member or a removed one is no longer assignable; an older event changes nothing', async () => {
    const incident = await openIncident(tokens['agent']!, { title: `directory ${suffix}`, impact: 3, urgency: 3 });
    const assign = (assigneeId: string) => mutate(tokens['agent']!, 'assignIncident', 'input: $input', { input: { id: incident.id, groupId: 'service-desk', assigneeId } });
    expect((await assign('u-carol')).data?.['assignIncident']).toMatchObject({ assigneeId: 'u-carol', state: 'in_progress' });
    const listed = await graphql<{ assignmentGroups: { id: string; orgId: string; memberIds: string[] }[] }>(url, tokens['agent'], '{ assignmentGroups(orgId: "contoso") { id orgId memberIds } }');
    expect(listed.data?.assignmentGroups).toEqual([{ id: 'service-desk', orgId: 'contoso', memberIds: ['u-agent', 'u-carol'] }]);

    const deactivated = directory.person({ personId: 'p-carol', userName: 'U-Carol', organisationId: 'contoso' }, 'itsm.directory.person-deactivated.v1');
    // An older state of Carol (active), replayed after her deactivation: it must not undo it.
    const replayed = new DirectoryFeed(directory.source).person({ personId: 'p-carol', userName: 'U-Carol', organisationId: 'contoso' });
    await publishDirectory(deactivated, replayed);
    await expectEventually(async () => expect((await app.get(AssignmentGroups).group('service-desk'))?.inactiveMembers).toEqual(['u-carol']));
    expect(errorCode(await assign('u-carol'))).toBe('INCIDENT.ASSIGNEE_INACTIVE');
    // Her ticket keeps her (history).
    expect((await getIncident(tokens['agent']!, incident.id)).data?.incident).toMatchObject({ assigneeId: 'u-carol' });

    await publishDirectory(directory.membersRemoved('service-desk', ['p-agent']));
    await expectEventually(async () => expect(errorCode(await assign('u-agent'))).toBe('INCIDENT.ASSIGNEE_NOT_IN_GROUP'));
    await publishDirectory(directory.membersAdded('service-desk', ['p-agent']));
    await expectEventually(async () => expect((await assign('u-agent')).data?.['assignIncident']).toMatchObject({ assigneeId: 'u-agent' }));
  });

  it('shows a supplier agent only incidents assigned to its organisation, by id, number and filters', async () => {
    const theirs = await openIncident(tokens['agent']!, { title: `link down ${suffix}`, impact: 2, urgency: 2, assignmentGroupId: `net-${suffix}` });
    const other = await openIncident(tokens['agent']!, { title: `disk full ${suffix}`, impact: 2, urgency: 2, assignmentGroupId: `host-${suffix}` });
    expect(theirs.assignedOrgId).toBe(northwind);

    expect((await getIncident(tokens['northwind']!, theirs.id)).data?.incident.id).toBe(theirs.id);
    expect(errorCode(await getIncident(tokens['northwind']!, other.id))).toBe('INCIDENT.NOT_FOUND');
    const byNumber = await graphql(url, tokens['northwind'], 'query($n: String) { incident(number: $n) { id } }', { n: other.number });
    expect(errorCode(byNumber)).toBe('INCIDENT.NOT_FOUND');

    const list = (filter: Record<string, unknown>) =>
      graphql<{ incidents: { edges: { node: { id: string } }[] } }>(url, tokens['northwind'], 'query($f: IncidentFilter) { incidents(first: 100, filter: $f) { edges { node { id } } } }', { f: filter });
    for (const filter of [{}, { text: suffix }, { assignmentGroupId: `host-${suffix}` }, { text: other.number }]) {
      const ids = (await list(filter)).data!.incidents.edges.map((edge) => edge.node.id);
      expect(ids).not.toContain(other.id);
      expect(ids.every((id) => id !== other.id)).toBe(true);
    }
    expect((await list({ text: suffix })).data!.incidents.edges.map((e) => e.node.id)).toEqual([theirs.id]);

    const change = await mutate(tokens['northwind']!, 'resolveIncident', 'input: $input', { input: { id: other.id, code: 'x', notes: 'y' } });
    expect(errorCode(change)).toBe('INCIDENT.NOT_FOUND');
    const steal = await mutate(tokens['northwind']!, 'assignIncident', 'input: $input', { input: { id: other.id, groupId: `net-${suffix}` } });
    expect(errorCode(steal)).toBe('INCIDENT.NOT_FOUND');
    const workNote = await mutate(tokens['northwind']!, 'addIncidentNote', 'input: $input', { input: { id: theirs.id, kind: 'work_note', body: 'internal?' } });
    expect(errorCode(workNote)).toBe('INCIDENT.FORBIDDEN');
  });

  it('never widens a result with MongoDB operators in filter values or keys', async () => {
    const mine = await openIncident(tokens['requester']!, { title: `my laptop ${suffix}`, impact: 3, urgency: 3 });
    await openIncident(tokens['otherRequester']!, { title: `their laptop ${suffix}`, impact: 3, urgency: 3 });
    const ids = async (filter: unknown) => {
      const result = await graphql<{ incidents: { edges: { node: { id: string } }[] } }>(url, tokens['requester'], 'query($f: IncidentFilter) { incidents(first: 100, filter: $f) { edges { node { id } } } }', { f: filter });
      return { code: errorCode(result), ids: result.data?.incidents.edges.map((e) => e.node.id) ?? [] };
    };
    expect((await ids({})).ids).toEqual([mine.id]);
    for (const filter of [{ callerId: { $gt: '' } }, { callerId: { $ne: null } }, { text: { $regex: '.*' } }, { $where: 'true' }, { $or: [{}] }, { assigneeId: { $exists: false } }]) {
      const result = await ids(filter);
      expect(result.code).toBe('BAD_USER_INPUT');
      expect(result.ids).toEqual([]);
    }
    for (const filter of [{ callerId: '{"$ne": null}' }, { text: '.*' }, { text: '$where' }, { assignmentGroupId: '{"$gt": ""}' }, { callerId: 'u-other' }]) {
      const result = await ids(filter);
      expect(result.code).toBeUndefined();
      expect(result.ids).toEqual([]);
    }
  });

  it('refuses control characters in text inputs with BAD_USER_INPUT naming the field, and stores text in NFC', async () => {
    const tag = randomUUID().slice(0, 8);
    const open = (input: Record<string, unknown>) => graphql<{ openIncident: { id: string; title: string; description: string } }>(url, tokens['agent'], 'mutation($input: OpenIncidentInput!) { openIncident(input: $input) { id title description } }', { input });
    const withNul = await open({ title: `Printer ${tag}\u0000 on fire`, impact: 3, urgency: 3 });
    expect(errorCode(withNul)).toBe('BAD_USER_INPUT');
    expect(withNul.errors?.[0]?.extensions?.details).toMatchObject({ field: 'title', path: 'input.title', reason: 'control_character' });
    const listed = await graphql<{ incidents: { edges: unknown[] } }>(url, tokens['agent'], 'query($f: IncidentFilter) { incidents(first: 10, filter: $f) { edges { node { id } } } }', { f: { text: tag } });
    expect(listed.data?.incidents.edges).toEqual([]);

    const opened = (await open({ title: `Cafe\u0301 ${tag}`, description: 'line one\r\nline two', impact: 3, urgency: 3 })).data!.openIncident;
    expect(opened).toMatchObject({ title: `Caf\u00e9 ${tag}`, description: 'line one\nline two' });
    const escape = await mutate(tokens['agent']!, 'addIncidentNote', 'input: $input', { input: { id: opened.id, kind: 'work_note', body: 'colour \u001b[31m' } });
    expect(errorCode(escape)).toBe('BAD_USER_INPUT');
    expect(escape.errors?.[0]?.extensions?.details).toMatchObject({ field: 'body' });
  });

  it('declares the platform PageInfo shareable, so every subgraph may page with it', async () => {
    const service = await graphql<{ _service: { sdl: string } }>(url, tokens['agent'], '{ _service { sdl } }');
    expect(service.data?._service.sdl).toMatch(/type PageInfo\s+@shareable/);
    expect(service.data?._service.sdl).toMatch(/type ProblemConnection/);
  });

  it('pages with a stable cursor', async () => {
    const tag = randomUUID().slice(0, 8);
    const opened: Incident[] = [];
    for (let i = 0; i < 5; i += 1) opened.push(await openIncident(tokens['agent']!, { title: `page ${tag} ${i}`, impact: 3, urgency: 3 }));
    const page = (after?: string) =>
      graphql<{ incidents: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(
        url,
        tokens['agent'],
        'query($after: String, $f: IncidentFilter) { incidents(first: 2, after: $after, filter: $f) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
        { after, f: { text: tag } },
      );
    const seen: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 5; guard += 1) {
      const result = (await page(after)).data!.incidents;
      seen.push(...result.edges.map((e) => e.node.id));
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor!;
      if (guard === 0) await openIncident(tokens['agent']!, { title: `page ${tag} late`, impact: 3, urgency: 3 });
    }
    expect(seen).toEqual(opened.map((i) => i.id).reverse());
    expect(errorCode(await page('bm9wZQ'))).toBe('INCIDENT.INVALID_INPUT');
  });

  it('resolves active children when the parent is resolved, and not closed ones', async () => {
    const parent = await openIncident(tokens['agent']!, { title: 'Core switch down', impact: 1, urgency: 2 });
    const children = [await openIncident(tokens['agent']!, { title: 'No network floor 1', impact: 2, urgency: 2 }), await openIncident(tokens['agent']!, { title: 'No network floor 2', impact: 2, urgency: 2 })];
    const canceled = await openIncident(tokens['agent']!, { title: 'No network floor 3', impact: 2, urgency: 2 });
    for (const child of [...children, canceled]) await mutate(tokens['agent']!, 'setIncidentParent', 'input: $input', { input: { id: child.id, parentId: parent.id } });
    await mutate(tokens['agent']!, 'cancelIncident', 'input: $input', { input: { id: canceled.id, reason: 'duplicate' } });
    const grandchild = await mutate(tokens['agent']!, 'setIncidentParent', 'input: $input', { input: { id: parent.id, parentId: children[0]!.id } });
    expect(errorCode(grandchild)).toBe('INCIDENT.INVALID_PARENT');

    await mutate(tokens['agent']!, 'resolveIncident', 'input: $input', { input: { id: parent.id, code: 'hardware', notes: 'Switch replaced' } });
    await expectEventually(async () => {
      for (const child of children) {
        const resolved = (await getIncident(tokens['agent']!, child.id)).data!.incident;
        expect(resolved.state).toBe('resolved');
        expect(resolved.resolution).toEqual({ cause: 'parent', causeId: parent.id });
      }
    });
    expect((await getIncident(tokens['agent']!, canceled.id)).data!.incident.state).toBe('canceled');
    await mutate(tokens['agent']!, 'closeIncident', 'id: $id', { id: parent.id });
    expect((await getIncident(tokens['agent']!, children[0]!.id)).data!.incident.state).toBe('resolved');
  });

  it('resolves the incidents waiting on a problem when the problem is resolved', async () => {
    const opened = await graphql<{ openProblem: { id: string; number: string } }>(url, tokens['agent'], 'mutation { openProblem(input: { title: "Memory leak in app", impact: 2, urgency: 2 }) { id number } }');
    const problem = opened.data!.openProblem;
    expect(problem.number).toMatch(/^PRB\d{7}$/);
    const waiting = await openIncident(tokens['agent']!, { title: 'App crashed again', impact: 2, urgency: 2 });
    const notWaiting = await openIncident(tokens['agent']!, { title: 'App slow', impact: 2, urgency: 2 });
    expect(errorCode(await mutate(tokens['agent']!, 'holdIncident', 'input: $input', { input: { id: waiting.id, reason: 'awaiting_problem' } }))).toBe('INCIDENT.HOLD_REQUIRES_PROBLEM');
    for (const incident of [waiting, notWaiting]) await mutate(tokens['agent']!, 'linkIncident', 'input: $input', { input: { id: incident.id, kind: 'problem', targetId: problem.id } });
    await mutate(tokens['agent']!, 'holdIncident', 'input: $input', { input: { id: waiting.id, reason: 'awaiting_problem' } });

    const advance = (to: string) => graphql(url, tokens['agent'], 'mutation($id: ID!, $to: ProblemStage!) { advanceProblem(id: $id, to: $to) { state } }', { id: problem.id, to });
    expect(errorCode(await advance('root_cause_analysis'))).toBeUndefined();
    const known = await graphql<{ recordKnownError: { knownError: { workaround: string } } }>(url, tokens['agent'], 'mutation($i: KnownErrorInput!) { recordKnownError(input: $i) { knownError { workaround } } }', {
      i: { id: problem.id, symptom: 'Crash after 2 days', rootCause: 'Cache never evicted', workaround: 'Restart nightly' },
    });
    expect(known.data?.recordKnownError.knownError.workaround).toBe('Restart nightly');
    const resolveAs = (token: string) => graphql(url, token, 'mutation($i: ResolveProblemInput!) { resolveProblem(input: $i) { state } }', { i: { id: problem.id, notes: 'Eviction added' } });
    expect(errorCode(await resolveAs(tokens['agent']!))).toBe('FORBIDDEN');
    expect(errorCode(await resolveAs(tokens['problemManager']!))).toBeUndefined();

    await expectEventually(async () => {
      const resolved = (await getIncident(tokens['agent']!, waiting.id)).data!.incident;
      expect(resolved).toMatchObject({ state: 'resolved', resolution: { cause: 'problem', causeId: problem.id } });
    });
    expect((await getIncident(tokens['agent']!, notWaiting.id)).data!.incident.state).toBe('new');
  });

  it('proposes a P1 as major, and only a manager promotes it', async () => {
    const p1 = await openIncident(tokens['agent']!, { title: 'Everything is down', impact: 1, urgency: 1 });
    await expectEventually(async () => expect((await getIncident(tokens['agent']!, p1.id)).data!.incident.major).toBe('proposed'));
    expect(errorCode(await mutate(tokens['agent']!, 'promoteMajorIncident', 'id: $id', { id: p1.id }))).toBe('FORBIDDEN');
    expect((await mutate(tokens['manager']!, 'promoteMajorIncident', 'id: $id', { id: p1.id })).data?.['promoteMajorIncident']?.major).toBe('promoted');
  });

  it('hides work notes from requesters and lets a caller reply resume an incident waiting on it', async () => {
    const incident = await openIncident(tokens['requester']!, { title: 'Monitor flickers', impact: 3, urgency: 3 });
    await mutate(tokens['agent']!, 'addIncidentNote', 'input: $input', { input: { id: incident.id, kind: 'work_note', body: 'Probably the cable' } });
    await mutate(tokens['agent']!, 'holdIncident', 'input: $input', { input: { id: incident.id, reason: 'awaiting_caller' } });
    const reply = await mutate(tokens['requester']!, 'addIncidentNote', 'input: $input', { input: { id: incident.id, kind: 'comment', body: 'Cable swapped, still flickers' } });
    expect(reply.data?.['addIncidentNote']).toMatchObject({ state: 'in_progress', notes: [{ kind: 'comment' }] });
    expect((await getIncident(tokens['agent']!, incident.id)).data!.incident.notes.map((n) => n.kind)).toEqual(['work_note', 'comment']);
    expect(errorCode(await getIncident(tokens['otherRequester']!, incident.id))).toBe('INCIDENT.NOT_FOUND');
  });

  it('re-prioritises active incidents under a new matrix only when asked', async () => {
    const incident = await openIncident(tokens['agent']!, { title: 'Matrix probe', impact: 3, urgency: 3 });
    const current = await graphql<{ priorityMatrix: { version: number } }>(url, tokens['admin'], '{ priorityMatrix { version } }');
    const update = (cells: number[][], expectedVersion: number, reprioritise: boolean) =>
      graphql<{ updatePriorityMatrix: { matrix: { version: number }; reprioritised: number } }>(url, tokens['admin'], 'mutation($i: PriorityMatrixInput!) { updatePriorityMatrix(input: $i) { matrix { version } reprioritised } }', { i: { cells, expectedVersion, reprioritise } });
    const version = current.data!.priorityMatrix.version;
    const quiet = await update([[1, 2, 3], [2, 3, 4], [3, 4, 4]], version, false);
    expect(quiet.data?.updatePriorityMatrix.reprioritised).toBe(0);
    expect((await getIncident(tokens['agent']!, incident.id)).data!.incident.priority).toBe(5);
    expect(errorCode(await update([[1, 2, 3], [2, 3, 4], [3, 4, 4]], version, true))).toBe('INCIDENT.CONFLICT');
    const asked = await update([[1, 2, 3], [2, 3, 4], [3, 4, 4]], version + 1, true);
    expect(asked.data?.updatePriorityMatrix.reprioritised).toBeGreaterThanOrEqual(1);
    expect((await getIncident(tokens['agent']!, incident.id)).data!.incident.priority).toBe(4);
    expect(errorCode(await update([[1, 2], [2, 3]], version + 2, false))).toBe('INCIDENT.INVALID_PRIORITY_MATRIX');
    expect(errorCode(await graphql(url, tokens['agent'], 'mutation { updatePriorityMatrix(input: { cells: [[1]], expectedVersion: 0 }) { reprioritised } }'))).toBe('FORBIDDEN');
    await update([[1, 2, 3], [2, 3, 4], [3, 4, 5]], version + 2, false);
  });
});
