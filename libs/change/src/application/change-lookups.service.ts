import { Injectable } from '@nestjs/common';
import type { LinkableChange } from '../domain';
import { ChangeReads } from './ports/change-store.port';
import { ChangeLookups } from './ports/unauthorised-change-store.port';

/** How many implementing changes on one CI a detection reads (any one covers the CI). */
const IMPLEMENTING_LIMIT = 20;

/** ChangeLookups answered by the change store's reads: changes in `implement` naming the CI as a CI or as a service. */
@Injectable()
export class ChangeReadsLookups extends ChangeLookups {
  constructor(private readonly reads: ChangeReads) {
    super();
  }

  async implementingOn(ciId: string): Promise<readonly string[]> {
    const all = { kind: 'all' } as const;
    const [asCi, asService] = await Promise.all([
      this.reads.list(all, { states: ['implement'], configurationItemId: ciId }, IMPLEMENTING_LIMIT, undefined),
      this.reads.list(all, { states: ['implement'], serviceId: ciId }, IMPLEMENTING_LIMIT, undefined),
    ]);
    return [...new Set([...asCi.items, ...asService.items].map((c) => c.id))];
  }

  async linkable(id: string): Promise<LinkableChange | undefined> {
    const change = await this.reads.byId(id);
    return change === undefined ? undefined : { id: change.id, configurationItemIds: change.configurationItemIds, serviceIds: change.serviceIds };
  }
}
