import { parseCondition } from '@itsm/approval';
import type { ApprovalPolicy } from '@itsm/approval';
import { aggregateDocumentPlugin } from '@itsm/platform/persistence';
import type { AggregateMapper } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';
import type { PositionedRecord } from './portfolio-records';
import { currentVersion } from '../domain';
import type { CatalogueItem, CatalogueItemStatus, ItemVersion } from '../domain';

/** A catalogue item's document: every version (the form, plan and policies frozen in each), the current version's browse fields, its stream position. */
export interface CatalogueItemDocument {
  id: string;
  status: CatalogueItemStatus;
  /** Lower-cased current name, NUL, id: the browse order and its cursor. */
  nameKey: string;
  /** Lower-cased current name and description: what the browse's words are looked for in. */
  searchText: string;
  categoryId: string;
  serviceId: string | null;
  /** The current version's offering of its service (the browse leaves out offerings closed to the caller). */
  offeringId: string | null;
  entitlementRuleIds: string[];
  grantRuleIds: string[];
  /** No grant rule: every internal person may order it (unless a deny rule of theirs matches). */
  openToInternal: boolean;
  currentVersion: number;
  versions: ItemVersion[];
  createdAt: Date;
  updatedAt: Date;
  /** The last event's sequence on the item's stream. */
  sequence: number;
}

export const catalogueItemSchema = new Schema<CatalogueItemDocument>(
  {
    id: { type: String, required: true },
    status: { type: String, required: true },
    nameKey: { type: String, required: true },
    searchText: { type: String, required: true },
    categoryId: { type: String, required: true },
    serviceId: { type: String, default: null },
    offeringId: { type: String, default: null },
    entitlementRuleIds: { type: [String], default: [] },
    grantRuleIds: { type: [String], default: [] },
    openToInternal: { type: Boolean, required: true },
    currentVersion: { type: Number, required: true },
    versions: { type: [{}], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    sequence: { type: Number, required: true },
  },
  { collection: 'catalogue_items', id: false },
);
catalogueItemSchema.plugin(aggregateDocumentPlugin);
// The browse: published items by name (all, by category, granted by the caller's rules, open to internal people).
catalogueItemSchema.index({ status: 1, nameKey: 1 });
catalogueItemSchema.index({ status: 1, categoryId: 1, nameKey: 1 });
catalogueItemSchema.index({ status: 1, grantRuleIds: 1, nameKey: 1 });
catalogueItemSchema.index({ status: 1, openToInternal: 1, nameKey: 1 });
// A retiring service withdraws its published items.
catalogueItemSchema.index({ serviceId: 1, status: 1 });

export type PositionedItem = PositionedRecord<CatalogueItem>;

const date = (value: Date | string): Date => new Date(value);

/** Stored policies' conditions are read back through the engine's parser (stored trees are outside input too). */
function policyOf(p: ApprovalPolicy): ApprovalPolicy {
  return { ...p, appliesWhen: p.appliesWhen === null ? null : parseCondition(p.appliesWhen), autoApproveWhen: p.autoApproveWhen === null ? null : parseCondition(p.autoApproveWhen) };
}

function versionOf(v: ItemVersion): ItemVersion {
  return { ...v, approvalPolicies: v.approvalPolicies.map(policyOf), publishedAt: date(v.publishedAt) };
}

export function catalogueItemOfDocument(d: Pick<CatalogueItemDocument, 'id' | 'status' | 'versions' | 'grantRuleIds' | 'createdAt' | 'updatedAt'>): CatalogueItem {
  return { id: d.id, status: d.status, versions: d.versions.map(versionOf), grantRuleIds: [...d.grantRuleIds], createdAt: date(d.createdAt), updatedAt: date(d.updatedAt) };
}

export const catalogueItemMapper: AggregateMapper<PositionedItem, CatalogueItemDocument> = {
  toDocument: ({ record: item, sequence }) => {
    const current = currentVersion(item);
    return {
      id: item.id,
      status: item.status,
      nameKey: `${current.name.toLowerCase()}\u0000${item.id}`,
      searchText: `${current.name} ${current.description}`.toLowerCase(),
      categoryId: current.categoryId,
      serviceId: current.serviceId,
      offeringId: current.offeringId,
      entitlementRuleIds: [...current.entitlementRuleIds],
      grantRuleIds: [...item.grantRuleIds],
      openToInternal: item.grantRuleIds.length === 0,
      currentVersion: current.version,
      // Through JSON: absent optional fields stay absent (the driver would store `undefined` as null).
      versions: item.versions.map((v) => ({ ...(JSON.parse(JSON.stringify(v)) as ItemVersion), publishedAt: v.publishedAt })),
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      sequence,
    };
  },
  toDomain: (d) => ({ record: catalogueItemOfDocument(d), sequence: d.sequence }),
};
