import type { SupplierAction, SupplierTransition, SupplierUpdateReceived } from '@itsm/contracts';
import { createHash } from 'node:crypto';
import type { Incident, IncidentCommand, IncidentState } from '../../../domain';

/** The resolution code of an incident a supplier resolved (the supplier's text is the resolution notes). */
export const SUPPLIER_RESOLUTION_CODE = 'resolved_by_supplier';

const NOTE_MAX = 20_000;

/**
 * Our note id for a supplier's note: a stable digest of (supplier, its note id), so the same note sent
 * again (another inbound message, same note id) finds its note, and one supplier's id never collides
 * with another's. The supplier's ids are free text up to 128 characters; ours are 1-64 id characters.
 */
export function supplierNoteId(supplierId: string, supplierNoteKey: string): string {
  return `sn-${createHash('sha256').update(`${supplierId}\u0000${supplierNoteKey}`).digest('hex').slice(0, 40)}`;
}

type TransitionCommand = Extract<IncidentCommand, { readonly kind: 'start-work' | 'put-on-hold' | 'resolve' }>;

/** The state each transition leads to: a ticket already there took it (someone else moved it meanwhile). */
const TARGET: Readonly<Record<TransitionCommand['kind'], IncidentState>> = { 'start-work': 'in_progress', 'put-on-hold': 'on_hold', resolve: 'resolved' };

function transitionCommand(transition: SupplierTransition, action: SupplierAction): TransitionCommand | null {
  if (transition === null) return null;
  if (transition === 'start-work') return { kind: 'start-work' };
  if (transition === 'resolve') {
    const notes = action.kind === 'resolve' ? action.resolution : 'Resolved by the supplier.';
    return { kind: 'resolve', code: SUPPLIER_RESOLUTION_CODE, notes, cause: 'manual', causeId: null };
  }
  return { kind: 'put-on-hold', reason: transition.reason };
}

/** A comment whose source is the supplier (the exchange reads the source from the event's causation, MEF 124). */
function supplierComment(noteId: string, body: string): Extract<IncidentCommand, { readonly kind: 'add-note' }> {
  return { kind: 'add-note', noteId, noteKind: 'comment', body };
}

/** The supplier's author in front of its text when the whole still fits a note; the text is never cut. */
function authored(author: string, text: string): string {
  const body = `${author}: ${text}`;
  return body.length <= NOTE_MAX ? body : text;
}

function noteOf(update: SupplierUpdateReceived, updateId: string): Extract<IncidentCommand, { readonly kind: 'add-note' }> | null {
  const { action, supplierId } = update;
  switch (action.kind) {
    case 'add-note':
      return supplierComment(supplierNoteId(supplierId, action.noteId), authored(action.author, action.text));
    case 'reject':
      return supplierComment(supplierNoteId(supplierId, updateId), `Rejected by supplier ${supplierId}: ${action.reason}`);
    case 'request-information':
      return supplierComment(supplierNoteId(supplierId, updateId), `Supplier ${supplierId} asks: ${action.question}`);
    case 'acknowledge':
    case 'update':
    case 'resolve':
      return null;
  }
}

/**
 * The domain commands a verified supplier update runs on the incident as it is now, in order: the
 * supplier's note (a note already there, same id, is not added again: notes are append-only), then
 * the transition the exchange's mapping gave the action. `expectedState` is the state the exchange
 * saw; when the incident moved since, a transition it has already taken (the state is its target) is
 * skipped, and any other one is left to the domain, which refuses what is no longer legal
 * (INCIDENT.ILLEGAL_TRANSITION). The supplier's own ticket id and expected resolution date
 * (acknowledge, update) are the exchange's correlation facts: they change nothing here.
 */
export function supplierUpdateCommands(current: Incident, update: SupplierUpdateReceived, updateId: string): IncidentCommand[] {
  const commands: IncidentCommand[] = [];
  const note = noteOf(update, updateId);
  if (note !== null && !current.notes.some((existing) => existing.id === note.noteId)) commands.push(note);
  const transition = transitionCommand(update.transition, update.action);
  if (transition !== null) {
    const alreadyTaken = current.state !== update.expectedState && current.state === TARGET[transition.kind];
    if (!alreadyTaken) commands.push(transition);
  }
  return commands;
}

/**
 * The group a rejected ticket goes back to: the one that had it before the supplier's group (a
 * supplier rejects what it should not have got; ServiceNow's vendor rejection does the same). Null when
 * the action is no rejection, or the ticket came to the supplier first: it then stays where it is, the
 * rejection comment telling the service desk.
 */
export function handBackGroupId(current: Incident, update: SupplierUpdateReceived): string | null {
  if (update.action.kind !== 'reject') return null;
  const previous = current.previousAssignmentGroupId;
  return previous !== null && previous !== current.assignmentGroupId ? previous : null;
}
