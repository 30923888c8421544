import { personFacts } from './directory.events';
import type { DirectoryEvent } from './directory.events';
import type { Person } from './directory.model';
import type { PersonAttributes } from './person-rules';

/** A person as stored: deleted people stay as tombstones (their id is never reused) and are found by no query. */
export interface PersonRecord extends Person {
  readonly deleted: boolean;
}

/** What a decision on one record came to: its new state and the events that say why (none: unchanged). */
export interface Decided<A> {
  readonly aggregate: A;
  readonly events: readonly DirectoryEvent[];
}

/** The attributes a person-updated event names as `changed` (active travels as deactivated/reactivated). */
const UPDATABLE: readonly (keyof PersonAttributes)[] = [
  'userName',
  'displayName',
  'emails',
  'phones',
  'chatHandle',
  'timeZone',
  'locale',
  'title',
  'department',
  'employeeNumber',
  'managerId',
  'organisationId',
  'roles',
  'externalId',
];

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A new person (attributes normalised by `normalisePerson`) and its person-created event. */
export function createPerson(id: string, attributes: PersonAttributes, by: string, at: Date): Decided<PersonRecord> {
  const person: PersonRecord = { id, ...attributes, createdAt: at, updatedAt: at, version: 1, deleted: false };
  return { aggregate: person, events: [{ type: 'itsm.directory.person-created.v1', data: personFacts(person, by, at.toISOString()) }] };
}

/**
 * The person with every attribute replaced: person-updated naming the changed attributes (with
 * `active` as before), then person-deactivated or person-reactivated when `active` flipped. No
 * events (and the person unchanged) when nothing differs.
 */
export function replacePerson(current: PersonRecord, attributes: PersonAttributes, by: string, at: Date): Decided<PersonRecord> {
  const changed = UPDATABLE.filter((name) => !same(current[name], attributes[name]));
  const flipped = current.active !== attributes.active;
  if (changed.length === 0 && !flipped) return { aggregate: current, events: [] };
  const next: PersonRecord = { ...current, ...attributes, updatedAt: at, version: current.version + 1 };
  const when = at.toISOString();
  const events: DirectoryEvent[] = [];
  if (changed.length > 0) events.push({ type: 'itsm.directory.person-updated.v1', data: { ...personFacts({ ...next, active: current.active }, by, when), changed: [...changed] } });
  if (flipped) events.push({ type: next.active ? 'itsm.directory.person-reactivated.v1' : 'itsm.directory.person-deactivated.v1', data: personFacts(next, by, when) });
  return { aggregate: next, events };
}

/** The person as a tombstone (inactive, found by no query) and its person-deleted event. */
export function deletePerson(current: PersonRecord, by: string, at: Date): Decided<PersonRecord> {
  return {
    aggregate: { ...current, active: false, deleted: true, updatedAt: at, version: current.version + 1 },
    events: [{ type: 'itsm.directory.person-deleted.v1', data: { personId: current.id, userName: current.userName, by, at: at.toISOString() } }],
  };
}

/** The person without its storage flag. */
export function personOf(record: PersonRecord): Person {
  const { deleted: _deleted, ...person } = record;
  return person;
}
