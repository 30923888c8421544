import { collectionIndexes, index } from '@itsm/platform/persistence';
import type { Collection, Connection } from 'mongoose';
import { Types } from 'mongoose';
import type { ProvisioningClient } from '../domain';
import type { ProvisioningClientStore } from '../application/ports/directory-stores.port';

interface ClientDocument {
  _id: Types.ObjectId;
  name: string;
  organisationId: string | null;
  /** SHA-256 of the token, hex: the token itself is never stored. */
  tokenHash: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const COLLECTION = 'directory_provisioning_clients';

function toClient(d: ClientDocument): ProvisioningClient {
  return { id: d._id.toHexString(), name: d.name, organisationId: d.organisationId, createdBy: d.createdBy, createdAt: d.createdAt, revokedAt: d.revokedAt };
}

/** Provisioning clients, found by their token's hash on every SCIM request. */
export class ProvisioningClientRepository implements ProvisioningClientStore {
  static readonly indexes = [collectionIndexes(COLLECTION, [index({ tokenHash: 1 })])];

  private readonly collection: Collection<ClientDocument>;

  constructor(connection: Connection) {
    this.collection = connection.collection<ClientDocument>(COLLECTION);
  }

  async insert(client: ProvisioningClient, tokenHash: string): Promise<void> {
    await this.collection.insertOne({ _id: new Types.ObjectId(client.id), name: client.name, organisationId: client.organisationId, tokenHash, createdBy: client.createdBy, createdAt: client.createdAt, revokedAt: client.revokedAt });
  }

  async revoke(id: string, at: Date): Promise<ProvisioningClient | undefined> {
    if (!/^[0-9a-f]{24}$/.test(id)) return undefined;
    const _id = new Types.ObjectId(id);
    await this.collection.updateOne({ _id, revokedAt: null }, { $set: { revokedAt: at } });
    const document = await this.collection.findOne({ _id });
    return document === null ? undefined : toClient(document);
  }

  async list(): Promise<ProvisioningClient[]> {
    return (await this.collection.find({}).sort({ _id: 1 }).toArray()).map(toClient);
  }

  async byTokenHash(tokenHash: string): Promise<ProvisioningClient | undefined> {
    const document = await this.collection.findOne({ tokenHash });
    return document === null ? undefined : toClient(document);
  }
}
