/** Stops a webhook signing key of a supplier's connection signing (the end of a rotation), by its id. */
export class RetireSupplierSigningKeyCommand {
  constructor(
    readonly supplierId: string,
    readonly keyId: string,
  ) {}
}
