import { CatalogueErrorCode, catalogueError } from '../domain';
import type { PortfolioService } from '../domain';

/** Who calls a portfolio use case (from the verified token). */
export interface PortfolioCaller {
  readonly userId: string;
  readonly roles: readonly string[];
}

/** Catalogue admins (and platform admins) manage the whole portfolio and catalogue. */
export function isCatalogueAdmin(caller: PortfolioCaller): boolean {
  return caller.roles.includes('catalogue-admin') || caller.roles.includes('admin');
}

export function assertCatalogueAdmin(caller: PortfolioCaller, what: string): void {
  if (!isCatalogueAdmin(caller)) throw catalogueError(CatalogueErrorCode.Forbidden, `Only catalogue admins may ${what}.`, { userId: caller.userId });
}

/**
 * A service's owner and catalogue admins manage the service and its items; an item without a
 * service is the admins' alone (`service` null).
 */
export function assertManages(caller: PortfolioCaller, service: PortfolioService | null): void {
  if (isCatalogueAdmin(caller)) return;
  if (service !== null && service.ownerId === caller.userId) return;
  throw catalogueError(CatalogueErrorCode.Forbidden, service === null ? 'Only catalogue admins manage items without a service.' : `Only the owner of service ${service.id} and catalogue admins manage it.`, {
    userId: caller.userId,
    ...(service === null ? {} : { serviceId: service.id }),
  });
}
