import { Inject, Injectable } from '@nestjs/common';
import type { ConfigurationItem } from '../../../domain';
import { CI_STORE } from '../../../persistence';
import type { CiReader } from '../../../persistence';
import { ciErrors } from '../../cmdb-command.errors';
import type { ConfigurationItemQuery } from './configuration-item.query';

/** A CI from MongoDB, retired ones included; CMDB.CI_NOT_FOUND when there is none. */
@Injectable()
export class ConfigurationItemHandler {
  constructor(@Inject(CI_STORE) private readonly cis: CiReader) {}

  async execute({ ciId }: ConfigurationItemQuery): Promise<ConfigurationItem> {
    const loaded = await this.cis.load(ciId);
    if (loaded === undefined) throw ciErrors.notFound(ciId);
    return loaded.aggregate;
  }
}
