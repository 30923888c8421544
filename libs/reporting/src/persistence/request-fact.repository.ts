import { collectionIndexes, index } from '@itsm/platform/persistence';
import type { CollectionSource } from './projection-generation';
import { RequestFactStore } from '../application/change-request-projection.ports';
import { requestFactDays } from '../domain';
import type { RequestFact } from '../domain';
import { FactCollection } from './fact-collection';

const COLLECTION = 'reporting_request_facts';

/**
 * `reporting_request_facts`: one document per service request (`_id` from its subject), its
 * requested items and fulfilment tasks inside (the request's sequence guards them all in one
 * single-document write), found by the UTC days of their instants.
 */
export class RequestFactRepository extends RequestFactStore {
  static readonly indexes = [collectionIndexes(COLLECTION, [index({ days: 1 })])];
  private readonly facts: FactCollection<RequestFact>;

  constructor(connection: CollectionSource) {
    super();
    this.facts = new FactCollection(connection, COLLECTION, 'reporting-request', (fact) => ({ days: requestFactDays(fact) }));
  }

  load(keys: readonly string[]) {
    return this.facts.load(keys);
  }

  write(writes: readonly { readonly fact: RequestFact; readonly previous: number | null }[]) {
    return this.facts.write(writes);
  }

  inDays(fromDay: number, toDay: number): Promise<readonly RequestFact[]> {
    return this.facts.inDays(fromDay, toDay);
  }
}
