import { Inject, Injectable } from '@nestjs/common';
import type { DiscoverySource } from '../../../domain';
import { CmdbDataModelService } from '../../cmdb-data-model.service';
import type { DataModelReader } from '../../cmdb-data-model.service';
import type { DiscoverySourcesQuery } from './discovery-sources.query';

/** The discovery sources in force, with their precedence (this replica's copy of the data model). */
@Injectable()
export class DiscoverySourcesHandler {
  constructor(@Inject(CmdbDataModelService) private readonly dataModelReader: DataModelReader) {}

  execute(_query: DiscoverySourcesQuery): readonly DiscoverySource[] {
    return this.dataModelReader.current().sources();
  }
}
