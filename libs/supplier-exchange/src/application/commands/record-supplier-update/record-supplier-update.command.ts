import type { SupplierUpdateEnvelope } from '../../../domain';

/** An update-received event the exchange published, read back from `itsm.supplier-exchange.v1`. */
export class RecordSupplierUpdateCommand {
  constructor(readonly update: SupplierUpdateEnvelope) {}
}
