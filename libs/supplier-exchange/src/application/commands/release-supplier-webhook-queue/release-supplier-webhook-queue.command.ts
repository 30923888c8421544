/** Sends a ticket's webhook queue to a supplier again after a dead letter (the supplier fixed its side): the held event first. */
export class ReleaseSupplierWebhookQueueCommand {
  constructor(
    readonly ticketId: string,
    readonly supplierId: string,
  ) {}
}
