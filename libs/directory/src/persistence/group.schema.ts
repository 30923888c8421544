import { aggregateDocumentPlugin } from '@itsm/platform/persistence';
import type { AggregateMapper } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';
import type { GroupKind, GroupRecord } from '../domain';
import type { Sequenced } from './directory-aggregates';

export interface GroupDocument {
  id: string;
  name: string;
  /** Lower-cased name and externalId: case-insensitive, indexed look-ups. */
  nameKey: string;
  kind: GroupKind;
  organisationId: string | null;
  managerId: string | null;
  roles: string[];
  /** Person ids in joining order (multikey index: the groups of a person). */
  memberIds: string[];
  externalId: string | null;
  externalIdKey: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  deleted: boolean;
}

export const groupSchema = new Schema<GroupDocument & Sequenced>(
  {
    id: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    kind: { type: String, required: true },
    organisationId: { type: String, default: null },
    managerId: { type: String, default: null },
    roles: { type: [String], default: [] },
    memberIds: { type: [String], default: [] },
    externalId: { type: String, default: null },
    externalIdKey: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
    sequence: { type: Number, required: true },
  },
  { collection: 'directory_groups', id: false },
);
groupSchema.plugin(aggregateDocumentPlugin);
groupSchema.index({ deleted: 1, id: 1 });
groupSchema.index({ memberIds: 1, id: 1 });
groupSchema.index({ nameKey: 1, id: 1 });
groupSchema.index({ externalIdKey: 1, id: 1 });
groupSchema.index({ organisationId: 1, id: 1 });

export const groupMapper: AggregateMapper<GroupRecord, GroupDocument> = {
  toDocument: (g) => ({
    id: g.id,
    name: g.name,
    nameKey: g.name.toLowerCase(),
    kind: g.kind,
    organisationId: g.organisationId,
    managerId: g.managerId,
    roles: [...g.roles],
    memberIds: [...g.memberIds],
    externalId: g.externalId,
    externalIdKey: g.externalId === null ? null : g.externalId.toLowerCase(),
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
    version: g.version,
    deleted: g.deleted,
  }),
  toDomain: (d) => ({
    id: d.id,
    name: d.name,
    kind: d.kind,
    organisationId: d.organisationId ?? null,
    managerId: d.managerId ?? null,
    roles: d.roles ?? [],
    memberIds: d.memberIds ?? [],
    externalId: d.externalId ?? null,
    createdAt: new Date(d.createdAt),
    updatedAt: new Date(d.updatedAt),
    version: d.version,
    deleted: d.deleted,
  }),
};
