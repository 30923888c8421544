import { collectionIndexes, index } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import type { Collection, Connection } from 'mongoose';
import type { PipelineToken } from '../../domain';
import { PipelineTokenStore } from '../../application/ports';

interface PipelineTokenDocument {
  _id: Types.ObjectId;
  name: string;
  /** SHA-256 of the token, hex: the token itself is never stored. */
  tokenHash: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const COLLECTION = 'change_pipeline_tokens';
const OBJECT_ID = /^[0-9a-f]{24}$/;

function toToken(d: PipelineTokenDocument): PipelineToken {
  return { id: d._id.toHexString(), name: d.name, createdBy: d.createdBy, createdAt: d.createdAt, revokedAt: d.revokedAt };
}

/** Deployment pipelines' tokens, found by their hash on every gate request. */
export class PipelineTokenRepository extends PipelineTokenStore {
  static readonly indexes = [
    collectionIndexes(COLLECTION, [index({ tokenHash: 1 }), index({ createdAt: 1, _id: 1 })]),
  ];

  private readonly collection: Collection<PipelineTokenDocument>;

  constructor(connection: Connection) {
    super();
    this.collection = connection.collection<PipelineTokenDocument>(COLLECTION);
  }

  async insert(token: PipelineToken, tokenHash: string): Promise<void> {
    await this.collection.insertOne({ _id: new Types.ObjectId(token.id), name: token.name, tokenHash, createdBy: token.createdBy, createdAt: token.createdAt, revokedAt: token.revokedAt });
  }

  async revoke(id: string, at: Date): Promise<PipelineToken | undefined> {
    if (!OBJECT_ID.test(id)) return undefined;
    const _id = new Types.ObjectId(id);
    await this.collection.updateOne({ _id, revokedAt: null }, { $set: { revokedAt: at } });
    const document = await this.collection.findOne({ _id });
    return document === null ? undefined : toToken(document);
  }

  async list(): Promise<readonly PipelineToken[]> {
    return (await this.collection.find({}).sort({ createdAt: 1, _id: 1 }).limit(1_000).toArray()).map(toToken);
  }

  async byTokenHash(tokenHash: string): Promise<PipelineToken | undefined> {
    const document = await this.collection.findOne({ tokenHash });
    return document === null ? undefined : toToken(document);
  }
}
