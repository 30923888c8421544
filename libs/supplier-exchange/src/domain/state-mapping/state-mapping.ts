import { TROUBLE_TICKET_STATUSES } from '@itsm/contracts';
import type { IncidentStateSchema, SupplierAction, SupplierTransition, TroubleTicketStatus } from '@itsm/contracts';
import type { Static } from '@sinclair/typebox';
import { SupplierExchangeErrorCode, supplierExchangeError } from '../supplier-exchange.errors';

export type IncidentState = Static<typeof IncidentStateSchema>;
export type SupplierActionKind = SupplierAction['kind'];

const INCIDENT_STATE_SET: Readonly<Record<IncidentState, true>> = { new: true, in_progress: true, on_hold: true, resolved: true, closed: true, canceled: true };
export const INCIDENT_STATES = Object.keys(INCIDENT_STATE_SET) as readonly IncidentState[];
const ACTION_SET: Readonly<Record<SupplierActionKind, true>> = { acknowledge: true, reject: true, update: true, 'add-note': true, resolve: true, 'request-information': true };
export const SUPPLIER_ACTION_KINDS = Object.keys(ACTION_SET) as readonly SupplierActionKind[];

/** Our terminal states and TMF621's (MEF 124): nothing follows them, and they map only onto each other. */
const TERMINAL_STATES: readonly IncidentState[] = ['closed', 'canceled'];
const TERMINAL_STATUS: Readonly<Partial<Record<IncidentState, TroubleTicketStatus>>> = { closed: 'closed', canceled: 'cancelled' };
/** Statuses a live ticket of ours may show a supplier (`rejected` is the supplier's answer, never our state). */
const LIVE_STATUSES: readonly TroubleTicketStatus[] = ['acknowledged', 'pending', 'held', 'inProgress', 'resolved'];

/**
 * One supplier's state mapping, as data an admin edits (no restart): each of our incident states
 * shown as one TMF621 status, and each supplier action given the incident transition it causes.
 */
export interface StateMapping {
  readonly outbound: Readonly<Record<IncidentState, TroubleTicketStatus>>;
  readonly inbound: Readonly<Record<SupplierActionKind, SupplierTransition>>;
}

export const DEFAULT_STATE_MAPPING: StateMapping = {
  outbound: { new: 'acknowledged', in_progress: 'inProgress', on_hold: 'pending', resolved: 'resolved', closed: 'closed', canceled: 'cancelled' },
  inbound: {
    acknowledge: 'start-work',
    reject: null,
    update: null,
    'add-note': null,
    resolve: 'resolve',
    'request-information': { kind: 'put-on-hold', reason: 'awaiting_caller' },
  },
};

/** The transitions each action may be mapped to: a supplier never closes, cancels or reopens our ticket. */
const ALLOWED_TRANSITIONS: Readonly<Record<SupplierActionKind, readonly string[]>> = {
  acknowledge: ['none', 'start-work'],
  reject: ['none'],
  update: ['none'],
  'add-note': ['none'],
  resolve: ['resolve'],
  'request-information': ['none', 'put-on-hold:awaiting_caller'],
};

/** The states each transition may start from (the incident context's own rules, re-checked when it applies them). */
const TRANSITION_FROM: Readonly<Record<Exclude<TransitionName, 'none'>, readonly IncidentState[]>> = {
  'start-work': ['new'],
  'put-on-hold': ['new', 'in_progress'],
  resolve: ['new', 'in_progress', 'on_hold'],
};
type TransitionName = 'none' | 'start-work' | 'put-on-hold' | 'resolve';

function transitionName(transition: SupplierTransition): TransitionName {
  if (transition === null) return 'none';
  return typeof transition === 'string' ? transition : transition.kind;
}

/** A transition as admins write it: `none`, `start-work`, `resolve`, `put-on-hold:<reason>`. */
export function transitionKey(transition: SupplierTransition): string {
  return transition !== null && typeof transition === 'object' ? `${transition.kind}:${transition.reason}` : transitionName(transition);
}

export function isTerminalState(state: IncidentState): boolean {
  return TERMINAL_STATES.includes(state);
}

/** The TMF621 status a supplier sees for one of our states. */
export function outboundStatus(mapping: StateMapping, state: IncidentState): TroubleTicketStatus {
  return mapping.outbound[state];
}

/**
 * The transition a supplier's action causes on a ticket in `state`, or `illegal` when the ticket cannot
 * take it (a terminal ticket takes nothing). Acknowledging a ticket already being worked on is normal
 * and causes no transition.
 */
export function inboundTransition(mapping: StateMapping, action: SupplierActionKind, state: IncidentState): { readonly transition: SupplierTransition } | 'illegal' {
  if (isTerminalState(state)) return 'illegal';
  const transition = mapping.inbound[action];
  const name = transitionName(transition);
  if (name === 'none' || TRANSITION_FROM[name].includes(state)) return { transition };
  return action === 'acknowledge' ? { transition: null } : 'illegal';
}

function invalid(message: string, field: string, value: unknown): never {
  throw supplierExchangeError(SupplierExchangeErrorCode.InvalidMapping, message, { field, value: typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined' });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseTransition(value: unknown, field: string): SupplierTransition {
  if (value === null || value === 'start-work' || value === 'resolve') return value;
  if (isRecord(value) && value['kind'] === 'put-on-hold' && Object.keys(value).length === 2) {
    const reason = value['reason'];
    if (reason === 'awaiting_caller' || reason === 'awaiting_change' || reason === 'awaiting_problem' || reason === 'awaiting_vendor') return { kind: 'put-on-hold', reason };
  }
  return invalid(`${field} is not an incident transition`, field, value);
}

/** The transition an admin's text names (the inverse of transitionKey), as parseStateMapping reads it; other text is returned as it is, for the parser to refuse with its field. */
export function transitionOfKey(key: string): unknown {
  if (key === 'none') return null;
  const [kind, reason, ...rest] = key.split(':');
  return kind === 'put-on-hold' && reason !== undefined && rest.length === 0 ? { kind, reason } : key;
}

/** Checks an admin's mapping (any JSON) and returns it typed; refuses it with the first field that is wrong. */
export function parseStateMapping(input: unknown): StateMapping {
  if (!isRecord(input) || Object.keys(input).some((k) => k !== 'outbound' && k !== 'inbound')) invalid('a state mapping has exactly outbound and inbound', 'mapping', input);
  const outboundIn = input['outbound'];
  const inboundIn = input['inbound'];
  if (!isRecord(outboundIn)) return invalid('outbound must map each incident state', 'outbound', outboundIn);
  if (!isRecord(inboundIn)) return invalid('inbound must map each supplier action', 'inbound', inboundIn);
  for (const key of Object.keys(outboundIn)) if (!(key in INCIDENT_STATE_SET)) invalid(`${key} is not an incident state`, `outbound.${key}`, key);
  for (const key of Object.keys(inboundIn)) if (!(key in ACTION_SET)) invalid(`${key} is not a supplier action`, `inbound.${key}`, key);

  const outbound = {} as Record<IncidentState, TroubleTicketStatus>;
  for (const state of INCIDENT_STATES) {
    const field = `outbound.${state}`;
    const status = outboundIn[state];
    if (typeof status !== 'string' || !(TROUBLE_TICKET_STATUSES as readonly string[]).includes(status)) return invalid(`${field} must be one TMF621 status`, field, status);
    const typed = status as TroubleTicketStatus;
    const terminal = TERMINAL_STATUS[state];
    if (terminal !== undefined && typed !== terminal) invalid(`${state} is terminal and shows only as ${terminal}`, field, status);
    if (terminal === undefined && !LIVE_STATUSES.includes(typed)) invalid(`${state} is not terminal and cannot show as ${status}`, field, status);
    outbound[state] = typed;
  }
  const inbound = {} as Record<SupplierActionKind, SupplierTransition>;
  for (const action of SUPPLIER_ACTION_KINDS) {
    const field = `inbound.${action}`;
    if (!(action in inboundIn)) invalid(`${field} is missing`, field, undefined);
    const transition = parseTransition(inboundIn[action], field);
    if (!ALLOWED_TRANSITIONS[action].includes(transitionKey(transition))) invalid(`${action} may not cause ${transitionKey(transition)}`, field, transition);
    inbound[action] = transition;
  }
  return { outbound, inbound };
}
