import type { PortfolioCaller } from '../../portfolio-access';

/** Entitlement rules by name, one page after a cursor (catalogue admins). */
export class FindEntitlementRulesQuery {
  constructor(
    readonly caller: PortfolioCaller,
    readonly first: number,
    readonly after: string | null,
  ) {}
}
