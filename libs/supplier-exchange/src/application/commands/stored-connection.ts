import { SupplierExchangeErrorCode, supplierExchangeError } from '../../domain';
import type { StoredSupplierConnection } from '../ports/supplier-exchange-stores.port';
import type { SupplierConnections } from '../supplier-connections/supplier-connections';

/** A supplier's stored connection as just read (not the cached snapshot: an edit names its version), or UNKNOWN_SUPPLIER. */
export async function storedConnection(connections: SupplierConnections, supplierId: string): Promise<StoredSupplierConnection> {
  const stored = await connections.get(supplierId);
  if (stored === null) throw supplierExchangeError(SupplierExchangeErrorCode.UnknownSupplier, `no supplier connection ${supplierId}`, { supplierId });
  return stored;
}
