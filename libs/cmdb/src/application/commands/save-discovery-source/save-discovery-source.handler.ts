import { Inject, Injectable } from '@nestjs/common';
import type { DiscoverySource } from '../../../domain';
import { CmdbDataModelService } from '../../cmdb-data-model.service';
import type { DataModelWriter } from '../../cmdb-data-model.service';
import { sourceVerifyingKeys } from '../../discovery-source-keys';
import type { SaveDiscoverySourceCommand } from './save-discovery-source.command';

/**
 * Saves a discovery source (precedence, per-attribute precedence, whether it may create CIs, the
 * keys its feed records are signed with: kept when the change leaves them out): checked
 * (CMDB.INVALID_SOURCE, a key that does not parse named by position and WebhookKeyError code), then
 * stored at the version the admin saw (CMDB.CONFLICT otherwise).
 */
@Injectable()
export class SaveDiscoverySourceHandler {
  constructor(@Inject(CmdbDataModelService) private readonly dataModelReader: DataModelWriter) {}

  async execute({ source, expectedVersion, by }: SaveDiscoverySourceCommand): Promise<DiscoverySource> {
    const dataModel = this.dataModelReader.current();
    const previous = dataModel.findSource(source.id);
    const verificationKeys = [...(source.verificationKeys ?? previous?.verificationKeys ?? [])];
    const full: DiscoverySource = { ...source, verificationKeys, builtIn: previous?.builtIn ?? false, version: expectedVersion + 1 };
    dataModel.withSource(full);
    sourceVerifyingKeys(full);
    return this.dataModelReader.saveEntry('source', full, previous?.version ?? 0, expectedVersion, by);
  }
}
