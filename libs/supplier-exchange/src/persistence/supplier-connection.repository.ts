import { collectionIndexes, isDuplicateKeyError, index, objectIdFromKey } from '@itsm/platform/persistence';
import type { Collection, Connection, Types } from 'mongoose';
import { SupplierConnectionStore } from '../application/ports/supplier-exchange-stores.port';
import type { StoredSupplierConnection } from '../application/ports/supplier-exchange-stores.port';
import { checkInboundKey } from '../application/supplier-connections/inbound-keys';
import { outboundChecks } from '../application/supplier-connections/outbound-checks';
import { parseSupplierConnection, SupplierExchangeErrorCode, supplierExchangeError } from '../domain';
import type { OutboundChecks, SupplierConnection } from '../domain';

interface ConnectionDocument {
  _id: Types.ObjectId;
  supplierId: string;
  organisationId: string;
  connection: SupplierConnection;
  version: number;
}

const COLLECTION = 'supplier_connections';
const keyOf = (supplierId: string): Types.ObjectId => objectIdFromKey('supplier-connection', supplierId);

/** One document per supplier, `_id` from its id; an organisation has at most one supplier connection. */
export class SupplierConnectionRepository extends SupplierConnectionStore {
  static readonly indexes = [collectionIndexes(COLLECTION, [index({ supplierId: 1 }), index({ organisationId: 1 })])];

  private readonly collection: Collection<ConnectionDocument>;
  private readonly checks: OutboundChecks;

  /** `allowPrivateTargets`: a webhook may name a loopback or private target over http (tests, the all-in-one). */
  constructor(connection: Connection, allowPrivateTargets: boolean) {
    super();
    this.collection = connection.collection<ConnectionDocument>(COLLECTION);
    this.checks = outboundChecks(allowPrivateTargets);
  }

  async save(input: unknown, expectedVersion: number | null): Promise<StoredSupplierConnection> {
    const connection = parseSupplierConnection(input, checkInboundKey, this.checks);
    const { supplierId, organisationId } = connection;
    const other = await this.collection.findOne({ organisationId });
    if (other !== null && other.supplierId !== supplierId) {
      throw supplierExchangeError(SupplierExchangeErrorCode.Conflict, `organisation ${organisationId} is supplier ${other.supplierId}'s`, { organisationId });
    }
    const conflict = () => supplierExchangeError(SupplierExchangeErrorCode.Conflict, `connection ${supplierId} is not at version ${expectedVersion ?? 'none'}`, { supplierId, expectedVersion });
    const document: ConnectionDocument = { _id: keyOf(supplierId), supplierId, organisationId, connection, version: (expectedVersion ?? 0) + 1 };
    if (expectedVersion === null) {
      try {
        await this.collection.insertOne(document);
      } catch (error) {
        if (isDuplicateKeyError(error)) throw conflict();
        throw error;
      }
    } else {
      const replaced = await this.collection.replaceOne({ _id: document._id, version: expectedVersion }, document);
      if (replaced.matchedCount === 0) throw conflict();
    }
    return { connection, version: document.version };
  }

  async get(supplierId: string): Promise<StoredSupplierConnection | null> {
    const document = await this.collection.findOne({ _id: keyOf(supplierId) });
    return document === null ? null : this.toStored(document);
  }

  async list(): Promise<readonly StoredSupplierConnection[]> {
    return (await this.collection.find({}).sort({ supplierId: 1 }).toArray()).map((d) => this.toStored(d));
  }

  async byOrganisation(organisationId: string): Promise<StoredSupplierConnection | null> {
    const document = await this.collection.findOne({ organisationId });
    return document === null ? null : this.toStored(document);
  }

  private toStored(d: ConnectionDocument): StoredSupplierConnection {
    return { connection: parseSupplierConnection(d.connection, checkInboundKey, this.checks), version: d.version };
  }
}
