import { Clock } from '@itsm/platform/config';
import { AggregateCommandRunner } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { Relationship } from '../../../domain';
import { RELATIONSHIP_STORE } from '../../../persistence';
import type { CmdbEvent, RelationshipStore } from '../../../persistence';
import { relationshipErrors } from '../../cmdb-command.errors';
import { relationshipEvent } from '../../cmdb.events';
import { CmdbIndexService } from '../../cmdb-index.service';
import type { IndexWriter } from '../../cmdb-index.service';
import type { RelationshipOutcome } from '../../command-results';
import type { RemoveRelationshipCommand } from './remove-relationship.command';

/** Removes a relationship; removing a removed one changes nothing (changed false). */
@Injectable()
export class RemoveRelationshipHandler {
  private readonly runner: AggregateCommandRunner<Relationship, CmdbEvent>;

  constructor(
    @Inject(RELATIONSHIP_STORE) relationships: RelationshipStore,
    @Inject(CmdbIndexService) private readonly index: IndexWriter,
    @Inject(Clock) private readonly clock: Clock,
  ) {
    this.runner = new AggregateCommandRunner(relationships, relationshipErrors);
  }

  async execute({ relationshipId, by }: RemoveRelationshipCommand): Promise<RelationshipOutcome> {
    const at = this.clock.now().toISOString();
    const outcome = await this.runner.run(relationshipId, {
      decide: (current) => {
        if (current.state === 'removed') return { aggregate: current, events: [] };
        const removed: Relationship = { ...current, state: 'removed', removedBy: by, removedAt: at };
        return { aggregate: { ...removed, sequence: current.sequence + 1 }, events: [relationshipEvent(removed, 'removed', by, at)] };
      },
    });
    if (outcome.changed) this.index.applyRelationship(outcome.aggregate);
    return { relationship: outcome.aggregate, changed: outcome.changed };
  }
}
