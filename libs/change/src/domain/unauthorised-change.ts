import type { changeTopic, PayloadOf } from '@itsm/contracts';
import { ChangeError, ChangeErrorCode } from './change.errors';

type ChangeTopic = typeof changeTopic;
type Detected = 'itsm.change.unauthorised-change-detected.v1';
type Resolved = 'itsm.change.unauthorised-change-resolved.v1';

/** The events of an unauthorised-change record (its own stream: `changeSubject('unauthorised-change', id)`). */
export type UnauthorisedChangeEvent = { readonly type: Detected; readonly data: PayloadOf<ChangeTopic, Detected> } | { readonly type: Resolved; readonly data: PayloadOf<ChangeTopic, Resolved> };

/**
 * The CMDB's sources that are people, not discovery: edits in the UI or the API (`manual`) and
 * generic bulk imports (`import`), its built-in sources. Every other source is a discovery tool or
 * a supplier's feed an admin added.
 */
export const NON_DISCOVERY_SOURCES: readonly string[] = ['manual', 'import'];

export function isDiscoverySource(source: string): boolean {
  return !NON_DISCOVERY_SOURCES.includes(source);
}

export const UNAUTHORISED_CHANGE_STATUSES = ['open', 'acknowledged', 'linked'] as const;
export type UnauthorisedChangeStatus = (typeof UNAUTHORISED_CHANGE_STATUSES)[number];

export type DiscoveredValue = string | number | boolean | null;

export interface DiscoveredAttributeChange {
  readonly attribute: string;
  readonly old: DiscoveredValue;
  readonly new: DiscoveredValue;
}

/** A CI changed by discovery while no change on it was implementing: flagged for the change manager. */
export interface UnauthorisedChange {
  readonly id: string;
  readonly ciId: string;
  readonly ciName: string;
  readonly classId: string;
  /** The discovery source that reported the change. */
  readonly source: string;
  readonly changes: readonly DiscoveredAttributeChange[];
  /** The discovery account or job (the CMDB event's `by`) and when the CMDB recorded it. */
  readonly discoveredBy: string;
  readonly detectedAt: Date;
  readonly status: UnauthorisedChangeStatus;
  readonly note: string | null;
  /** The change it was linked to. */
  readonly changeId: string | null;
  readonly resolvedBy: string | null;
  readonly resolvedAt: Date | null;
}

export interface UnauthorisedChangeDecision {
  readonly record: UnauthorisedChange;
  readonly events: readonly UnauthorisedChangeEvent[];
}

/** A CMDB update as detection reads it (`itsm.cmdb.ci-updated.v1`). */
export interface CiUpdate {
  readonly ciId: string;
  readonly ciName: string;
  readonly classId: string;
  readonly source: string;
  readonly changes: readonly DiscoveredAttributeChange[];
  readonly by: string;
  readonly at: Date;
}

/**
 * Whether a CI update is an unauthorised change: made by discovery while no change naming the CI
 * is implementing (`implementingChangeIds` empty). The record `id` derives from the CMDB event, so
 * the same event always decides the same record.
 */
export function detectUnauthorisedChange(id: string, update: CiUpdate, implementingChangeIds: readonly string[]): UnauthorisedChangeDecision | null {
  if (!isDiscoverySource(update.source) || implementingChangeIds.length > 0 || update.changes.length === 0) return null;
  const record: UnauthorisedChange = {
    id,
    ciId: update.ciId,
    ciName: update.ciName,
    classId: update.classId,
    source: update.source,
    changes: update.changes.map((c) => ({ ...c })),
    discoveredBy: update.by,
    detectedAt: update.at,
    status: 'open',
    note: null,
    changeId: null,
    resolvedBy: null,
    resolvedAt: null,
  };
  const data = { recordId: id, ciId: update.ciId, ciName: update.ciName, source: update.source, attributes: [...new Set(update.changes.map((c) => c.attribute))], by: update.by, at: update.at.toISOString() };
  return { record, events: [{ type: 'itsm.change.unauthorised-change-detected.v1', data }] };
}

const NOTE_MAX = 2_000;

function checkedNote(note: string | null, required: boolean): string | null {
  const trimmed = note?.trim() ?? '';
  if (trimmed === '') {
    if (required) throw new ChangeError(ChangeErrorCode.InvalidInput, 'acknowledging an unauthorised change needs a note', { field: 'note' });
    return null;
  }
  if (trimmed.length > NOTE_MAX) throw new ChangeError(ChangeErrorCode.InvalidInput, `the note is longer than ${NOTE_MAX} characters`, { field: 'note' });
  return trimmed;
}

function open(record: UnauthorisedChange): void {
  if (record.status !== 'open') throw new ChangeError(ChangeErrorCode.IllegalTransition, `unauthorised change ${record.id} is already ${record.status}`, { id: record.id, status: record.status });
}

function resolved(record: UnauthorisedChange, next: Pick<UnauthorisedChange, 'status' | 'note' | 'changeId'>, by: string, now: Date): UnauthorisedChangeDecision {
  const resolution = next.status === 'linked' ? 'linked' : 'acknowledged';
  const updated: UnauthorisedChange = { ...record, ...next, resolvedBy: by, resolvedAt: now };
  const data = { recordId: record.id, ciId: record.ciId, resolution, note: next.note, changeId: next.changeId, by, at: now.toISOString() } as const;
  return { record: updated, events: [{ type: 'itsm.change.unauthorised-change-resolved.v1', data }] };
}

/** The change manager accepts an open record as known (a note saying why is required). */
export function acknowledgeUnauthorisedChange(record: UnauthorisedChange, note: string, by: string, now: Date): UnauthorisedChangeDecision {
  open(record);
  return resolved(record, { status: 'acknowledged', note: checkedNote(note, true), changeId: null }, by, now);
}

/** What linking needs to know of the change: it must name the record's CI (as a CI or a service). */
export interface LinkableChange {
  readonly id: string;
  readonly configurationItemIds: readonly string[];
  readonly serviceIds: readonly string[];
}

/** The change manager links an open record to the change that covers it (a note is optional). */
export function linkUnauthorisedChange(record: UnauthorisedChange, change: LinkableChange, note: string | null, by: string, now: Date): UnauthorisedChangeDecision {
  open(record);
  if (!change.configurationItemIds.includes(record.ciId) && !change.serviceIds.includes(record.ciId)) {
    throw new ChangeError(ChangeErrorCode.InvalidInput, `change ${change.id} does not name CI ${record.ciId}`, { changeId: change.id, ciId: record.ciId });
  }
  return resolved(record, { status: 'linked', note: checkedNote(note, false), changeId: change.id }, by, now);
}
