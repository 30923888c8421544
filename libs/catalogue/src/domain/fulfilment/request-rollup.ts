import type { ItemState } from './item-fulfilment';

/** A request's state: open while any item is, then closed by its items' outcomes. */
export const REQUEST_STATES = ['open', 'closed_complete', 'closed_incomplete', 'canceled'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export interface RequestStateChanged {
  readonly type: 'request_state_changed';
  readonly previousState: RequestState;
  readonly state: RequestState;
}

export interface RequestStep {
  readonly state: RequestState;
  readonly facts: readonly RequestStateChanged[];
}

const ITEM_CLOSED: readonly ItemState[] = ['closed_complete', 'closed_incomplete', 'canceled', 'rejected'];

/**
 * The request's state its items imply: open while an item is not closed (complete, incomplete,
 * canceled or rejected); then canceled when every item was canceled, closed_complete when every
 * item closed complete, else closed_incomplete (a failed, rejected or canceled item among others).
 */
export function requestOutcome(itemStates: readonly ItemState[]): RequestState {
  if (itemStates.length === 0) throw new RangeError('a request has at least one item');
  if (!itemStates.every((s) => ITEM_CLOSED.includes(s))) return 'open';
  if (itemStates.every((s) => s === 'canceled')) return 'canceled';
  if (itemStates.every((s) => s === 'closed_complete')) return 'closed_complete';
  return 'closed_incomplete';
}

/** The request after one of its items changed: its new state, and the fact when it changed. A closed request stays closed. */
export function rollupRequest(request: RequestState, itemStates: readonly ItemState[]): RequestStep {
  if (request !== 'open') return { state: request, facts: [] };
  const state = requestOutcome(itemStates);
  return state === request ? { state, facts: [] } : { state, facts: [{ type: 'request_state_changed', previousState: request, state }] };
}
