import { collectionIndexes, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import { CategoryStore } from '../application/ports/portfolio-stores.port';
import type { Category } from '../domain';

interface CategoryDocument extends Category {
  _id: Types.ObjectId;
}

const COLLECTION = 'catalogue_categories';
const keyOf = (id: string): Types.ObjectId => objectIdFromKey('catalogue-category', id);

/** Catalogue categories: a small tree of admin records, one document each. */
export class CategoryRepository extends CategoryStore {
  static readonly indexes = [
    collectionIndexes(COLLECTION, [], [{ shape: 'find {} sort { name: 1, id: 1 }', reason: 'all: the categories are a small tree a portal shows whole, and a save walks its parents' }]),
  ];

  private readonly collection: Collection<CategoryDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<CategoryDocument>(COLLECTION);
  }

  async byIds(ids: readonly string[]): Promise<ReadonlyMap<string, Category>> {
    if (ids.length === 0) return new Map();
    const documents = await this.collection.find({ _id: { $in: ids.map(keyOf) } }).toArray();
    return new Map(documents.map((d) => [d.id, toCategory(d)]));
  }

  async all(): Promise<readonly Category[]> {
    return (await this.collection.find({}).sort({ name: 1, id: 1 }).toArray()).map(toCategory);
  }

  async put(category: Category): Promise<void> {
    const _id = keyOf(category.id);
    await this.collection.replaceOne({ _id }, { ...category }, { upsert: true });
  }
}

function toCategory(d: CategoryDocument): Category {
  return { id: d.id, name: d.name, description: d.description, parentId: d.parentId };
}
