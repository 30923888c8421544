import { Clock } from '@itsm/platform/config';
import { AggregateCommandRunner } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { retireCi } from '../../../domain';
import type { ConfigurationItem } from '../../../domain';
import { CI_STORE, RELATIONSHIP_STORE } from '../../../persistence';
import type { CiStore, CmdbEvent, RelationshipReader } from '../../../persistence';
import { ciErrors } from '../../cmdb-command.errors';
import { ciRetiredEvent } from '../../cmdb.events';
import { CmdbIndexService } from '../../cmdb-index.service';
import type { IndexWriter } from '../../cmdb-index.service';
import { RemoveRelationshipCommand } from '../remove-relationship/remove-relationship.command';
import { RemoveRelationshipHandler } from '../remove-relationship/remove-relationship.handler';
import type { RetireCiCommand } from './retire-ci.command';

/**
 * Retires a CI: kept with its history and identification keys (rediscovery does not recreate it),
 * out of the impact index, then every active relationship of it removed (each its own write).
 * CMDB.CI_RETIRED when it already is.
 */
@Injectable()
export class RetireCiHandler {
  private readonly runner: AggregateCommandRunner<ConfigurationItem, CmdbEvent>;

  constructor(
    @Inject(CI_STORE) cis: CiStore,
    @Inject(RELATIONSHIP_STORE) private readonly relationships: RelationshipReader,
    @Inject(RemoveRelationshipHandler) private readonly removeRelationship: RemoveRelationshipHandler,
    @Inject(CmdbIndexService) private readonly index: IndexWriter,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    this.runner = new AggregateCommandRunner(cis, ciErrors);
  }

  async execute({ ciId, reason, by }: RetireCiCommand): Promise<ConfigurationItem> {
    const at = this.clock.now().toISOString();
    const { aggregate: retired } = await this.runner.run(ciId, {
      decide: (current) => {
        const { ci } = retireCi(current, by, at, reason);
        return { aggregate: { ...ci, sequence: current.sequence + 1 }, events: [ciRetiredEvent(ci, reason, by, at)] };
      },
    });
    this.index.applyCi(retired);
    for (const relationship of await this.relationships.activeOf(ciId)) await this.removeRelationship.execute(new RemoveRelationshipCommand(relationship.id, by));
    return retired;
  }
}
