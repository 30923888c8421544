import type { ApprovalProcess } from '@itsm/approval';
import { aggregateDocumentPlugin } from '@itsm/platform/persistence';
import type { AggregateMapper } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';
import type { PositionedRecord } from './portfolio-records';
import { serviceSnapshot } from '../domain';
import type { PortfolioService, ServiceKind, ServiceLifecycle, ServiceOffering } from '../domain';

/** A service's document: its details, lifecycle, go-live approval and stream position. */
export interface ServiceDocument {
  id: string;
  name: string;
  /** Lower-cased name, NUL, id: the list's order and cursor. */
  nameKey: string;
  kind: ServiceKind;
  lifecycle: ServiceLifecycle;
  ownerId: string;
  configurationItemIds: string[];
  offerings: ServiceOffering[];
  approval: ApprovalProcess | null;
  /** The approvers of the pending go-live levels: who `pendingServiceApprovals` finds it for. */
  pendingApproverIds: string[];
  /** Whether an offering names customer organisations (the browse reads those services for each requester). */
  customerRestricted: boolean;
  createdAt: Date;
  updatedAt: Date;
  sequence: number;
}

export const SERVICE_COLLECTION = 'catalogue_services';

export const serviceSchema = new Schema<ServiceDocument>(
  {
    id: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    kind: { type: String, required: true },
    lifecycle: { type: String, required: true },
    ownerId: { type: String, required: true },
    configurationItemIds: { type: [String], default: [] },
    offerings: { type: [{}], default: [] },
    approval: { type: {}, default: null },
    pendingApproverIds: { type: [String], default: [] },
    customerRestricted: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    sequence: { type: Number, required: true },
  },
  { collection: SERVICE_COLLECTION, id: false },
);
serviceSchema.plugin(aggregateDocumentPlugin);
serviceSchema.index({ nameKey: 1 });
// The browse leaves out the items of services that are not live.
serviceSchema.index({ lifecycle: 1 });
serviceSchema.index({ pendingApproverIds: 1 });
// The browse leaves out the items of offerings that serve other customer organisations.
serviceSchema.index({ customerRestricted: 1 });

export type PositionedService = PositionedRecord<PortfolioService>;

const date = (value: Date | string): Date => new Date(value);
const nullableDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

function approvalOf(a: ApprovalProcess | null): ApprovalProcess | null {
  if (a === null) return null;
  return {
    ...a,
    startedAt: date(a.startedAt),
    closedAt: nullableDate(a.closedAt),
    autoApprovals: a.autoApprovals.map((s) => ({ ...s, at: date(s.at) })),
    levels: a.levels.map((l) => ({ ...l, openedAt: nullableDate(l.openedAt), closedAt: nullableDate(l.closedAt), decisions: l.decisions.map((d) => ({ ...d, at: date(d.at) })) })),
  };
}

export function serviceOfDocument(d: Omit<ServiceDocument, 'sequence' | 'nameKey' | 'pendingApproverIds' | 'customerRestricted'>): PortfolioService {
  return {
    id: d.id,
    name: d.name,
    kind: d.kind,
    lifecycle: d.lifecycle,
    ownerId: d.ownerId,
    configurationItemIds: d.configurationItemIds,
    offerings: d.offerings,
    approval: approvalOf(d.approval),
    createdAt: date(d.createdAt),
    updatedAt: date(d.updatedAt),
  };
}

export const serviceMapper: AggregateMapper<PositionedService, ServiceDocument> = {
  toDocument: ({ record: s, sequence }) => ({
    id: s.id,
    ...serviceSnapshot(s),
    nameKey: `${s.name.toLowerCase()}\u0000${s.id}`,
    approval: s.approval === null ? null : (JSON.parse(JSON.stringify(s.approval)) as ApprovalProcess),
    pendingApproverIds:
      s.approval?.outcome === 'pending' ? [...new Set(s.approval.levels.filter((l) => l.status === 'pending').flatMap((l) => l.approverIds))] : [],
    customerRestricted: s.offerings.some((o) => o.customerOrgIds.length > 0),
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    sequence,
  }),
  toDomain: (d) => ({ record: serviceOfDocument(d), sequence: d.sequence }),
};
