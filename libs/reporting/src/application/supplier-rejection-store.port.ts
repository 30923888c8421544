import type { SupplierRejection } from '../domain';

/** Suppliers' rejections (`reporting_supplier_rejections`). */
export abstract class SupplierRejectionStore {
  /** Records each once (by its id: a redelivery or a replay adds nothing). */
  abstract record(rejections: readonly SupplierRejection[]): Promise<void>;
  /** The rejections at instants in [from, to). */
  abstract between(from: number, to: number): Promise<readonly SupplierRejection[]>;
}
