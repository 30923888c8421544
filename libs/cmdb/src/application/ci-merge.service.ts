import { retryOnConflict } from '@itsm/platform/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { reconcileCi } from '../domain';
import type { CheckedObservation } from '../domain';
import { CI_STORE } from '../persistence';
import type { CiStore } from '../persistence';
import { CmdbDataModelService } from './cmdb-data-model.service';
import type { DataModelReader } from './cmdb-data-model.service';
import { ciErrors } from './cmdb-command.errors';
import { ciEvent } from './cmdb.events';
import { CmdbIndexService } from './cmdb-index.service';
import type { IndexWriter } from './cmdb-index.service';
import { expectSaved } from './expect-saved';
import { IdentityService } from './identity.service';
import type { ReconcileResult } from './command-results';

/**
 * Merges a checked observation into an existing CI, for a discovery source (report discovered CI)
 * and a person (update CI) alike: claims the identification keys the CI gains, merges attribute by
 * attribute under source precedence (domain `reconcileCi`), writes the change with its history entry
 * and event in one save, and tells this replica's index. A lost race is decided again on the fresh CI.
 *
 * Not the platform's AggregateCommandRunner: a merge that changes no attribute may still record
 * identification keys the CI gained, a write without an event, which the runner by design skips.
 */
@Injectable()
export class CiMergeService {
  constructor(
    @Inject(CI_STORE) private readonly cis: CiStore,
    @Inject(CmdbDataModelService) private readonly dataModelReader: DataModelReader,
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(CmdbIndexService) private readonly index: IndexWriter,
  ) {}

  merge(ciId: string, observation: CheckedObservation): Promise<ReconcileResult> {
    const dataModel = this.dataModelReader.current();
    return retryOnConflict(async () => {
      const loaded = await this.cis.load(ciId);
      if (loaded === undefined) throw ciErrors.notFound(ciId);
      const gained = observation.keys.filter((key) => !loaded.aggregate.identifiers.includes(key));
      const claims = gained.length ? await this.identity.claimMore(gained, ciId) : { claimed: [], conflicts: [] };
      const reconciled = reconcileCi(dataModel, loaded.aggregate, observation, [...loaded.aggregate.identifiers, ...claims.claimed]);
      const identificationConflicts = claims.conflicts.map((c) => ({ key: c.key, ciId: c.ownerId }));
      if (reconciled.kind === 'unchanged') {
        if (reconciled.ci !== loaded.aggregate) await expectSaved(this.cis.save(loaded, reconciled.ci, []));
        return { ci: loaded.aggregate, outcome: 'unchanged', held: reconciled.held, identificationConflicts, relationships: [] };
      }
      await expectSaved(this.cis.save(loaded, reconciled.ci, [ciEvent('updated', reconciled.ci, reconciled.entry)]));
      const ci = { ...reconciled.ci, sequence: loaded.aggregate.sequence + 1 };
      this.index.applyCi(ci);
      return { ci, outcome: 'updated', held: reconciled.held, identificationConflicts, relationships: [] };
    }, () => ciErrors.conflict(ciId));
  }
}
