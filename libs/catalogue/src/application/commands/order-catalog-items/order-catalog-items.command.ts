/** One line of a cart: a catalogue item, how many, and the values of its form (checked against its current version). */
export interface ItemOrderLine {
  readonly itemId: string;
  readonly bundleId?: undefined;
  readonly quantity: number;
  readonly variables: unknown;
}

/**
 * A line naming a catalogue bundle: one requested item per item of the bundle, `quantity` of each;
 * `variables` by item id (an object of item id: {name: value}), over the bundle's defaults.
 */
export interface BundleOrderLine {
  readonly bundleId: string;
  readonly itemId?: undefined;
  readonly quantity: number;
  readonly variables: unknown;
}

export type OrderLine = ItemOrderLine | BundleOrderLine;

/** A cart becomes a request (REQ) with one requested item (RITM) per item line and per item of each bundle line; `requestedForId`: ordering on behalf of someone (null: the caller). */
export class OrderCatalogItemsCommand {
  constructor(
    readonly lines: readonly OrderLine[],
    readonly requestedForId: string | null = null,
  ) {}
}
