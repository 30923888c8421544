import { aggregateDocumentPlugin } from '@itsm/platform/persistence';
import type { AllowedScan } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';
import type { HoldReason, IncidentState, MajorStatus, NoteKind, ResolutionCause } from '../domain';

export interface IncidentDocument {
  number: string;
  /** The numeric part of `number`: the stable, unique sort key of cursor pagination. */
  seq: number;
  title: string;
  description: string;
  callerId: string;
  callerOrgId: string | null;
  category: string | null;
  impact: number;
  urgency: number;
  priority: number;
  state: IncidentState;
  holdReason: HoldReason | null;
  assignmentGroupId: string | null;
  assignedOrgId: string | null;
  assigneeId: string | null;
  previousAssignmentGroupId?: string | null;
  configurationItemIds: string[];
  serviceIds: string[];
  problemId: string | null;
  causedByChangeId: string | null;
  parentId: string | null;
  major: MajorStatus;
  majorReasons: string[];
  resolution: { code: string; notes: string; by: string; at: Date; cause: ResolutionCause; causeId: string | null } | null;
  resolvedAt: Date | null;
  reopenCount: number;
  lastReopenedBy: string | null;
  lastReopenedAt: Date | null;
  notes: { id: string; kind: NoteKind; body: string; authorId: string; at: Date }[];
  openedBy: string;
  openedAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  sequence: number;
}

export const incidentSchema = new Schema<IncidentDocument>(
  {
    number: { type: String, required: true },
    seq: { type: Number, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    callerId: { type: String, required: true },
    callerOrgId: { type: String, default: null },
    category: { type: String, default: null },
    impact: { type: Number, required: true },
    urgency: { type: Number, required: true },
    priority: { type: Number, required: true },
    state: { type: String, required: true },
    holdReason: { type: String, default: null },
    assignmentGroupId: { type: String, default: null },
    assignedOrgId: { type: String, default: null },
    assigneeId: { type: String, default: null },
    previousAssignmentGroupId: { type: String, default: null },
    configurationItemIds: { type: [String], default: [] },
    serviceIds: { type: [String], default: [] },
    problemId: { type: String, default: null },
    causedByChangeId: { type: String, default: null },
    parentId: { type: String, default: null },
    major: { type: String, required: true },
    majorReasons: { type: [String], default: [] },
    resolution: { type: Schema.Types.Mixed, default: null },
    resolvedAt: { type: Date, default: null },
    reopenCount: { type: Number, default: 0 },
    lastReopenedBy: { type: String, default: null },
    lastReopenedAt: { type: Date, default: null },
    notes: { type: [{ _id: false, id: String, kind: String, body: String, authorId: String, at: Date }], default: [] },
    openedBy: { type: String, required: true },
    openedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    closedAt: { type: Date, default: null },
    sequence: { type: Number, required: true },
  },
  { collection: 'incidents' },
);
incidentSchema.plugin(aggregateDocumentPlugin);
// Query paths of the list filters (each followed by the list's `seq` order), the cascades, auto-close
// and the major-incident cluster rule. Uniqueness never rests on them (INFRA.md).
incidentSchema.index({ seq: -1 });
incidentSchema.index({ number: 1 });
incidentSchema.index({ state: 1, seq: -1 });
incidentSchema.index({ assignedOrgId: 1, seq: -1 });
incidentSchema.index({ callerId: 1, seq: -1 });
incidentSchema.index({ assignmentGroupId: 1, seq: -1 });
incidentSchema.index({ assigneeId: 1, seq: -1 });
incidentSchema.index({ priority: 1, seq: -1 });
incidentSchema.index({ major: 1, seq: -1 });
incidentSchema.index({ parentId: 1, seq: 1 });
incidentSchema.index({ problemId: 1, state: 1, seq: 1 });
incidentSchema.index({ state: 1, resolvedAt: 1 });
incidentSchema.index({ serviceIds: 1, state: 1, openedAt: 1 });
incidentSchema.index({ configurationItemIds: 1, state: 1, openedAt: 1 });

/** The incident queries that read every document by design. */
export const INCIDENT_SCANS: readonly AllowedScan[] = [
  { shape: 'aggregate {}', reason: 'count() without scope or filter (an unrestricted totalCount, the demo loader\'s emptiness check) counts every incident' },
];
