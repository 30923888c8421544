import { Inject, Injectable } from '@nestjs/common';
import type { ImpactResult } from '../../../domain';
import { CmdbIndexService } from '../../cmdb-index.service';
import type { IndexReader } from '../../cmdb-index.service';
import { CMDB_SETTINGS } from '../../cmdb.tokens';
import type { CmdbSettings } from '../../cmdb.tokens';
import { MAX_IMPACT_LISTED } from '../impact-analysis/impact-limits';
import type { AffectedServicesQuery } from './affected-services.query';

/**
 * The services an incident's CIs affect: the CIs themselves when they are services, and every
 * service downstream of them (redundancy respected), each with the path that explains it.
 * Undefined when the index knows none of the CIs.
 */
@Injectable()
export class AffectedServicesHandler {
  constructor(
    @Inject(CmdbIndexService) private readonly index: IndexReader,
    @Inject(CMDB_SETTINGS) private readonly settings: CmdbSettings,
  ) {}

  execute({ ciIds }: AffectedServicesQuery): ImpactResult | undefined {
    const known = ciIds.filter((id) => this.index.index.ci(id) !== undefined);
    if (known.length === 0) return undefined;
    return this.index.index.impact({ from: known, direction: 'downstream', maxDepth: this.settings.impactMaxDepth, considerStatus: true, limit: MAX_IMPACT_LISTED });
  }
}
