import { CmdbProjection, DirectoryProjection } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { CatalogueErrorCode, catalogueError } from '../domain';
import type { ServiceDetails } from '../domain';

/**
 * Checks what a service names in the directory (an active owner, its offerings' support groups and
 * customer organisations) and in the CMDB (its service CIs: known, not retired and of a service class).
 */
@Injectable()
export class ServiceReferences {
  constructor(
    private readonly directory: DirectoryProjection,
    private readonly cmdb: CmdbProjection,
  ) {}

  async check(details: ServiceDetails): Promise<void> {
    const owner = (await this.directory.people([details.ownerId])).get(details.ownerId);
    if (owner === undefined || !owner.active) throw catalogueError(CatalogueErrorCode.NotFound, `No active person ${details.ownerId} to own the service.`, { field: 'ownerId', personId: details.ownerId });
    const groupIds = [...new Set(details.offerings.flatMap((o) => (o.supportGroupId === null ? [] : [o.supportGroupId])))];
    const groups = await this.directory.groups(groupIds);
    const missingGroup = groupIds.find((id) => !groups.has(id));
    if (missingGroup !== undefined) throw catalogueError(CatalogueErrorCode.NotFound, `No group ${missingGroup}.`, { field: 'supportGroupId', groupId: missingGroup });
    const orgIds = [...new Set(details.offerings.flatMap((o) => o.customerOrgIds))];
    const organisations = await this.directory.organisations(orgIds);
    const missingOrg = orgIds.find((id) => !organisations.has(id));
    if (missingOrg !== undefined) throw catalogueError(CatalogueErrorCode.NotFound, `No organisation ${missingOrg}.`, { field: 'customerOrgIds', organisationId: missingOrg });
    const cis = await this.cmdb.cis(details.configurationItemIds);
    const missingCi = details.configurationItemIds.find((id) => cis.get(id)?.retired !== false);
    if (missingCi !== undefined) throw catalogueError(CatalogueErrorCode.NotFound, `No live configuration item ${missingCi}.`, { field: 'configurationItemIds', ciId: missingCi });
    const notService = details.configurationItemIds.find((id) => cis.get(id)?.service !== true);
    if (notService !== undefined) {
      throw catalogueError(CatalogueErrorCode.InvalidInput, `Configuration item ${notService} (${cis.get(notService)?.classId}) is not a service CI.`, { field: 'configurationItemIds', ciId: notService, reason: 'not_a_service_ci' });
    }
  }
}
