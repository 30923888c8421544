import { NOTIFICATION_EVENT_TYPES } from '@itsm/contracts';
import type { notificationTopic, PayloadOf } from '@itsm/contracts';
import { isMailAddress } from '../mail-address';
import type { EndpointChannel } from '../notice';
import { NotificationErrorCode, notificationError } from '../notification.errors';

/** A signing secret of a webhook endpoint: `whsec_` and base64 of 24-64 random bytes; never shown after it is issued. */
export interface WebhookSecret {
  /** Names the secret for retiring it (`s<n>`, increasing per endpoint). */
  readonly id: string;
  readonly secret: string;
  readonly createdAt: number;
}

export type EndpointState = { readonly kind: 'active' } | { readonly kind: 'disabled'; readonly reason: string; readonly at: number };

/** Chat answers that say the webhook is gone (404, Slack's `no_service`) in a row since `since`. */
export interface BrokenRun {
  readonly count: number;
  readonly since: number;
}

/** A configured webhook, Slack or Teams target rules may name as a recipient. */
export interface NotificationEndpoint {
  readonly id: string;
  readonly name: string;
  readonly channel: EndpointChannel;
  readonly url: string;
  /** Webhooks: one or two active secrets (two during a rotation, both signing); chat: none. */
  readonly secrets: readonly WebhookSecret[];
  readonly state: EndpointState;
  readonly broken: BrokenRun | null;
  /** Who is responsible: the user name (token subject) of who created it; null for endpoints kept before owners were. */
  readonly owner: string | null;
  /** A mail address an admin set to be told about the endpoint (a team list), or null. */
  readonly contact: string | null;
}

type DisabledType = typeof NOTIFICATION_EVENT_TYPES.endpointDisabled;
/** What an endpoint decides, as itsm.notification.v1 carries it: being switched off. */
export interface EndpointEvent {
  readonly type: DisabledType;
  readonly data: PayloadOf<typeof notificationTopic, DisabledType>;
}

/** An endpoint after a change and the events the change decided (none, or its disabling). */
export interface EndpointDecision {
  readonly endpoint: NotificationEndpoint;
  readonly events: readonly EndpointEvent[];
}

export const MAX_ACTIVE_SECRETS = 2;
/** A chat webhook answering "gone" this many times in a row, over at least BROKEN_SPAN_MS, is disabled. */
export const BROKEN_LIMIT = 3;
export const BROKEN_SPAN_MS = 60 * 60 * 1000;

const SECRET = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;

/** Whether a text is a Standard Webhooks secret (24 to 64 bytes once decoded). */
export function isWebhookSecret(text: string): boolean {
  if (!SECRET.test(text)) return false;
  const body = text.slice('whsec_'.length);
  const bytes = (body.length * 3) / 4 - (body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0);
  return body.length % 4 === 0 && bytes >= 24 && bytes <= 64;
}

/** Adds a signing secret (a rotation's new one): both sign until the old one is retired. */
export function addSecret(endpoint: NotificationEndpoint, secret: string, now: number): NotificationEndpoint {
  if (endpoint.channel !== 'webhook') throw notificationError(NotificationErrorCode.InvalidInput, `Endpoint ${endpoint.id} is a ${endpoint.channel} webhook: only signed webhooks have secrets.`, { endpointId: endpoint.id });
  if (endpoint.secrets.length >= MAX_ACTIVE_SECRETS) throw notificationError(NotificationErrorCode.IllegalTransition, `Endpoint ${endpoint.id} has ${MAX_ACTIVE_SECRETS} active secrets: retire one before adding another.`, { endpointId: endpoint.id });
  if (!isWebhookSecret(secret)) throw new RangeError('a webhook secret is whsec_ and base64 of 24-64 bytes');
  const next = Math.max(0, ...endpoint.secrets.map((s) => Number(s.id.slice(1)))) + 1;
  return { ...endpoint, secrets: [...endpoint.secrets, { id: `s${next}`, secret, createdAt: now }] };
}

/** Retires a secret at the end of a rotation's overlap; the last one stays (an unsigned webhook would be refused). */
export function retireSecret(endpoint: NotificationEndpoint, secretId: string): NotificationEndpoint {
  if (!endpoint.secrets.some((s) => s.id === secretId)) throw notificationError(NotificationErrorCode.NotFound, `Endpoint ${endpoint.id} has no secret ${secretId}.`, { endpointId: endpoint.id, secretId });
  if (endpoint.secrets.length === 1) throw notificationError(NotificationErrorCode.IllegalTransition, `Secret ${secretId} is the only one of endpoint ${endpoint.id}: rotate first.`, { endpointId: endpoint.id, secretId });
  return { ...endpoint, secrets: endpoint.secrets.filter((s) => s.id !== secretId) };
}

/** The contact an admin sets: trimmed, a mail address, or null for none (NOTIFICATION.INVALID_INPUT otherwise). */
export function endpointContact(text: string | null): string | null {
  const contact = text?.trim() ?? '';
  if (contact === '') return null;
  if (!isMailAddress(contact)) throw notificationError(NotificationErrorCode.InvalidInput, `${contact} is not a mail address.`, { field: 'contact' });
  return contact;
}

/**
 * Switches an endpoint off, deciding `endpoint-disabled` (its owner and contact are told); an endpoint
 * already off changes nothing and decides nothing. `by`: `system` for an answer's verdict, else the admin.
 */
export function disableEndpoint(endpoint: NotificationEndpoint, reason: string, by: string, now: number): EndpointDecision {
  if (endpoint.state.kind === 'disabled') return { endpoint, events: [] };
  const disabled: NotificationEndpoint = { ...endpoint, state: { kind: 'disabled', reason, at: now } };
  const data = { endpointId: endpoint.id, name: endpoint.name, channel: endpoint.channel, reason: reason.slice(0, 500), ownerUserName: endpoint.owner, contact: endpoint.contact, by, at: new Date(now).toISOString() };
  return { endpoint: disabled, events: [{ type: NOTIFICATION_EVENT_TYPES.endpointDisabled, data }] };
}

/** Switches an endpoint back on: a fresh start for its run of "gone" answers. */
export function enableEndpoint(endpoint: NotificationEndpoint): NotificationEndpoint {
  return { ...endpoint, state: { kind: 'active' }, broken: null };
}

/**
 * A chat webhook answered "gone" (404, a revoked Slack webhook): one more in the run; the run
 * disables the endpoint once it holds BROKEN_LIMIT answers spanning at least BROKEN_SPAN_MS, so a
 * proxy's passing 404 does not switch it off.
 */
export function recordGone(endpoint: NotificationEndpoint, reason: string, now: number): EndpointDecision {
  const run = endpoint.broken === null ? { count: 1, since: now } : { count: endpoint.broken.count + 1, since: endpoint.broken.since };
  const broken = { ...endpoint, broken: run };
  return run.count >= BROKEN_LIMIT && now - run.since >= BROKEN_SPAN_MS ? disableEndpoint(broken, reason, 'system', now) : { endpoint: broken, events: [] };
}

/** A delivered message ends a run of "gone" answers. */
export function recordDelivered(endpoint: NotificationEndpoint): NotificationEndpoint {
  return endpoint.broken === null ? endpoint : { ...endpoint, broken: null };
}
