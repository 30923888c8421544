import { databaseName, objectIdFromKey } from '@itsm/platform/persistence';
import type { MongoSettings } from '@itsm/platform/persistence';
import type { mongo } from 'mongoose';
import type { Connection } from 'mongoose';

/**
 * Which contexts' demo data a store already received: loaded once into an empty store, never again,
 * so a restart does not load it twice and does not bring back demo records a user deleted.
 */
export interface DemoLedger {
  /** The ids by name the context's demo data answered when it was loaded, or undefined if it never was. */
  loaded(context: string): Promise<ReadonlyMap<string, string> | undefined>;
  /** Written after the demo data: a start that died while loading it loads it again (the seeders skip what exists). */
  record(context: string, references: ReadonlyMap<string, string> | undefined): Promise<void>;
}

interface DemoMarker {
  _id: mongo.ObjectId;
  context: string;
  loadedAt: Date;
  references: { name: string; id: string }[];
}

const MARKERS = 'platform_demo_data';

/** The ledger as one marker document in each context's own database (dropping that database loads its demo again). */
export class MongoDemoLedger implements DemoLedger {
  constructor(
    private readonly connection: Connection,
    private readonly settings: Pick<MongoSettings, 'dbPrefix'>,
  ) {}

  private markers(context: string): mongo.Collection<DemoMarker> {
    const db = this.connection.useDb(databaseName(this.settings, context), { useCache: true }).db;
    if (db === undefined) throw new Error('the demo ledger connection is not open');
    return db.collection<DemoMarker>(MARKERS);
  }

  async loaded(context: string): Promise<ReadonlyMap<string, string> | undefined> {
    const marker = await this.markers(context).findOne({ _id: objectIdFromKey('demo-data', context) });
    return marker === null ? undefined : new Map(marker.references.map(({ name, id }) => [name, id]));
  }

  async record(context: string, references: ReadonlyMap<string, string> | undefined): Promise<void> {
    const marker: DemoMarker = {
      _id: objectIdFromKey('demo-data', context),
      context,
      loadedAt: new Date(),
      references: [...(references ?? new Map<string, string>())].map(([name, id]) => ({ name, id })),
    };
    await this.markers(context).replaceOne({ _id: marker._id }, marker, { upsert: true });
  }
}
