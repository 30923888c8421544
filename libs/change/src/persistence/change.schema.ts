import { aggregateDocumentPlugin } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';
import type { AuditEntry, ChangeModel, ChangePlans, ChangeState, CloseCode, PostImplementationReview, RiskExplanation, RiskLevel } from '../domain';

export interface ChangeDocument {
  id: string;
  number: string;
  /** The numeric part of `number`: the unique, stable sort key of the list's cursor. */
  seq: number;
  model: ChangeModel;
  state: ChangeState;
  title: string;
  description: string;
  templateId: string | null;
  requesterId: string;
  assignmentGroupId: string | null;
  assignedOrgId: string | null;
  assigneeId: string | null;
  configurationItemIds: string[];
  serviceIds: string[];
  plans: ChangePlans;
  plannedStart: Date | null;
  plannedEnd: Date | null;
  actualStart: Date | null;
  actualEnd: Date | null;
  risk: RiskExplanation | null;
  /** `risk.level`, top-level for its index. */
  riskLevel: RiskLevel | null;
  closeCode: CloseCode | null;
  closeNotes: string | null;
  authorisedAt: Date | null;
  retrospectivelyAuthorised: boolean;
  blackoutOverrideReason: string | null;
  review: PostImplementationReview | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** The tamper-evident chain: one entry per event of the change's stream (its length is the stream position). */
  audit: AuditEntry[];
}

const auditEntrySchema = new Schema<AuditEntry>(
  { seq: Number, type: String, at: String, by: String, digest: String, prevHash: String, hash: String },
  { _id: false },
);

export const changeSchema = new Schema<ChangeDocument>(
  {
    id: { type: String, required: true },
    number: { type: String, required: true },
    seq: { type: Number, required: true },
    model: { type: String, required: true },
    state: { type: String, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    templateId: { type: String, default: null },
    requesterId: { type: String, required: true },
    assignmentGroupId: { type: String, default: null },
    assignedOrgId: { type: String, default: null },
    assigneeId: { type: String, default: null },
    configurationItemIds: { type: [String], default: [] },
    serviceIds: { type: [String], default: [] },
    plans: { type: Schema.Types.Mixed, required: true },
    plannedStart: { type: Date, default: null },
    plannedEnd: { type: Date, default: null },
    actualStart: { type: Date, default: null },
    actualEnd: { type: Date, default: null },
    risk: { type: Schema.Types.Mixed, default: null },
    riskLevel: { type: String, default: null },
    closeCode: { type: String, default: null },
    closeNotes: { type: String, default: null },
    authorisedAt: { type: Date, default: null },
    retrospectivelyAuthorised: { type: Boolean, default: false },
    blackoutOverrideReason: { type: String, default: null },
    review: { type: Schema.Types.Mixed, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    version: { type: Number, required: true },
    audit: { type: [auditEntrySchema], default: [] },
  },
  { collection: 'changes', id: false },
);
changeSchema.plugin(aggregateDocumentPlugin);
// The list's order (newest number first) alone and after each filter's equality; look-up by number.
changeSchema.index({ seq: -1 });
changeSchema.index({ number: 1 });
for (const field of ['state', 'model', 'riskLevel', 'assignmentGroupId', 'assigneeId', 'requesterId', 'assignedOrgId', 'configurationItemIds', 'serviceIds']) {
  changeSchema.index({ [field]: 1, seq: -1 });
}
