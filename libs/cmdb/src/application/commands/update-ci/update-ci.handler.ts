import { Clock } from '@itsm/platform/config';
import { Inject, Injectable } from '@nestjs/common';
import { identificationKeys } from '../../../domain';
import type { CheckedObservation } from '../../../domain';
import { CI_STORE } from '../../../persistence';
import type { CiReader } from '../../../persistence';
import { CiMergeService } from '../../ci-merge.service';
import { CmdbDataModelService } from '../../cmdb-data-model.service';
import type { DataModelReader } from '../../cmdb-data-model.service';
import { ciErrors } from '../../cmdb-command.errors';
import type { ReconcileResult } from '../../command-results';
import type { UpdateCiCommand } from './update-ci.command';

/**
 * Updates a CI by hand: no identification (the id names it), the same source precedence as
 * discovery (a source of higher precedence keeps its values: reported as held). CMDB.CI_RETIRED
 * for a retired CI.
 */
@Injectable()
export class UpdateCiHandler {
  constructor(
    @Inject(CI_STORE) private readonly cis: CiReader,
    @Inject(CmdbDataModelService) private readonly dataModelReader: DataModelReader,
    @Inject(CiMergeService) private readonly merger: CiMergeService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ ciId, attributes, by, source }: UpdateCiCommand): Promise<ReconcileResult> {
    const dataModel = await this.dataModelReader.withDataModel((c) => (c.source(source), c));
    const loaded = await this.cis.load(ciId);
    if (loaded === undefined) throw ciErrors.notFound(ciId);
    const checkedAttributes = dataModel.checkAttributes(loaded.aggregate.classId, attributes, false);
    const keys = identificationKeys(dataModel.resolve(loaded.aggregate.classId), { ...loaded.aggregate.attributes, ...checkedAttributes });
    const observation: CheckedObservation = { source, classId: loaded.aggregate.classId, attributes: checkedAttributes, by, at: this.clock.now().toISOString(), keys };
    return this.merger.merge(ciId, observation);
  }
}
