import { aggregateDocumentPlugin } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';
import type { ProblemState } from '../domain';

export interface ProblemDocument {
  number: string;
  seq: number;
  title: string;
  description: string;
  impact: number;
  urgency: number;
  priority: number;
  state: ProblemState;
  assignmentGroupId: string | null;
  assignedOrgId: string | null;
  assigneeId: string | null;
  serviceId: string | null;
  configurationItemIds: string[];
  knownError: { symptom: string; rootCause: string; workaround: string; recordedBy: string; recordedAt: Date } | null;
  resolutionNotes: string | null;
  fixChangeId: string | null;
  openedBy: string;
  openedAt: Date;
  updatedAt: Date;
  sequence: number;
}

export const problemSchema = new Schema<ProblemDocument>(
  {
    number: { type: String, required: true },
    seq: { type: Number, required: true },
    title: { type: String, required: true },
    description: { type: String, default: '' },
    impact: { type: Number, required: true },
    urgency: { type: Number, required: true },
    priority: { type: Number, required: true },
    state: { type: String, required: true },
    assignmentGroupId: { type: String, default: null },
    assignedOrgId: { type: String, default: null },
    assigneeId: { type: String, default: null },
    serviceId: { type: String, default: null },
    configurationItemIds: { type: [String], default: [] },
    knownError: { type: Schema.Types.Mixed, default: null },
    resolutionNotes: { type: String, default: null },
    fixChangeId: { type: String, default: null },
    openedBy: { type: String, required: true },
    openedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    sequence: { type: Number, required: true },
  },
  { collection: 'problems' },
);
problemSchema.plugin(aggregateDocumentPlugin);
problemSchema.index({ seq: -1 });
problemSchema.index({ number: 1 });
problemSchema.index({ state: 1, seq: -1 });
