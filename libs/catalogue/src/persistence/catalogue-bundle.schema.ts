import { aggregateDocumentPlugin } from '@itsm/platform/persistence';
import type { AggregateMapper } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';
import type { BundleItem, BundleStatus, CatalogueBundle } from '../domain';
import type { PositionedRecord } from './portfolio-records';

/** A catalogue bundle's document: its content, status, the list's sort key and its stream position. */
export interface CatalogueBundleDocument {
  id: string;
  name: string;
  /** Lower-cased name, NUL, id: the list's order and cursor. */
  nameKey: string;
  description: string;
  categoryId: string;
  status: BundleStatus;
  items: BundleItem[];
  createdAt: Date;
  updatedAt: Date;
  sequence: number;
}

export const catalogueBundleSchema = new Schema<CatalogueBundleDocument>(
  {
    id: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    description: { type: String, default: '' },
    categoryId: { type: String, required: true },
    status: { type: String, required: true },
    items: { type: [{}], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    sequence: { type: Number, required: true },
  },
  { collection: 'catalogue_bundles', id: false },
);
catalogueBundleSchema.plugin(aggregateDocumentPlugin);
// The lists: by name, of one status (the browse: published) and/or one category.
catalogueBundleSchema.index({ nameKey: 1 });
catalogueBundleSchema.index({ status: 1, nameKey: 1 });
catalogueBundleSchema.index({ categoryId: 1, nameKey: 1 });
catalogueBundleSchema.index({ status: 1, categoryId: 1, nameKey: 1 });

export function bundleCursorKey(bundle: Pick<CatalogueBundle, 'id' | 'name'>): string {
  return `${bundle.name.toLowerCase()}\u0000${bundle.id}`;
}

export function catalogueBundleOfDocument(d: Omit<CatalogueBundleDocument, 'nameKey' | 'sequence'>): CatalogueBundle {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    categoryId: d.categoryId,
    status: d.status,
    items: d.items.map((i) => ({ itemId: i.itemId, defaults: { ...i.defaults } })),
    createdAt: new Date(d.createdAt),
    updatedAt: new Date(d.updatedAt),
  };
}

export const catalogueBundleMapper: AggregateMapper<PositionedRecord<CatalogueBundle>, CatalogueBundleDocument> = {
  toDocument: ({ record, sequence }) => ({
    id: record.id,
    name: record.name,
    nameKey: bundleCursorKey(record),
    description: record.description,
    categoryId: record.categoryId,
    status: record.status,
    items: record.items.map((i) => ({ itemId: i.itemId, defaults: { ...i.defaults } })),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    sequence,
  }),
  toDomain: (d) => ({ record: catalogueBundleOfDocument(d), sequence: d.sequence }),
};
