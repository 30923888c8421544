import type { Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import type { FilterQuery, Model } from 'mongoose';
import { OrderableBundles } from '../application/ports/orderable-items.port';
import { CatalogueBundleStore } from '../application/ports/portfolio-stores.port';
import type { BundleSelection } from '../application/ports/portfolio-stores.port';
import type { CatalogueBundle, PortfolioEvent } from '../domain';
import { catalogueBundleMapper, catalogueBundleOfDocument } from './catalogue-bundle.schema';
import type { CatalogueBundleDocument } from './catalogue-bundle.schema';
import { PortfolioRecords } from './portfolio-records';

const RECORD_ONLY = { _outbox: 0 } as const;

/** Catalogue bundles in MongoDB (`catalogue_bundles`): `_id` = serviceSubject('bundle', id); state and outbox in ONE document. Also what ordering reads (OrderableBundles). */
export class CatalogueBundleRepository extends CatalogueBundleStore implements OrderableBundles {
  private readonly records: PortfolioRecords<CatalogueBundle, CatalogueBundleDocument>;

  constructor(
    private readonly model: Model<StoredDocument<CatalogueBundleDocument>>,
    afterCommit: () => void,
  ) {
    super();
    this.records = new PortfolioRecords('bundle', model, catalogueBundleMapper, afterCommit);
  }

  load(id: string): Promise<Loaded<CatalogueBundle> | undefined> {
    return this.records.load(id);
  }

  save(loaded: Loaded<CatalogueBundle>, bundle: CatalogueBundle, events: readonly PortfolioEvent[]): Promise<SaveResult> {
    return this.records.save(loaded, bundle, events);
  }

  create(bundle: CatalogueBundle, events: readonly PortfolioEvent[]): Promise<void> {
    return this.records.create(bundle, events);
  }

  async byId(id: string): Promise<CatalogueBundle | undefined> {
    const document = await this.model.findById(this.records.keyOf(id), RECORD_ONLY).lean<CatalogueBundleDocument>();
    return document === null ? undefined : catalogueBundleOfDocument(document);
  }

  async byIds(ids: readonly string[]): Promise<ReadonlyMap<string, CatalogueBundle>> {
    if (ids.length === 0) return new Map();
    const documents = await this.model.find({ _id: { $in: ids.map((id) => this.records.keyOf(id)) } }, RECORD_ONLY).lean<CatalogueBundleDocument[]>();
    return new Map(documents.map((d) => [d.id, catalogueBundleOfDocument(d)]));
  }

  async list(selection: BundleSelection, first: number, after: string | null): Promise<readonly CatalogueBundle[]> {
    const filter: FilterQuery<CatalogueBundleDocument> = {};
    if (selection.status !== null) filter.status = { $eq: selection.status };
    if (selection.categoryId !== null) filter.categoryId = { $eq: selection.categoryId };
    if (after !== null) filter.nameKey = { $gt: after };
    const documents = await this.model.find(filter, RECORD_ONLY).sort({ nameKey: 1 }).limit(first).lean<CatalogueBundleDocument[]>();
    return documents.map(catalogueBundleOfDocument);
  }
}
