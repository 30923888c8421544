/**
 * What bench:notification sets up before its load, only through what the service offers: the
 * people and groups as the directory publishes them (DirectoryFeed on `itsm.directory.v1`), and the
 * webhook endpoint and the rule saved through the service's GraphQL with a notification admin's token.
 */
import { directoryTopic, encodeEnvelope } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { DirectoryFeed } from '@itsm/testing';
import type { Producer } from 'kafkajs';

export const MEMBERS_PER_GROUP = 10;

/** The bench's assignment groups: `nb-g<n>`, each with ten people mailed at `nb-p<n>-<m>@bench.example`. */
export interface BenchGroup {
  readonly groupId: string;
  readonly members: readonly string[];
}

export function benchGroups(count: number): BenchGroup[] {
  return Array.from({ length: count }, (_, g) => ({
    groupId: `nb-g${g}`,
    members: Array.from({ length: MEMBERS_PER_GROUP }, (_, m) => `nb-p${g}-${m}@bench.example`),
  }));
}

/** Publishes the groups and their people as the directory would. */
export async function publishDirectory(producer: Producer, groups: readonly BenchGroup[]): Promise<void> {
  const feed = new DirectoryFeed('/itsm/directory', 'u-bench-directory');
  const events: EventEnvelope[] = [feed.organisation({ organisationId: 'bench-org', name: 'Bench', kind: 'internal' })];
  for (const group of groups) {
    const personIds = group.members.map((mail) => mail.slice(0, mail.indexOf('@')));
    for (const [i, personId] of personIds.entries()) {
      events.push(feed.person({ personId, userName: personId, displayName: personId, organisationId: 'bench-org', emails: [{ value: group.members[i] ?? '', type: 'work', primary: true }] }));
    }
    events.push(feed.group({ groupId: group.groupId, name: group.groupId, kind: 'assignment', organisationId: 'bench-org', roles: ['agent'] }));
    events.push(feed.membersAdded(group.groupId, personIds));
  }
  await producer.send({ topic: directoryTopic.name, acks: -1, messages: events.map((event) => encodeEnvelope(event)) });
}

async function graphql<T>(url: string, token: string, query: string, variables: Readonly<Record<string, unknown>>): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { data?: T; errors?: readonly { message?: string; extensions?: { code?: string } }[] };
  if (body.errors?.length || body.data === undefined) throw new Error(`GraphQL answered ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data;
}

const SAVE_ENDPOINT = 'mutation($input: NotificationEndpointInput!, $id: ID) { saveNotificationEndpoint(input: $input, id: $id) { endpoint { id } secret } }';
const SAVE_RULE = 'mutation($input: NotificationRuleInput!) { saveNotificationRule(input: $input) { id } }';
type SavedEndpoint = { saveNotificationEndpoint: { endpoint: { id: string }; secret: string | null } };

/** Creates the webhook endpoint (its secret is shown once, on creation); `pointAt` then sets its URL, once the receiver knows the secret. */
export async function createEndpoint(url: string, token: string): Promise<{ readonly id: string; readonly secret: string; pointAt(target: string): Promise<void> }> {
  const input = { name: 'Bench hook', channel: 'webhook' };
  const created = await graphql<SavedEndpoint>(url, token, SAVE_ENDPOINT, { input: { ...input, url: 'http://127.0.0.1:9/unset' } });
  const { endpoint, secret } = created.saveNotificationEndpoint;
  if (secret === null) throw new Error('a new endpoint came without its secret');
  return {
    id: endpoint.id,
    secret,
    pointAt: async (target) => {
      await graphql<SavedEndpoint>(url, token, SAVE_ENDPOINT, { input: { ...input, url: target }, id: endpoint.id });
    },
  };
}

/** The rule under load: an incident assigned to a group mails its members and posts to the endpoint (urgent: no quiet hours). */
export async function saveAssignmentRule(url: string, token: string, endpointId: string): Promise<string> {
  const input = {
    name: 'Bench: incident assigned to the group and the hook',
    eventType: 'itsm.incident.assigned.v1',
    conditions: [],
    recipients: [{ kind: 'assignment_group' }],
    channels: ['email'],
    endpoints: [{ endpointId, channel: 'webhook' }],
    category: 'assignment',
    urgent: true,
    templateId: 'builtin.event',
  };
  const saved = await graphql<{ saveNotificationRule: { id: string } }>(url, token, SAVE_RULE, { input });
  return saved.saveNotificationRule.id;
}
