import { Inject, Injectable } from '@nestjs/common';
import type { DiscoverySource } from '../../../domain';
import { CmdbDataModelService } from '../../cmdb-data-model.service';
import type { DataModelWriter } from '../../cmdb-data-model.service';
import type { SaveDiscoverySourceCommand } from './save-discovery-source.command';

/**
 * Saves a discovery source (precedence, per-attribute precedence, whether it may create CIs):
 * checked (CMDB.INVALID_SOURCE), then stored at the version the admin saw (CMDB.CONFLICT otherwise).
 */
@Injectable()
export class SaveDiscoverySourceHandler {
  constructor(@Inject(CmdbDataModelService) private readonly dataModelReader: DataModelWriter) {}

  async execute({ source, expectedVersion, by }: SaveDiscoverySourceCommand): Promise<DiscoverySource> {
    const dataModel = this.dataModelReader.current();
    const previous = dataModel.findSource(source.id);
    const full: DiscoverySource = { ...source, builtIn: previous?.builtIn ?? false, version: expectedVersion + 1 };
    dataModel.withSource(full);
    return this.dataModelReader.saveEntry('source', full, previous?.version ?? 0, expectedVersion, by);
  }
}
