import { Inject, Injectable } from '@nestjs/common';
import { CmdbError, CmdbErrorCode } from '../../../domain';
import type { ImpactResult } from '../../../domain';
import { CmdbIndexService } from '../../cmdb-index.service';
import type { IndexReader } from '../../cmdb-index.service';
import { ImpactAnalysisQuery } from '../impact-analysis/impact-analysis.query';
import { ImpactAnalysisHandler } from '../impact-analysis/impact-analysis.handler';
import type { ServiceMapQuery } from './service-map.query';

/** A service's map: upstream impact analysis from an active service CI (CMDB.CI_NOT_FOUND, CMDB.INVALID_INPUT otherwise). */
@Injectable()
export class ServiceMapHandler {
  constructor(
    @Inject(CmdbIndexService) private readonly index: IndexReader,
    @Inject(ImpactAnalysisHandler) private readonly impact: ImpactAnalysisHandler,
  ) {}

  execute({ serviceId, maxDepth, first }: ServiceMapQuery): ImpactResult {
    const ci = this.index.index.ci(serviceId);
    if (ci === undefined) throw new CmdbError(CmdbErrorCode.CiNotFound, `no active CI ${serviceId}`, { ciId: serviceId });
    if (!ci.service) throw new CmdbError(CmdbErrorCode.InvalidInput, `CI ${serviceId} is a ${ci.classId}, not a service`, { ciId: serviceId });
    return this.impact.execute(new ImpactAnalysisQuery({ ciIds: [serviceId], direction: 'upstream', maxDepth, considerStatus: true, first }));
  }
}
