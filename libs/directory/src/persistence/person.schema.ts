import { aggregateDocumentPlugin } from '@itsm/platform/persistence';
import type { AggregateMapper } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';
import type { Contact, PersonRecord } from '../domain';
import type { Sequenced } from './directory-aggregates';

export interface PersonDocument {
  id: string;
  userName: string;
  /** Lower-cased userName, email values and externalId: the case-insensitive, indexed look-ups. */
  userNameKey: string;
  displayName: string;
  emails: Contact[];
  emailKeys: string[];
  phones: Contact[];
  chatHandle: string | null;
  timeZone: string | null;
  locale: string | null;
  title: string | null;
  department: string | null;
  employeeNumber: string | null;
  managerId: string | null;
  organisationId: string | null;
  roles: string[];
  active: boolean;
  externalId: string | null;
  externalIdKey: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  deleted: boolean;
}

const nullableString = { type: String, default: null };

export const personSchema = new Schema<PersonDocument & Sequenced>(
  {
    id: { type: String, required: true },
    userName: { type: String, required: true },
    userNameKey: { type: String, required: true },
    displayName: { type: String, required: true },
    emails: { type: Schema.Types.Mixed, default: () => [] },
    emailKeys: { type: [String], default: [] },
    phones: { type: Schema.Types.Mixed, default: () => [] },
    chatHandle: nullableString,
    timeZone: nullableString,
    locale: nullableString,
    title: nullableString,
    department: nullableString,
    employeeNumber: nullableString,
    managerId: nullableString,
    organisationId: nullableString,
    roles: { type: [String], default: [] },
    active: { type: Boolean, required: true },
    externalId: nullableString,
    externalIdKey: nullableString,
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
    sequence: { type: Number, required: true },
  },
  { collection: 'directory_people', id: false },
);
personSchema.plugin(aggregateDocumentPlugin);
// Every query reads live people (`deleted: false`) in id order; the look-ups by key each have their own.
personSchema.index({ deleted: 1, id: 1 });
personSchema.index({ userNameKey: 1, id: 1 });
personSchema.index({ emailKeys: 1, id: 1 });
personSchema.index({ externalIdKey: 1, id: 1 });
personSchema.index({ organisationId: 1, id: 1 });

export const personMapper: AggregateMapper<PersonRecord, PersonDocument> = {
  toDocument: (p) => ({
    id: p.id,
    userName: p.userName,
    userNameKey: p.userName.toLowerCase(),
    displayName: p.displayName,
    emails: p.emails.map((c) => ({ ...c })),
    emailKeys: p.emails.map((c) => c.value.toLowerCase()),
    phones: p.phones.map((c) => ({ ...c })),
    chatHandle: p.chatHandle,
    timeZone: p.timeZone,
    locale: p.locale,
    title: p.title,
    department: p.department,
    employeeNumber: p.employeeNumber,
    managerId: p.managerId,
    organisationId: p.organisationId,
    roles: [...p.roles],
    active: p.active,
    externalId: p.externalId,
    externalIdKey: p.externalId === null ? null : p.externalId.toLowerCase(),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    version: p.version,
    deleted: p.deleted,
  }),
  toDomain: (d) => ({
    id: d.id,
    userName: d.userName,
    displayName: d.displayName,
    emails: d.emails ?? [],
    phones: d.phones ?? [],
    chatHandle: d.chatHandle ?? null,
    timeZone: d.timeZone ?? null,
    locale: d.locale ?? null,
    title: d.title ?? null,
    department: d.department ?? null,
    employeeNumber: d.employeeNumber ?? null,
    managerId: d.managerId ?? null,
    organisationId: d.organisationId ?? null,
    roles: d.roles ?? [],
    active: d.active,
    externalId: d.externalId ?? null,
    createdAt: new Date(d.createdAt),
    updatedAt: new Date(d.updatedAt),
    version: d.version,
    deleted: d.deleted,
  }),
};
