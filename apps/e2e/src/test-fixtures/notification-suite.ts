import type { EventEnvelope } from '@itsm/contracts';
import { expectEventually, WebhookReceiver } from '@itsm/testing';
import type { DirectoryFeed, SmtpSink } from '@itsm/testing';

/** What the notification scenarios use of the one microservices boot (processes, peers, the gateway). */
export interface NotificationSuite {
  sink(): SmtpSink;
  inboundPort(): number;
  token(sub: string, roles: ('agent' | 'notification-admin')[]): Promise<string>;
  graphql(bearer: string, query: string, variables?: Record<string, unknown>): Promise<{ data?: unknown; errors?: unknown[] }>;
  produce(topic: string, envelopes: EventEnvelope[]): Promise<void>;
  readTopic(topic: string, keep: (envelope: EventEnvelope) => boolean): Promise<EventEnvelope[]>;
  /** SIGKILLs the notification service and starts it again on the same settings, until ready. */
  crashAndRestartNotification(): Promise<void>;
}

/** A person's work address (their mails in the sink are found by it). */
export const address = (person: string): string => `${person}@contoso.example`;

/**
 * Contoso and people of it, each with their work address and, when `zones` names one, their time
 * zone, as the directory publishes them (person ids are the userNames: the token subjects).
 */
export function contosoPeople(people: DirectoryFeed, personIds: readonly string[], zones: Readonly<Record<string, string>> = {}): EventEnvelope[] {
  const person = (personId: string) =>
    people.person({ personId, userName: personId, displayName: personId, organisationId: 'contoso', emails: [{ value: address(personId), type: 'work', primary: true }], timeZone: zones[personId] ?? null });
  return [people.organisation({ organisationId: 'contoso', name: 'Contoso', kind: 'internal' }), ...personIds.map(person)];
}

/** Polls for up to a minute (the services are separate processes on a shared machine). */
export const eventually = <T>(assertion: () => Promise<T> | T): Promise<T> => expectEventually(assertion, { timeoutMs: 60_000, intervalMs: 200 });

/** A GraphQL call through the gateway that must succeed: its one field's value. */
export function succeeding(suite: NotificationSuite) {
  return async <T>(bearer: string, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const answer = await suite.graphql(bearer, query, variables);
    if (answer.errors !== undefined) throw new Error(`${query}: ${JSON.stringify(answer.errors)}`);
    return Object.values(answer.data as Record<string, unknown>)[0] as T;
  };
}

/** A GraphQL call through the gateway that must be refused: the first error's code and details. */
export async function refusal(suite: NotificationSuite, bearer: string, query: string, variables: Record<string, unknown>): Promise<{ code: unknown; details: unknown }> {
  const answer = (await suite.graphql(bearer, query, variables)) as { errors?: { extensions?: { code?: unknown; details?: unknown } }[] };
  const error = answer.errors?.[0]?.extensions;
  return { code: error?.code, details: error?.details };
}

const SAVE_ENDPOINT = 'mutation($input: NotificationEndpointInput!, $id: ID) { saveNotificationEndpoint(input: $input, id: $id) { endpoint { id } secret } }';

/**
 * An admin's webhook endpoint posting to a real receiver that verifies with its secret: the endpoint
 * is created first (its secret is answered once), the receiver started with it, then the URL set.
 */
export async function webhookEndpoint(suite: NotificationSuite, admin: string, name: string): Promise<{ endpointId: string; receiver: WebhookReceiver }> {
  const ok = succeeding(suite);
  const created = await ok<{ endpoint: { id: string }; secret: string }>(admin, SAVE_ENDPOINT, { input: { name, channel: 'webhook', url: 'http://127.0.0.1:9/unset' } });
  const receiver = await WebhookReceiver.start(created.secret);
  await ok(admin, SAVE_ENDPOINT, { id: created.endpoint.id, input: { name, channel: 'webhook', url: receiver.url() } });
  return { endpointId: created.endpoint.id, receiver };
}
