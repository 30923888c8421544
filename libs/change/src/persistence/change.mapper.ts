import type { AggregateMapper } from '@itsm/platform/persistence';
import { sequenceOfNumber } from '../application/change-ids';
import type { AuditEntry, Change } from '../domain';
import type { ChangeDocument } from './change.schema';

/** A change with its audit chain: what one change document holds (besides outbox and inbox). */
export interface AuditedChange {
  readonly change: Change;
  readonly audit: readonly AuditEntry[];
}

const date = (value: Date | string | null | undefined): Date | null => (value === null || value === undefined ? null : new Date(value));

export function changeOfDocument(d: ChangeDocument): Change {
  const start = date(d.plannedStart);
  const end = date(d.plannedEnd);
  return {
    id: d.id,
    number: d.number,
    model: d.model,
    state: d.state,
    title: d.title,
    description: d.description ?? '',
    templateId: d.templateId ?? null,
    requesterId: d.requesterId,
    assignmentGroupId: d.assignmentGroupId ?? null,
    assignedOrgId: d.assignedOrgId ?? null,
    assigneeId: d.assigneeId ?? null,
    configurationItemIds: d.configurationItemIds ?? [],
    serviceIds: d.serviceIds ?? [],
    plans: { implementation: d.plans?.implementation ?? '', backout: d.plans?.backout ?? '', test: d.plans?.test ?? '' },
    planned: start !== null && end !== null ? { start, end } : null,
    actualStart: date(d.actualStart),
    actualEnd: date(d.actualEnd),
    risk: d.risk ?? null,
    closeCode: d.closeCode ?? null,
    closeNotes: d.closeNotes ?? null,
    authorisedAt: date(d.authorisedAt),
    retrospectivelyAuthorised: d.retrospectivelyAuthorised ?? false,
    blackoutOverrideReason: d.blackoutOverrideReason ?? null,
    review: d.review === null || d.review === undefined ? null : { ...d.review, at: new Date(d.review.at) },
    createdAt: new Date(d.createdAt),
    updatedAt: new Date(d.updatedAt),
    version: d.version,
  };
}

export function auditOfDocument(d: Pick<ChangeDocument, 'audit'>): AuditEntry[] {
  return (d.audit ?? []).map((e) => ({ seq: e.seq, type: e.type, at: e.at, by: e.by, digest: e.digest, prevHash: e.prevHash, hash: e.hash }));
}

export const changeMapper: AggregateMapper<AuditedChange, ChangeDocument> = {
  toDocument: ({ change: c, audit }) => ({
    id: c.id,
    number: c.number,
    seq: sequenceOfNumber(c.number),
    model: c.model,
    state: c.state,
    title: c.title,
    description: c.description,
    templateId: c.templateId,
    requesterId: c.requesterId,
    assignmentGroupId: c.assignmentGroupId,
    assignedOrgId: c.assignedOrgId,
    assigneeId: c.assigneeId,
    configurationItemIds: [...c.configurationItemIds],
    serviceIds: [...c.serviceIds],
    plans: { ...c.plans },
    plannedStart: c.planned?.start ?? null,
    plannedEnd: c.planned?.end ?? null,
    actualStart: c.actualStart,
    actualEnd: c.actualEnd,
    risk: c.risk === null ? null : { ...c.risk },
    riskLevel: c.risk?.level ?? null,
    closeCode: c.closeCode,
    closeNotes: c.closeNotes,
    authorisedAt: c.authorisedAt,
    retrospectivelyAuthorised: c.retrospectivelyAuthorised,
    blackoutOverrideReason: c.blackoutOverrideReason,
    review: c.review === null ? null : { ...c.review },
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    version: c.version,
    audit: audit.map((e) => ({ ...e })),
  }),
  toDomain: (d) => ({ change: changeOfDocument(d), audit: auditOfDocument(d) }),
};
