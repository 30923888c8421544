import { collectionIndexes, index } from '@itsm/platform/persistence';
import type { CollectionSource } from './projection-generation';
import { ChangeFactStore, IncidentChangeLinkStore, UnauthorisedChangeStore } from '../application/change-request-projection.ports';
import { changeFactDays, unauthorisedFactDays } from '../domain';
import type { ChangeFact, IncidentChangeLink, UnauthorisedChangeFact } from '../domain';
import { FactCollection } from './fact-collection';

const CHANGES = 'reporting_change_facts';
const UNAUTHORISED = 'reporting_unauthorised_changes';
const LINKS = 'reporting_incident_change_links';

/** `reporting_change_facts`: one document per change (`_id` from its subject), found by the UTC days of its instants. */
export class ChangeFactRepository extends ChangeFactStore {
  static readonly indexes = [collectionIndexes(CHANGES, [index({ days: 1 })])];
  private readonly facts: FactCollection<ChangeFact>;

  constructor(connection: CollectionSource) {
    super();
    this.facts = new FactCollection(connection, CHANGES, 'reporting-change', (fact) => ({ days: changeFactDays(fact) }));
  }

  load(keys: readonly string[]) {
    return this.facts.load(keys);
  }

  write(writes: readonly { readonly fact: ChangeFact; readonly previous: number | null }[]) {
    return this.facts.write(writes);
  }

  inDays(fromDay: number, toDay: number): Promise<readonly ChangeFact[]> {
    return this.facts.inDays(fromDay, toDay);
  }
}

/** `reporting_unauthorised_changes`: one document per unauthorised-change record, found by its days. */
export class UnauthorisedChangeRepository extends UnauthorisedChangeStore {
  static readonly indexes = [collectionIndexes(UNAUTHORISED, [index({ days: 1 })])];
  private readonly facts: FactCollection<UnauthorisedChangeFact>;

  constructor(connection: CollectionSource) {
    super();
    this.facts = new FactCollection(connection, UNAUTHORISED, 'reporting-unauthorised-change', (fact) => ({ days: unauthorisedFactDays(fact) }));
  }

  load(keys: readonly string[]) {
    return this.facts.load(keys);
  }

  write(writes: readonly { readonly fact: UnauthorisedChangeFact; readonly previous: number | null }[]) {
    return this.facts.write(writes);
  }

  inDays(fromDay: number, toDay: number): Promise<readonly UnauthorisedChangeFact[]> {
    return this.facts.inDays(fromDay, toDay);
  }
}

/** `reporting_incident_change_links`: one document per incident ever linked to a change, found by the changes it names. */
export class IncidentChangeLinkRepository extends IncidentChangeLinkStore {
  static readonly indexes = [collectionIndexes(LINKS, [index({ changeIds: 1 })])];
  private readonly facts: FactCollection<IncidentChangeLink>;

  constructor(connection: CollectionSource) {
    super();
    this.facts = new FactCollection(connection, LINKS, 'reporting-incident-change-link', (fact) => ({ changeIds: [...fact.changeIds] }));
  }

  load(keys: readonly string[]) {
    return this.facts.load(keys);
  }

  write(writes: readonly { readonly fact: IncidentChangeLink; readonly previous: number | null }[]) {
    return this.facts.write(writes);
  }

  async ofChanges(changeIds: readonly string[]): Promise<readonly IncidentChangeLink[]> {
    if (changeIds.length === 0) return [];
    return (await this.facts.collection.find({ changeIds: { $in: [...changeIds] } }, { projection: { fact: 1 } }).toArray()).map((d) => d.fact);
  }
}
