import type { Clock } from '@itsm/platform/config';
import type { SupplierConnection } from '../../domain';
import type { StoredSupplierConnection } from '../ports/supplier-exchange-stores.port';
import type { SupplierConnectionStore } from '../ports/supplier-exchange-stores.port';

/** The connections as one read: by supplier and by organisation. */
export class ConnectionSnapshot {
  private readonly byOrg: ReadonlyMap<string, SupplierConnection>;
  private readonly bySupplier: ReadonlyMap<string, SupplierConnection>;

  constructor(stored: readonly StoredSupplierConnection[]) {
    this.bySupplier = new Map(stored.map((s) => [s.connection.supplierId, s.connection]));
    this.byOrg = new Map(stored.map((s) => [s.connection.organisationId, s.connection]));
  }

  /** Every connection, by supplier id. */
  all(): readonly SupplierConnection[] {
    return [...this.bySupplier.values()].sort((a, b) => a.supplierId.localeCompare(b.supplierId));
  }

  supplier(supplierId: string): SupplierConnection | undefined {
    return this.bySupplier.get(supplierId);
  }

  ofOrganisation(organisationId: string | null): SupplierConnection | undefined {
    return organisationId === null ? undefined : this.byOrg.get(organisationId);
  }
}

/**
 * The connections the consumer decides with, read at most once per `ttlMs` per process (not per
 * event): an admin's edit applies within that time, without a restart; a save through this process
 * applies at once.
 */
export class SupplierConnections {
  private cached: { readonly at: number; readonly snapshot: Promise<ConnectionSnapshot> } | undefined;

  constructor(
    private readonly store: SupplierConnectionStore,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  snapshot(): Promise<ConnectionSnapshot> {
    const now = this.clock.now().getTime();
    if (this.cached === undefined || now - this.cached.at >= this.ttlMs) {
      const snapshot = this.store.list().then((stored) => new ConnectionSnapshot(stored));
      // A failed read is not kept: the next event reads again.
      void snapshot.catch(() => {
        if (this.cached?.snapshot === snapshot) this.cached = undefined;
      });
      this.cached = { at: now, snapshot };
    }
    return this.cached.snapshot;
  }

  /** One connection as stored now (not the cached snapshot), with its version. */
  get(supplierId: string): Promise<StoredSupplierConnection | null> {
    return this.store.get(supplierId);
  }

  async save(input: unknown, expectedVersion: number | null): Promise<StoredSupplierConnection> {
    const saved = await this.store.save(input, expectedVersion);
    this.cached = undefined;
    return saved;
  }
}
