import { Inject, Injectable } from '@nestjs/common';
import { CmdbError, CmdbErrorCode } from '../../../domain';
import type { ImpactResult } from '../../../domain';
import { CmdbDataModelService } from '../../cmdb-data-model.service';
import type { DataModelReader } from '../../cmdb-data-model.service';
import { CmdbIndexService } from '../../cmdb-index.service';
import type { IndexReader } from '../../cmdb-index.service';
import { CMDB_SETTINGS } from '../../cmdb.tokens';
import type { CmdbSettings } from '../../cmdb.tokens';
import { MAX_IMPACT_LISTED } from './impact-limits';
import type { ImpactAnalysisQuery } from './impact-analysis.query';

const MAX_ORIGINS = 500;

/** Impact analysis on this replica's in-memory index, the request checked first (CMDB.INVALID_INPUT). */
@Injectable()
export class ImpactAnalysisHandler {
  constructor(
    @Inject(CmdbDataModelService) private readonly dataModelReader: DataModelReader,
    @Inject(CmdbIndexService) private readonly index: IndexReader,
    @Inject(CMDB_SETTINGS) private readonly settings: CmdbSettings,
  ) {}

  execute({ request }: ImpactAnalysisQuery): ImpactResult {
    if (request.ciIds.length === 0 || request.ciIds.length > MAX_ORIGINS) throw new CmdbError(CmdbErrorCode.InvalidInput, `impact analysis starts from 1-${MAX_ORIGINS} CIs`);
    if (request.direction !== 'downstream' && request.direction !== 'upstream') throw new CmdbError(CmdbErrorCode.InvalidInput, `direction is downstream or upstream, not ${String(request.direction)}`);
    if (!Number.isInteger(request.maxDepth) || request.maxDepth < 1 || request.maxDepth > this.settings.impactMaxDepth) {
      throw new CmdbError(CmdbErrorCode.InvalidInput, `maxDepth is 1-${this.settings.impactMaxDepth}`, { maxDepth: request.maxDepth });
    }
    if (!Number.isInteger(request.first) || request.first < 0 || request.first > MAX_IMPACT_LISTED) throw new CmdbError(CmdbErrorCode.InvalidInput, `first is 0-${MAX_IMPACT_LISTED}`);
    const dataModel = this.dataModelReader.current();
    for (const typeId of request.relationshipTypes ?? []) dataModel.relationshipType(typeId);
    return this.index.index.impact({
      from: request.ciIds,
      direction: request.direction,
      maxDepth: request.maxDepth,
      ...(request.relationshipTypes === undefined ? {} : { relationshipTypes: request.relationshipTypes }),
      considerStatus: request.considerStatus,
      limit: request.first,
    });
  }
}
