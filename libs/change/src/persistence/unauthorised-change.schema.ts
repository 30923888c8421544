import { aggregateDocumentPlugin } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';
import type { DiscoveredAttributeChange, UnauthorisedChangeStatus } from '../domain';

export interface UnauthorisedChangeDocument {
  id: string;
  ciId: string;
  ciName: string;
  classId: string;
  source: string;
  changes: DiscoveredAttributeChange[];
  discoveredBy: string;
  detectedAt: Date;
  status: UnauthorisedChangeStatus;
  note: string | null;
  changeId: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  /** The record's stream position: how many events it has published. */
  sequence: number;
}

export const unauthorisedChangeSchema = new Schema<UnauthorisedChangeDocument>(
  {
    id: { type: String, required: true },
    ciId: { type: String, required: true },
    ciName: { type: String, required: true },
    classId: { type: String, required: true },
    source: { type: String, required: true },
    changes: { type: [{ _id: false, attribute: String, old: Schema.Types.Mixed, new: Schema.Types.Mixed }], default: [] },
    discoveredBy: { type: String, required: true },
    detectedAt: { type: Date, required: true },
    status: { type: String, required: true },
    note: { type: String, default: null },
    changeId: { type: String, default: null },
    resolvedBy: { type: String, default: null },
    resolvedAt: { type: Date, default: null },
    sequence: { type: Number, required: true },
  },
  { collection: 'unauthorised_changes', id: false },
);
unauthorisedChangeSchema.plugin(aggregateDocumentPlugin);
// The list, newest first (ids sort by detection time): all, by status, by CI (and status).
unauthorisedChangeSchema.index({ id: -1 });
unauthorisedChangeSchema.index({ status: 1, id: -1 });
unauthorisedChangeSchema.index({ ciId: 1, id: -1 });
unauthorisedChangeSchema.index({ ciId: 1, status: 1, id: -1 });
