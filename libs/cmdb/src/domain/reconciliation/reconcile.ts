import { CmdbError, CmdbErrorCode } from '../cmdb.errors';
import type { CmdbDataModel } from '../model/cmdb-data-model';
import type { AttributeChange, AttributeProvenance, Attributes, AttributeValue, ConfigurationItem, HistoryEntry } from '../model/ci';
import { identificationKeys } from './identification';

/** What one source says about one CI, already shaped (GraphQL mutation or discovery event). */
export interface CiObservation {
  readonly source: string;
  readonly classId: string;
  readonly attributes: Attributes;
  readonly by: string;
  readonly at: string;
}

/** The observation checked against the data model: values typed, identification keys computed. */
export interface CheckedObservation extends CiObservation {
  readonly keys: readonly string[];
}

/** An attribute the observation carried but did not write: a source of higher precedence holds it. */
export interface HeldAttribute {
  readonly attribute: string;
  readonly heldBy: string;
}

export type Reconciled =
  | { readonly kind: 'unchanged'; readonly ci: ConfigurationItem; readonly held: readonly HeldAttribute[] }
  | { readonly kind: 'updated'; readonly ci: ConfigurationItem; readonly entry: HistoryEntry; readonly held: readonly HeldAttribute[] };

/**
 * Validates an observation: the source is known, the class concrete, every value typed, and at
 * least one identification rule is satisfied. Throws CMDB.* codes; nothing has been written yet.
 */
export function checkObservation(dataModel: CmdbDataModel, observation: CiObservation): CheckedObservation {
  dataModel.source(observation.source);
  const resolved = dataModel.concreteClass(observation.classId);
  const attributes = dataModel.checkAttributes(observation.classId, observation.attributes, false);
  const keys = identificationKeys(resolved, attributes);
  if (keys.length === 0) {
    const rules = resolved.rules.map((r) => r.attributes.join(' + ')).join('; ');
    throw new CmdbError(CmdbErrorCode.NotIdentifiable, `a ${observation.classId} needs the attributes of one identification rule (${rules})`, { classId: observation.classId });
  }
  return { ...observation, attributes, keys };
}

function sameValue(a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  return (a ?? null) === (b ?? null);
}

/** A new CI from an observation of a source allowed to create; CMDB.SOURCE_MAY_NOT_CREATE otherwise. */
export function createCi(dataModel: CmdbDataModel, id: string, observation: CheckedObservation): { ci: ConfigurationItem; entry: HistoryEntry } {
  if (!dataModel.source(observation.source).mayCreate) {
    throw new CmdbError(CmdbErrorCode.SourceMayNotCreate, `source ${observation.source} may update CIs but not create them, and no CI matches`, { source: observation.source, classId: observation.classId });
  }
  const attributes = dataModel.checkAttributes(observation.classId, observation.attributes, true);
  const provenance: Record<string, AttributeProvenance> = {};
  const changes: AttributeChange[] = [];
  for (const [attribute, value] of Object.entries(attributes)) {
    if (value === null) continue;
    provenance[attribute] = { source: observation.source, by: observation.by, at: observation.at };
    changes.push({ attribute, old: null, new: value });
  }
  const kept = Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== null));
  const entry: HistoryEntry = { version: 1, kind: 'created', source: observation.source, by: observation.by, at: observation.at, changes };
  const ci: ConfigurationItem = {
    id,
    classId: observation.classId,
    name: String(kept['name']),
    attributes: kept,
    provenance,
    state: 'active',
    identifiers: [...observation.keys],
    createdAt: observation.at,
    updatedAt: observation.at,
    sequence: 0,
    history: [entry],
  };
  return { ci, entry };
}

/**
 * Merges an observation into an existing CI, attribute by attribute: a value is written when the
 * observing source's precedence for that attribute is at least that of the source holding it (or
 * nobody holds it); otherwise it is reported as held. Every written change lands in one history
 * entry (source, who, when, old -> new).
 */
export function reconcileCi(dataModel: CmdbDataModel, existing: ConfigurationItem, observation: CheckedObservation, identifiers: readonly string[] = existing.identifiers): Reconciled {
  if (existing.state === 'retired') {
    throw new CmdbError(CmdbErrorCode.CiRetired, `CI ${existing.id} (${existing.name}) is retired; discovery does not revive it`, { ciId: existing.id });
  }
  if (existing.classId !== observation.classId) {
    throw new CmdbError(CmdbErrorCode.ClassMismatch, `the observation identifies CI ${existing.id}, a ${existing.classId}, not a ${observation.classId}`, { ciId: existing.id, classId: existing.classId });
  }
  const attributes: Record<string, AttributeValue> = { ...existing.attributes };
  const provenance: Record<string, AttributeProvenance> = { ...existing.provenance };
  const changes: AttributeChange[] = [];
  const held: HeldAttribute[] = [];
  for (const [attribute, value] of Object.entries(observation.attributes)) {
    const current = existing.attributes[attribute];
    if (sameValue(current, value)) continue;
    const holder = existing.provenance[attribute];
    if (holder !== undefined && holder.source !== observation.source && dataModel.precedenceOf(observation.source, attribute) < dataModel.precedenceOf(holder.source, attribute)) {
      held.push({ attribute, heldBy: holder.source });
      continue;
    }
    changes.push({ attribute, old: current ?? null, new: value });
    if (value === null) {
      delete attributes[attribute];
      delete provenance[attribute];
    } else {
      attributes[attribute] = value;
      provenance[attribute] = { source: observation.source, by: observation.by, at: observation.at };
    }
  }
  // A required attribute cannot be cleared by anyone. (Only what changes is checked: a CI stored
  // before its class gained a required attribute can still be updated.)
  const definitions = dataModel.resolve(existing.classId).attributes;
  for (const change of changes) {
    if (change.new === null && definitions.get(change.attribute)?.required === true) {
      throw new CmdbError(CmdbErrorCode.InvalidAttribute, `attribute ${change.attribute} is required for class ${existing.classId}`, { attribute: change.attribute, expected: definitions.get(change.attribute)?.type ?? null });
    }
  }
  const newIdentifiers = identifiers.length === existing.identifiers.length && identifiers.every((k, i) => existing.identifiers[i] === k) ? existing.identifiers : [...identifiers];
  if (changes.length === 0) {
    const ci = newIdentifiers === existing.identifiers ? existing : { ...existing, identifiers: newIdentifiers };
    return { kind: 'unchanged', ci, held };
  }
  const version = existing.history.length + 1;
  const entry: HistoryEntry = { version, kind: 'updated', source: observation.source, by: observation.by, at: observation.at, changes };
  const ci: ConfigurationItem = {
    ...existing,
    name: String(attributes['name']),
    attributes,
    provenance,
    identifiers: newIdentifiers,
    updatedAt: observation.at,
    history: [...existing.history, entry],
  };
  return { kind: 'updated', ci, entry, held };
}

/** The CI retired: kept with its history, out of impact analysis; its relationships are removed by the caller. */
export function retireCi(existing: ConfigurationItem, by: string, at: string, reason: string): { ci: ConfigurationItem; entry: HistoryEntry } {
  if (existing.state === 'retired') throw new CmdbError(CmdbErrorCode.CiRetired, `CI ${existing.id} is already retired`, { ciId: existing.id });
  const version = existing.history.length + 1;
  const entry: HistoryEntry = { version, kind: 'retired', source: 'manual', by, at, changes: reason === '' ? [] : [{ attribute: 'retirement_reason', old: null, new: reason }] };
  return { ci: { ...existing, state: 'retired', updatedAt: at, history: [...existing.history, entry] }, entry };
}
