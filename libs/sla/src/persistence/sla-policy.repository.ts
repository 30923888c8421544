import type { EventEnvelope } from '@itsm/contracts';
import { applyOnce, collectionIndexes, inboxGuard, index, objectIdFromKey, schemaIndexes } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';
import type { Connection, Types } from 'mongoose';
import type { Applicability, BusinessCalendarSpec, CallerTimeZone, SlaDefinition, TimeZoneSubject } from '../domain';
import { timeZoneKey } from '../domain';
import type { SlaPolicyStore, SlaTimeZoneStore, Versioned } from './sla-stores.port';

interface CalendarDocument { _id: Types.ObjectId; key: string; spec: BusinessCalendarSpec; version: number; updatedBy: string; updatedAt: Date }
/** Definitions saved before offerings and catalogue items could restrict them lack those two lists. */
type StoredDefinition = Omit<SlaDefinition, 'appliesTo'> & { appliesTo: Omit<Applicability, 'offeringIds' | 'catalogItemIds'> & Partial<Pick<Applicability, 'offeringIds' | 'catalogItemIds'>> };
interface DefinitionDocument { _id: Types.ObjectId; key: string; definition: StoredDefinition; version: number; updatedBy: string; updatedAt: Date }
interface RevisionDocument { _id: Types.ObjectId; revision: number }
/** `personId`: the directory person whose events set a caller's zone (absent when set by hand or cleared). */
interface ZoneDocument { _id: Types.ObjectId; subject: TimeZoneSubject; key: string; timeZone?: string; personId?: string }

const REVISION_ID = objectIdFromKey('sla-catalog', 'revision');
const zoneId = (subject: TimeZoneSubject, key: string): Types.ObjectId => objectIdFromKey('sla-zone', subject, key);

/** Calendars and definitions are listed in key order; the revision and time zones are read by `_id` only. */
const policySchema = (collection: string): Schema => {
  const schema = new Schema({ key: String, version: Number }, { collection, strict: false, versionKey: false });
  schema.index({ key: 1 });
  return schema;
};
export const slaCalendarSchema = policySchema('sla_calendars');
export const slaDefinitionSchema = policySchema('sla_definitions');

/**
 * Calendars and definitions (versioned; a save states the version it read, so two admins cannot
 * overwrite each other silently), a policy set revision every replica polls to notice changes, and
 * the time zones of callers and CI locations (TimeZoneSource).
 */
export class SlaPolicyRepository implements SlaPolicyStore, SlaTimeZoneStore {
  /** The policy set is read whole, in key order (the schemas' key index); a person's caller zones by person; everything else by `_id`. */
  static readonly indexes = [
    schemaIndexes(slaCalendarSchema),
    schemaIndexes(slaDefinitionSchema),
    collectionIndexes('sla_catalog_revision', []),
    collectionIndexes('sla_time_zones', [index({ personId: 1 })]),
  ];

  constructor(private readonly connection: Connection) {}

  private get calendars() {
    return this.connection.collection<CalendarDocument>('sla_calendars');
  }

  private get definitions() {
    return this.connection.collection<DefinitionDocument>('sla_definitions');
  }

  private get revisions() {
    return this.connection.collection<RevisionDocument>('sla_catalog_revision');
  }

  private get zones() {
    return this.connection.collection<ZoneDocument>('sla_time_zones');
  }

  async listCalendars(): Promise<Versioned<BusinessCalendarSpec>[]> {
    const docs = await this.calendars.find({}).sort({ key: 1 }).limit(10_000).toArray();
    return docs.map((d) => ({ value: d.spec, version: d.version, updatedBy: d.updatedBy, updatedAt: d.updatedAt }));
  }

  async listDefinitions(): Promise<Versioned<SlaDefinition>[]> {
    const docs = await this.definitions.find({}).sort({ key: 1 }).limit(10_000).toArray();
    return docs.map((d) => ({ value: toDefinition(d.definition), version: d.version, updatedBy: d.updatedBy, updatedAt: d.updatedAt }));
  }

  /** Saves when `expectedVersion` is the stored one (0 = new); false when someone else saved first. */
  async saveCalendar(spec: BusinessCalendarSpec, expectedVersion: number, by: string, at: Date): Promise<boolean> {
    return this.saveVersioned('sla_calendars', objectIdFromKey('sla-calendar', spec.id), expectedVersion, { key: spec.id, spec, updatedBy: by, updatedAt: at });
  }

  async saveDefinition(definition: SlaDefinition, expectedVersion: number, by: string, at: Date): Promise<boolean> {
    return this.saveVersioned('sla_definitions', objectIdFromKey('sla-definition', definition.id), expectedVersion, {
      key: definition.id,
      definition,
      updatedBy: by,
      updatedAt: at,
    });
  }

  async revision(): Promise<number> {
    return (await this.revisions.findOne({ _id: REVISION_ID }))?.revision ?? 0;
  }

  async bumpRevision(): Promise<void> {
    await this.revisions.updateOne({ _id: REVISION_ID }, { $inc: { revision: 1 } }, { upsert: true });
  }

  async setTimeZone(subject: TimeZoneSubject, id: string, timeZone: string): Promise<void> {
    const key = timeZoneKey(subject, id);
    await this.zones.updateOne({ _id: zoneId(subject, key) }, { $set: { subject, key, timeZone } }, { upsert: true });
  }

  async timeZoneOf(subject: TimeZoneSubject, id: string): Promise<string | null> {
    return (await this.zones.findOne({ _id: zoneId(subject, timeZoneKey(subject, id)) }))?.timeZone ?? null;
  }

  async followCallerZone(caller: CallerTimeZone, event: Pick<EventEnvelope, 'source' | 'subject' | 'sequence'>): Promise<'applied' | 'duplicate'> {
    const { personId, userName: key, timeZone } = caller;
    // A renamed person: the zone leaves the user names it had (those documents also record the event).
    const guard = inboxGuard(event);
    await this.zones.updateMany({ personId: { $eq: personId }, key: { $ne: key }, ...guard.filter }, { $set: guard.set, $unset: { timeZone: '', personId: '' } });
    const fields = { subject: 'user', key, personId };
    return applyOnce(this.zones, zoneId('user', key), event, timeZone === null ? { $set: fields, $unset: { timeZone: '' } } : { $set: { ...fields, timeZone } });
  }

  private async saveVersioned(name: string, _id: Types.ObjectId, expectedVersion: number, fields: Record<string, unknown>): Promise<boolean> {
    const collection = this.connection.collection(name);
    if (expectedVersion === 0) {
      try {
        await collection.insertOne({ _id, ...fields, version: 1 });
        return true;
      } catch (error) {
        if ((error as { code?: number }).code === 11000) return false;
        throw error;
      }
    }
    const result = await collection.updateOne({ _id, version: expectedVersion }, { $set: { ...fields, version: expectedVersion + 1 } });
    return result.modifiedCount === 1;
  }
}

function toDefinition(stored: StoredDefinition): SlaDefinition {
  const { offeringIds = [], catalogItemIds = [] } = stored.appliesTo;
  return { ...stored, appliesTo: { ...stored.appliesTo, offeringIds, catalogItemIds } };
}
