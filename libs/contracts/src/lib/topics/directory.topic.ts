import { Type } from '@sinclair/typebox';
import type { TSchema } from '@sinclair/typebox';
import { recordSubject } from '../record-subject';
import { TextSchema } from '../text';
import { defineTopic } from '../topic-registry';
import { At, Id, NullableId } from './incident.topic';

/**
 * A platform role as the directory grants it (directly or through a group). A string, not a closed
 * list: new contexts add roles (change manager, CAB member) without a new event version; a consumer
 * ignores roles it does not know.
 */
export const RoleNameSchema = Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z][a-z-]*[a-z]$' });
export const OrganisationKindSchema = Type.Union([Type.Literal('internal'), Type.Literal('customer'), Type.Literal('supplier')]);
export const GroupKindSchema = Type.Union([Type.Literal('assignment'), Type.Literal('approval'), Type.Literal('cab'), Type.Literal('on_call')]);

const NullableText = (maxLength: number) => Type.Union([TextSchema({ minLength: 1, maxLength }), Type.Null()]);
/** An IANA time zone name (checked against the zone data by the directory before it is published). */
const TimeZone = Type.Union([Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$' }), Type.Null()]);
/** A BCP 47 language tag (en, en-GB, de-CH). */
const Locale = Type.Union([Type.String({ minLength: 2, maxLength: 35, pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$' }), Type.Null()]);
const Contact = Type.Object(
  {
    value: TextSchema({ minLength: 1, maxLength: 254 }),
    /** work, home, mobile, other, ... as the identity provider labels it. */
    type: Type.Union([TextSchema({ minLength: 1, maxLength: 32 }), Type.Null()]),
    primary: Type.Boolean(),
  },
  { additionalProperties: false },
);

function directoryEvent<P extends Record<string, TSchema>>(properties: P) {
  return Type.Object({ ...properties, by: Id, at: At }, { additionalProperties: false });
}

/** An organisation's state after the event. */
const organisationFacts = {
  organisationId: Id,
  name: TextSchema({ minLength: 1, maxLength: 200 }),
  kind: OrganisationKindSchema,
  parentId: NullableId,
  active: Type.Boolean(),
};

/** A person's state after the event (the whole record: a projection needs no earlier event to use it). */
const personFacts = {
  personId: Id,
  /** Unique, compared case-insensitively; a token's subject (`sub`) names a person by it. */
  userName: TextSchema({ minLength: 1, maxLength: 254 }),
  displayName: TextSchema({ minLength: 1, maxLength: 200 }),
  emails: Type.Array(Contact, { maxItems: 10 }),
  phones: Type.Array(Contact, { maxItems: 10 }),
  chatHandle: NullableText(254),
  timeZone: TimeZone,
  locale: Locale,
  title: NullableText(200),
  department: NullableText(200),
  employeeNumber: NullableText(64),
  managerId: NullableId,
  organisationId: NullableId,
  /** Roles granted to the person directly (group roles come with group membership). */
  roles: Type.Array(RoleNameSchema, { maxItems: 20 }),
  /** False: out of routing, assignment and approvals; the record and its history stay. */
  active: Type.Boolean(),
  /** The identity provider's id of the person, when provisioned. */
  externalId: NullableText(254),
};

/** A group's state after the event, without its members (they travel as added/removed batches). */
const groupFacts = {
  groupId: Id,
  name: TextSchema({ minLength: 1, maxLength: 200 }),
  kind: GroupKindSchema,
  organisationId: NullableId,
  managerId: NullableId,
  /** Roles every member holds while a member. */
  roles: Type.Array(RoleNameSchema, { maxItems: 20 }),
  memberCount: Type.Integer({ minimum: 0 }),
  externalId: NullableText(254),
};

/** Up to 1,000 person ids per event: a larger change is several events, in order. */
const Members = Type.Array(Id, { minItems: 1, maxItems: 1_000 });

/**
 * The people directory (`itsm.directory.v1`), keyed by the organisation's, person's or group's id,
 * in order per subject (the envelope's sequence). Every event but the deletions carries the
 * subject's whole state after it, so a projection (the incident context's organisations, groups and
 * assignable people; the SLA engine's callers' time zones; notification addresses) keeps the latest
 * by sequence and needs no history. Group members are the exception: added and removed in batches,
 * applied in order (idempotent: adding a member twice or removing an absent one changes nothing).
 */
export const directoryTopic = defineTopic({
  name: 'itsm.directory.v1',
  aggregate: 'directory',
  partitions: 12,
  events: {
    'itsm.directory.organisation-saved.v1': directoryEvent(organisationFacts),
    'itsm.directory.person-created.v1': directoryEvent(personFacts),
    'itsm.directory.person-updated.v1': directoryEvent({ ...personFacts, changed: Type.Array(TextSchema({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 30 }) }),
    'itsm.directory.person-deactivated.v1': directoryEvent(personFacts),
    'itsm.directory.person-reactivated.v1': directoryEvent(personFacts),
    /** Deleted by the identity provider: out of the directory for good; tickets keep its id and user name. */
    'itsm.directory.person-deleted.v1': directoryEvent({ personId: Id, userName: TextSchema({ minLength: 1, maxLength: 254 }) }),
    'itsm.directory.group-saved.v1': directoryEvent(groupFacts),
    'itsm.directory.group-members-added.v1': directoryEvent({ groupId: Id, personIds: Members }),
    'itsm.directory.group-members-removed.v1': directoryEvent({ groupId: Id, personIds: Members }),
    'itsm.directory.group-deleted.v1': directoryEvent({ groupId: Id }),
  },
});

/** The directory's kinds of record, each its own event stream per record. */
export type DirectoryRecordKind = 'person' | 'group' | 'organisation';

/**
 * The subject (Kafka key) of a directory record's events: the 24 hex digits of the storage id the
 * directory derives from the record's kind and id (its document's `_id`: the platform keys an
 * aggregate's events by it). The payloads name the record's id; consumers check with this that an
 * event is keyed by the record it describes. SHA-256 of the length-prefixed parts, first 12 bytes.
 */
export function directorySubject(kind: DirectoryRecordKind, id: string): string {
  return recordSubject(`directory-${kind}`, id);
}
