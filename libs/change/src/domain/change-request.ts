import { ChangeError, ChangeErrorCode } from './change.errors';
import { EMPTY_PLANS, LIMITS, idList, optionalId, plannedWindow, plans, text } from './change-input.rules';
import { requestedEvent, updatedEvent } from './change.events';
import type { ChangeDecision } from './change-lifecycle';
import type { Change } from './change.model';
import type { ChangeTemplate } from './change-template';

/**
 * What a requester says about a change (references already checked by the application; the
 * supplier organisation derived from the assignment group's, from the directory projection).
 */
export type ChangeDetails = Pick<Change, 'title' | 'description' | 'assignmentGroupId' | 'assignedOrgId' | 'assigneeId' | 'configurationItemIds' | 'serviceIds' | 'plans' | 'planned'>;

export interface NewChange extends ChangeDetails {
  readonly id: string;
  readonly number: string;
  readonly model: 'normal' | 'emergency';
  readonly requesterId: string;
}

export function checkedDetails(details: ChangeDetails): ChangeDetails {
  return {
    title: text('title', details.title, LIMITS.title),
    description: text('description', details.description, LIMITS.description, false),
    assignmentGroupId: optionalId('assignmentGroupId', details.assignmentGroupId),
    assignedOrgId: optionalId('assignedOrgId', details.assignedOrgId),
    assigneeId: optionalId('assigneeId', details.assigneeId),
    configurationItemIds: idList('configurationItemIds', details.configurationItemIds, LIMITS.configurationItems),
    serviceIds: idList('serviceIds', details.serviceIds, LIMITS.services),
    plans: plans(details.plans),
    planned: plannedWindow(details.planned),
  };
}

function created(base: Pick<Change, 'id' | 'number' | 'model' | 'state' | 'templateId' | 'requesterId' | 'authorisedAt'>, details: ChangeDetails, now: Date): Change {
  if (details.assigneeId !== null && details.assignmentGroupId === null) throw new ChangeError(ChangeErrorCode.InvalidInput, 'assigneeId: an assignee needs an assignment group', { field: 'assigneeId' });
  return {
    ...base,
    ...details,
    actualStart: null,
    actualEnd: null,
    risk: null,
    closeCode: null,
    closeNotes: null,
    retrospectivelyAuthorised: false,
    blackoutOverrideReason: null,
    review: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

/** A normal or emergency change, New. */
export function requestChange(input: NewChange, by: string, now: Date): ChangeDecision {
  const details = checkedDetails(input);
  const change = created({ id: input.id, number: input.number, model: input.model, state: 'new', templateId: null, requesterId: input.requesterId, authorisedAt: null }, details, now);
  return { change, events: [requestedEvent(change, by, now)] };
}

export interface StandardChangeRequest {
  readonly id: string;
  readonly number: string;
  readonly requesterId: string;
  readonly plannedStart: Date;
  /** Overrides of the template's defaults; null keeps the template's. */
  readonly title: string | null;
  readonly description: string | null;
  readonly configurationItemIds: readonly string[] | null;
  readonly assigneeId: string | null;
  readonly assignedOrgId: string | null;
}

/** A standard change from a published template: pre-approved, created straight into Scheduled. */
export function requestStandardChange(template: ChangeTemplate, input: StandardChangeRequest, by: string, now: Date): ChangeDecision {
  if (template.state !== 'published') throw new ChangeError(ChangeErrorCode.TemplateNotFound, `template ${template.id} is not published`, { templateId: template.id });
  const start = input.plannedStart;
  const details = checkedDetails({
    title: input.title ?? template.title,
    description: input.description ?? template.description,
    assignmentGroupId: template.assignmentGroupId,
    assignedOrgId: input.assignedOrgId,
    assigneeId: input.assigneeId,
    configurationItemIds: input.configurationItemIds ?? template.configurationItemIds,
    serviceIds: template.serviceIds,
    plans: template.plans,
    planned: { start, end: new Date(start.getTime() + template.durationMinutes * 60_000) },
  });
  const change = created({ id: input.id, number: input.number, model: 'standard', state: 'scheduled', templateId: template.id, requesterId: input.requesterId, authorisedAt: now }, details, now);
  return { change, events: [requestedEvent(change, by, now)] };
}

/** The fields an update may set (absent: unchanged). */
export type ChangePatch = Partial<ChangeDetails>;

const EDITABLE_BEFORE_WORK = new Set(['new', 'assess', 'authorize', 'scheduled']);
/** Once work started only these may change (the record of what was planned stays). */
const EDITABLE_DURING_WORK = new Set<keyof ChangeDetails>(['description', 'assigneeId', 'assignmentGroupId', 'assignedOrgId']);

/** Edits a change's details; one updated event names the fields that really changed. */
export function updateChange(change: Change, patch: ChangePatch, by: string, now: Date): ChangeDecision {
  const fields = (Object.keys(patch) as (keyof ChangeDetails)[]).filter((key) => patch[key] !== undefined);
  if (change.state === 'closed' || change.state === 'canceled' || (!EDITABLE_BEFORE_WORK.has(change.state) && fields.some((f) => !EDITABLE_DURING_WORK.has(f)))) {
    throw new ChangeError(ChangeErrorCode.IllegalTransition, `a change in state ${change.state} cannot change ${fields.join(', ')}`, { move: 'update', state: change.state, model: change.model });
  }
  if (change.model === 'standard' && fields.some((f) => f === 'plans' || f === 'serviceIds')) {
    throw new ChangeError(ChangeErrorCode.InvalidInput, 'a standard change keeps its template\'s plans and services', { field: 'plans' });
  }
  const current: ChangeDetails = {
    title: change.title,
    description: change.description,
    assignmentGroupId: change.assignmentGroupId,
    assignedOrgId: change.assignedOrgId,
    assigneeId: change.assigneeId,
    configurationItemIds: change.configurationItemIds,
    serviceIds: change.serviceIds,
    plans: change.plans ?? EMPTY_PLANS,
    planned: change.planned,
  };
  const defined = Object.fromEntries(fields.map((f) => [f, patch[f]])) as ChangePatch;
  const next = checkedDetails({ ...current, ...defined });
  if (next.assigneeId !== null && next.assignmentGroupId === null) throw new ChangeError(ChangeErrorCode.InvalidInput, 'assigneeId: an assignee needs an assignment group', { field: 'assigneeId' });
  const changed = (Object.keys(next) as (keyof ChangeDetails)[]).filter((key) => JSON.stringify(next[key]) !== JSON.stringify(current[key]));
  if (changed.length === 0) return { change, events: [] };
  const updated: Change = { ...change, ...next, updatedAt: now, version: change.version + 1 };
  return { change: updated, events: [updatedEvent(updated, changed, by, now)] };
}
