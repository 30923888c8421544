import { Injectable } from '@nestjs/common';
import { KnownServices } from './ports/known-services.port';
import { ServiceStore } from './ports/portfolio-stores.port';

/** KnownServices over the portfolio's service store. */
@Injectable()
export class StoredKnownServices extends KnownServices {
  constructor(private readonly services: ServiceStore) {
    super();
  }

  async unknown(ids: readonly string[]): Promise<readonly string[]> {
    const found = await this.services.byIds(ids);
    return ids.filter((id) => !found.has(id));
  }
}
