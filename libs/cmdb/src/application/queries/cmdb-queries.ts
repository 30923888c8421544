import { Inject, Injectable } from '@nestjs/common';
import { CmdbError, CmdbErrorCode } from '../../domain';
import type { ConfigurationItem, ImpactDirection, ImpactResult, Relationship } from '../../domain';
import { CiRepository, RelationshipRepository } from '../../persistence';
import type { CiListFilter, CiSummary } from '../../persistence';
import { CmdbCatalogService } from '../cmdb-catalog.service';
import { CmdbIndexService } from '../cmdb-index.service';
import { CMDB_SETTINGS } from '../cmdb-tokens';
import type { CmdbSettings } from '../cmdb-tokens';

export interface ImpactRequest {
  readonly ciIds: readonly string[];
  readonly direction: ImpactDirection;
  readonly maxDepth: number;
  readonly relationshipTypes?: readonly string[];
  readonly considerStatus: boolean;
  readonly first: number;
}

const MAX_ORIGINS = 500;
const MAX_LISTED = 10_000;

/** Reads: CIs and their history from MongoDB; impact, service maps and affected services from the in-memory index. */
@Injectable()
export class CmdbQueries {
  constructor(
    @Inject(CiRepository) private readonly cis: CiRepository,
    @Inject(RelationshipRepository) private readonly relationships: RelationshipRepository,
    @Inject(CmdbCatalogService) private readonly catalog: CmdbCatalogService,
    @Inject(CmdbIndexService) private readonly index: CmdbIndexService,
    @Inject(CMDB_SETTINGS) private readonly settings: CmdbSettings,
  ) {}

  async ci(id: string): Promise<ConfigurationItem> {
    const loaded = await this.cis.load(id);
    if (loaded === undefined) throw new CmdbError(CmdbErrorCode.CiNotFound, `no CI ${id}`, { ciId: id });
    return loaded.aggregate;
  }

  /** A page of CIs; `classId` includes its subclasses. */
  list(filter: { classId?: string; state?: 'active' | 'retired'; nameContains?: string }, first: number, after: string | undefined): Promise<{ items: CiSummary[]; hasNextPage: boolean }> {
    if (!Number.isInteger(first) || first < 1 || first > 500) throw new CmdbError(CmdbErrorCode.InvalidInput, 'first is 1-500');
    const catalog = this.catalog.current();
    const classId = filter.classId;
    if (classId !== undefined) catalog.resolve(classId);
    const query: CiListFilter = {
      ...(classId === undefined ? {} : { classIds: catalog.classes().filter((c) => catalog.isA(c.id, classId)).map((c) => c.id) }),
      ...(filter.state === undefined ? {} : { state: filter.state }),
      ...(filter.nameContains === undefined ? {} : { nameContains: filter.nameContains }),
    };
    return this.cis.list(query, first, after);
  }

  relationshipsOf(ciId: string): Promise<Relationship[]> {
    return this.relationships.activeOf(ciId);
  }

  impact(request: ImpactRequest): ImpactResult {
    if (request.ciIds.length === 0 || request.ciIds.length > MAX_ORIGINS) throw new CmdbError(CmdbErrorCode.InvalidInput, `impact analysis starts from 1-${MAX_ORIGINS} CIs`);
    if (request.direction !== 'downstream' && request.direction !== 'upstream') throw new CmdbError(CmdbErrorCode.InvalidInput, `direction is downstream or upstream, not ${String(request.direction)}`);
    if (!Number.isInteger(request.maxDepth) || request.maxDepth < 1 || request.maxDepth > this.settings.impactMaxDepth) {
      throw new CmdbError(CmdbErrorCode.InvalidInput, `maxDepth is 1-${this.settings.impactMaxDepth}`, { maxDepth: request.maxDepth });
    }
    if (!Number.isInteger(request.first) || request.first < 0 || request.first > MAX_LISTED) throw new CmdbError(CmdbErrorCode.InvalidInput, `first is 0-${MAX_LISTED}`);
    const catalog = this.catalog.current();
    for (const typeId of request.relationshipTypes ?? []) catalog.relationshipType(typeId);
    return this.index.index.impact({
      from: request.ciIds,
      direction: request.direction,
      maxDepth: request.maxDepth,
      ...(request.relationshipTypes === undefined ? {} : { relationshipTypes: request.relationshipTypes }),
      considerStatus: request.considerStatus,
      limit: request.first,
    });
  }

  /** What a service needs, layer by layer: offerings, application services, the CIs under them. */
  serviceMap(serviceId: string, maxDepth: number, first: number): ImpactResult {
    const ci = this.index.index.ci(serviceId);
    if (ci === undefined) throw new CmdbError(CmdbErrorCode.CiNotFound, `no active CI ${serviceId}`, { ciId: serviceId });
    if (!ci.service) throw new CmdbError(CmdbErrorCode.InvalidInput, `CI ${serviceId} is a ${ci.classId}, not a service`, { ciId: serviceId });
    return this.impact({ ciIds: [serviceId], direction: 'upstream', maxDepth, considerStatus: true, first });
  }

  /**
   * The services an incident's CIs affect: the CIs themselves when they are services, and every
   * service downstream of them (redundancy respected), each with the path that explains it.
   */
  affectedServices(ciIds: readonly string[]): ImpactResult | undefined {
    const known = ciIds.filter((id) => this.index.index.ci(id) !== undefined);
    if (known.length === 0) return undefined;
    return this.index.index.impact({ from: known, direction: 'downstream', maxDepth: this.settings.impactMaxDepth, considerStatus: true, limit: MAX_LISTED });
  }
}
