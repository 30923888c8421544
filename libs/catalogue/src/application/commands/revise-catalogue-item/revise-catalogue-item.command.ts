import type { ItemDraft } from '../../../domain';
import type { PortfolioCaller } from '../../portfolio-access';

/** An edit of a published item: saved as its next version (requests keep the version they ordered). */
export class ReviseCatalogueItemCommand {
  constructor(
    readonly caller: PortfolioCaller,
    readonly itemId: string,
    readonly draft: ItemDraft,
  ) {}
}
