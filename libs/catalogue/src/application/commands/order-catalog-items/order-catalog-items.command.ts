/** One line of a cart: a catalogue item, how many, and the values of its form (checked against its current version). */
export interface OrderLine {
  readonly itemId: string;
  readonly quantity: number;
  readonly variables: unknown;
}

/** A cart becomes a request (REQ) with one requested item (RITM) per line; `requestedForId`: ordering on behalf of someone (null: the caller). */
export class OrderCatalogItemsCommand {
  constructor(
    readonly lines: readonly OrderLine[],
    readonly requestedForId: string | null = null,
  ) {}
}
