import { TOPIC_FAMILY_VALUE_PATTERN, checkText } from '@itsm/contracts';
import { parseStateMapping } from '../state-mapping/state-mapping';
import type { StateMapping } from '../state-mapping/state-mapping';
import { SupplierExchangeErrorCode, supplierExchangeError } from '../supplier-exchange.errors';

/** The ticket kinds a supplier may take; only incidents travel to suppliers so far. */
export const SUPPLIER_TICKET_KINDS = ['incident'] as const;
export type SupplierTicketKind = (typeof SUPPLIER_TICKET_KINDS)[number];

/**
 * One supplier organisation's connection (admin data): who it is, the agent its updates are applied as,
 * what it may see of a ticket, its state mapping and the ticket kinds it takes.
 */
export interface SupplierConnection {
  /** Also the middle part of its topic names (`itsm.supplier.<supplierId>.out.v1`). */
  readonly supplierId: string;
  /** The directory organisation whose groups are this supplier's. */
  readonly organisationId: string;
  readonly name: string;
  /** The directory person the supplier's updates are applied as. */
  readonly agentId: string;
  /** How the integrator signs its notes to this supplier (our agents' names stay ours). */
  readonly integratorName: string;
  /** The caller's email and phone in clear; masked (`j***@contoso.com`) otherwise. */
  readonly exposeCallerContact: boolean;
  /** The affected service and configuration items as related entities. */
  readonly exposeRelatedEntities: boolean;
  readonly ticketKinds: readonly SupplierTicketKind[];
  readonly stateMapping: StateMapping;
  /**
   * The keys the supplier's inbound records are verified with (Standard Webhooks): `whpk_` Ed25519
   * public keys or `whsec_` HMAC secrets, 1, or 2 during a rotation. Never a private key.
   */
  readonly inboundKeys: readonly string[];
  /** How its outbound events reach it: its own Kafka topic (the default) or a signed webhook. */
  readonly outbound: OutboundChannel;
}

/** The supplier reads its topic `itsm.supplier.<supplierId>.out.v1` itself. */
export interface KafkaOutbound {
  readonly channel: 'kafka';
}

/**
 * Each event POSTed to the supplier's URL, signed per Standard Webhooks with every signing key
 * (`whsec_` HMAC secrets or `whsk_` Ed25519 private keys; 2 during a rotation). Secrets: stored with
 * the connection as notification stores its endpoints' secrets, never shown through GraphQL.
 */
export interface WebhookOutbound {
  readonly channel: 'webhook';
  readonly url: string;
  readonly signingKeys: readonly string[];
}

export type OutboundChannel = KafkaOutbound | WebhookOutbound;
export const OUTBOUND_CHANNELS = ['kafka', 'webhook'] as const;

/** At most two verifying keys: the current one and, during a rotation, the next. */
export const MAX_INBOUND_KEYS = 2;

/** Parses one key's text (outside the domain: crypto); returns why it is not a verifying key, or undefined. */
export type InboundKeyCheck = (text: string) => string | undefined;

/** The outside checks of a webhook channel (crypto and the platform's target URL policy): each returns why not, or undefined. */
export interface OutboundChecks {
  readonly signingKey: (text: string) => string | undefined;
  /** The URL as stored (normalised), or why it is refused. */
  readonly url: (text: string) => { readonly url: string } | { readonly problem: string };
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/;
const SUPPLIER_ID = new RegExp(TOPIC_FAMILY_VALUE_PATTERN);
const KEYS = ['supplierId', 'organisationId', 'name', 'agentId', 'integratorName', 'exposeCallerContact', 'exposeRelatedEntities', 'ticketKinds', 'stateMapping', 'inboundKeys', 'outbound'];

function invalid(field: string, message: string): never {
  throw supplierExchangeError(SupplierExchangeErrorCode.InvalidConnection, `${field} ${message}`, { field });
}

function text(input: Record<string, unknown>, field: string, max: number, pattern?: RegExp): string {
  const value = input[field];
  if (typeof value !== 'string' || value.length === 0) return invalid(field, 'is required');
  const checked = checkText(value, 'name');
  if ('problem' in checked || checked.value.length > max) return invalid(field, `must be plain text of at most ${max} characters`);
  if (pattern !== undefined && !pattern.test(checked.value)) return invalid(field, 'is not an id');
  return checked.value;
}

function flag(input: Record<string, unknown>, field: string): boolean {
  const value = input[field];
  return typeof value === 'boolean' ? value : invalid(field, 'must be true or false');
}

function inboundKeys(input: Record<string, unknown>, checkKey: InboundKeyCheck): string[] {
  const keys = input['inboundKeys'];
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_INBOUND_KEYS) return invalid('inboundKeys', `must list 1 to ${MAX_INBOUND_KEYS} verifying keys`);
  keys.forEach((key: unknown, index) => {
    if (typeof key !== 'string') return invalid(`inboundKeys.${index}`, 'must be a whpk_ or whsec_ key');
    const problem = checkKey(key);
    if (problem !== undefined) invalid(`inboundKeys.${index}`, problem);
  });
  if (new Set(keys).size !== keys.length) invalid('inboundKeys', 'lists a key twice');
  return keys as string[];
}

function outbound(input: Record<string, unknown>, checks: OutboundChecks): OutboundChannel {
  const value = input['outbound'];
  if (value === undefined) return { channel: 'kafka' };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid('outbound', 'must be an object');
  const record = value as Record<string, unknown>;
  const channel = record['channel'];
  if (channel === 'kafka') {
    const extra = Object.keys(record).find((key) => key !== 'channel');
    return extra === undefined ? { channel } : invalid(`outbound.${extra}`, 'is not a field of the kafka channel');
  }
  if (channel !== 'webhook') return invalid('outbound.channel', `must be one of ${OUTBOUND_CHANNELS.join(', ')}`);
  const extra = Object.keys(record).find((key) => !['channel', 'url', 'signingKeys'].includes(key));
  if (extra !== undefined) invalid(`outbound.${extra}`, 'is not a field of the webhook channel');
  const url = record['url'];
  if (typeof url !== 'string' || url.length === 0) return invalid('outbound.url', 'is required');
  const checked = checks.url(url);
  if ('problem' in checked) return invalid('outbound.url', `is not allowed: ${checked.problem}`);
  const keys = record['signingKeys'];
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_INBOUND_KEYS) return invalid('outbound.signingKeys', `must list 1 to ${MAX_INBOUND_KEYS} signing keys`);
  keys.forEach((key: unknown, index) => {
    if (typeof key !== 'string') return invalid(`outbound.signingKeys.${index}`, 'must be a whsec_ or whsk_ key');
    const problem = checks.signingKey(key);
    if (problem !== undefined) invalid(`outbound.signingKeys.${index}`, problem);
  });
  if (new Set(keys).size !== keys.length) invalid('outbound.signingKeys', 'lists a key twice');
  return { channel, url: checked.url, signingKeys: keys as string[] };
}

/**
 * Checks an admin's connection (any JSON) and returns it typed; refuses it naming the first wrong
 * field. `checkKey` parses each inbound key (the application's webhook key parser), `checks` the
 * webhook channel's URL and signing keys; no `outbound` is the Kafka channel.
 */
export function parseSupplierConnection(input: unknown, checkKey: InboundKeyCheck, checks: OutboundChecks): SupplierConnection {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return invalid('connection', 'must be an object');
  const record = input as Record<string, unknown>;
  const unknown = Object.keys(record).find((key) => !KEYS.includes(key));
  if (unknown !== undefined) invalid(unknown, 'is not a connection field');
  const supplierId = text(record, 'supplierId', 40, SUPPLIER_ID);
  if (supplierId.length < 2) invalid('supplierId', 'has at least 2 characters');
  const kinds = record['ticketKinds'];
  if (!Array.isArray(kinds) || kinds.length === 0 || kinds.some((k) => !(SUPPLIER_TICKET_KINDS as readonly unknown[]).includes(k)) || new Set(kinds).size !== kinds.length) {
    invalid('ticketKinds', `must list distinct kinds of ${SUPPLIER_TICKET_KINDS.join(', ')}`);
  }
  return {
    supplierId,
    organisationId: text(record, 'organisationId', 64, ID),
    name: text(record, 'name', 200),
    agentId: text(record, 'agentId', 64, ID),
    integratorName: text(record, 'integratorName', 200),
    exposeCallerContact: flag(record, 'exposeCallerContact'),
    exposeRelatedEntities: flag(record, 'exposeRelatedEntities'),
    ticketKinds: kinds as SupplierTicketKind[],
    stateMapping: parseStateMapping(record['stateMapping']),
    inboundKeys: inboundKeys(record, checkKey),
    outbound: outbound(record, checks),
  };
}

function webhookOf(connection: SupplierConnection): WebhookOutbound {
  if (connection.outbound.channel !== 'webhook') return invalid('outbound.channel', `of ${connection.supplierId} is kafka: it has no signing keys`);
  return connection.outbound;
}

/** The connection with one more webhook signing key (the next of a rotation): at most MAX_INBOUND_KEYS sign at once. */
export function addSigningKey(connection: SupplierConnection, key: string): SupplierConnection {
  const outbound = webhookOf(connection);
  if (outbound.signingKeys.length >= MAX_INBOUND_KEYS) invalid('outbound.signingKeys', `already has ${MAX_INBOUND_KEYS} keys: retire one first`);
  return { ...connection, outbound: { ...outbound, signingKeys: [...outbound.signingKeys, key] } };
}

/** The connection without a webhook signing key (the end of a rotation): the last one stays. */
export function removeSigningKey(connection: SupplierConnection, key: string): SupplierConnection {
  const outbound = webhookOf(connection);
  if (!outbound.signingKeys.includes(key)) invalid('keyId', 'names no signing key of the connection');
  if (outbound.signingKeys.length === 1) invalid('keyId', 'names the only signing key: rotate first');
  return { ...connection, outbound: { ...outbound, signingKeys: outbound.signingKeys.filter((k) => k !== key) } };
}
