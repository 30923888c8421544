import type { SigningKeyKind } from '../../supplier-connections/issued-keys';

/**
 * An admin's connection (any JSON, checked by parseSupplierConnection) without webhook signing keys:
 * the exchange issues them (`keyKind` for a new one) and keeps them when a webhook connection is saved again.
 * `expectedVersion` null creates it.
 */
export class SaveSupplierConnectionCommand {
  constructor(
    readonly input: Readonly<Record<string, unknown>>,
    readonly expectedVersion: number | null,
    readonly keyKind: SigningKeyKind,
  ) {}
}
