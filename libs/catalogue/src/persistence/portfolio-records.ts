import { serviceSubject } from '@itsm/contracts';
import type { ServiceRecordKind } from '@itsm/contracts';
import { AggregateRepository, PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import type { AggregateMapper, Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import type { Model } from 'mongoose';
import { CatalogueError, CatalogueErrorCode } from '../domain';
import type { PortfolioEvent } from '../domain';
import { toPortfolioEnvelopes } from './portfolio.envelopes';

/** A portfolio record's document `_id`: serviceSubject(kind, id), the Kafka key of its events. */
export function portfolioKey(kind: ServiceRecordKind, id: string): Types.ObjectId {
  return new Types.ObjectId(serviceSubject(kind, id));
}

/** A portfolio record with the last sequence of its event stream: what its document holds (besides outbox and inbox). */
export interface PositionedRecord<R> {
  readonly record: R;
  readonly sequence: number;
}

/**
 * One kind of portfolio record in MongoDB, `_id` = serviceSubject(kind, id) (the Kafka key of its
 * events on itsm.service.v1): load, save and create with the record's events numbered on its
 * stream, in ONE document write each.
 */
export class PortfolioRecords<R extends { readonly id: string }, D extends object> {
  private readonly aggregates: AggregateRepository<PositionedRecord<R>, D>;
  private readonly positions = new WeakMap<Loaded<R>, Loaded<PositionedRecord<R>>>();

  constructor(
    private readonly kind: ServiceRecordKind,
    model: Model<StoredDocument<D>>,
    mapper: AggregateMapper<PositionedRecord<R>, D>,
    afterCommit: () => void,
  ) {
    this.aggregates = new AggregateRepository(model, mapper, afterCommit);
  }

  keyOf(id: string): Types.ObjectId {
    return portfolioKey(this.kind, id);
  }

  async load(id: string): Promise<Loaded<R> | undefined> {
    const positioned = await this.aggregates.load(this.keyOf(id));
    if (positioned === undefined) return undefined;
    const loaded: Loaded<R> = { ...positioned, aggregate: positioned.aggregate.record };
    this.positions.set(loaded, positioned);
    return loaded;
  }

  save(loaded: Loaded<R>, record: R, events: readonly PortfolioEvent[]): Promise<SaveResult> {
    const positioned = this.positions.get(loaded);
    if (positioned === undefined) throw new Error(`${this.kind}: save only a record loaded through this repository`);
    const sequence = positioned.aggregate.sequence;
    const envelopes = toPortfolioEnvelopes(loaded.id.toHexString(), sequence, events);
    return this.aggregates.save(positioned, { record, sequence: sequence + envelopes.length }, envelopes);
  }

  /** CATALOGUE.CONFLICT naming the id when it is taken. */
  async create(record: R, events: readonly PortfolioEvent[]): Promise<void> {
    const key = this.keyOf(record.id);
    const envelopes = toPortfolioEnvelopes(key.toHexString(), 0, events);
    try {
      await this.aggregates.create(key, { record, sequence: envelopes.length }, envelopes);
    } catch (error) {
      if (error instanceof PersistenceError && error.code === PersistenceErrorCode.AlreadyExists) throw new CatalogueError(CatalogueErrorCode.Conflict, `${this.kind} ${record.id} already exists`, { [`${this.kind}Id`]: record.id });
      throw error;
    }
  }
}
