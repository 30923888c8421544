import { Inject, Injectable } from '@nestjs/common';
import type { DiscoverySource } from '../../../domain';
import { CmdbCatalogService } from '../../cmdb-catalog.service';
import type { SchemaWriter } from '../../cmdb-catalog.service';
import type { SaveDiscoverySourceCommand } from './save-discovery-source.command';

/**
 * Saves a discovery source (precedence, per-attribute precedence, whether it may create CIs):
 * checked (CMDB.INVALID_SOURCE), then stored at the version the admin saw (CMDB.CONFLICT otherwise).
 */
@Injectable()
export class SaveDiscoverySourceHandler {
  constructor(@Inject(CmdbCatalogService) private readonly schema: SchemaWriter) {}

  async execute({ source, expectedVersion, by }: SaveDiscoverySourceCommand): Promise<DiscoverySource> {
    const catalog = this.schema.current();
    const previous = catalog.findSource(source.id);
    const full: DiscoverySource = { ...source, builtIn: previous?.builtIn ?? false, version: expectedVersion + 1 };
    catalog.withSource(full);
    return this.schema.saveEntry('source', full, previous?.version ?? 0, expectedVersion, by);
  }
}
