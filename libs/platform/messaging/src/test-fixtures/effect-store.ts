import type { EventEnvelope } from '@itsm/contracts';
import { connectContext, inboxGuard, isDuplicateKeyError, objectIdFromKey } from '@itsm/platform/persistence';
import type { Connection } from 'mongoose';

export interface Effect {
  readonly key: string;
  readonly count: number;
  readonly sequences: number[];
}

/**
 * A side effect a consumer applies per event: one document per stream key, counting applications
 * and recording their sequences, guarded by the inbox so each event takes effect at most once.
 */
export class EffectStore {
  private constructor(private readonly connection: Connection) {}

  static async open(mongoUrl: string, context: string): Promise<EffectStore> {
    return new EffectStore(await connectContext({ url: mongoUrl, dbPrefix: 'itsm_test' }, context));
  }

  private get collection() {
    return this.connection.collection<{ key: string; count: number; sequences: number[] }>('effects');
  }

  async apply(envelope: EventEnvelope): Promise<'applied' | 'duplicate'> {
    const guard = inboxGuard(envelope);
    try {
      const result = await this.collection.updateOne(
        { _id: objectIdFromKey(envelope.source, envelope.subject), ...guard.filter },
        { $inc: { count: 1 }, $push: { sequences: envelope.sequence }, $set: { key: envelope.subject, ...guard.set } },
        { upsert: true },
      );
      return result.modifiedCount + result.upsertedCount > 0 ? 'applied' : 'duplicate';
    } catch (error) {
      // The stream's document exists but has applied this sequence already: the upsert hit its _id.
      if (isDuplicateKeyError(error)) return 'duplicate';
      throw error;
    }
  }

  async all(): Promise<Effect[]> {
    const documents = await this.collection.find({}).toArray();
    return documents.map((d) => ({ key: d.key, count: d.count, sequences: d.sequences })).sort((a, b) => a.key.localeCompare(b.key));
  }

  async total(): Promise<number> {
    return (await this.all()).reduce((sum, effect) => sum + effect.count, 0);
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
