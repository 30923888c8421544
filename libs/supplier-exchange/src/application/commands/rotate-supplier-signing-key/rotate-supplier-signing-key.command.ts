import type { SigningKeyKind } from '../../supplier-connections/issued-keys';

/** Issues the next webhook signing key of a supplier's connection (both sign until the old one is retired). */
export class RotateSupplierSigningKeyCommand {
  constructor(
    readonly supplierId: string,
    readonly keyKind: SigningKeyKind,
  ) {}
}
