import { Inject, Injectable } from '@nestjs/common';
import { CmdbError, CmdbErrorCode } from '../../../domain';
import { CI_STORE } from '../../../persistence';
import type { CiListFilter, CiListing, CiSummary } from '../../../persistence';
import { CmdbDataModelService } from '../../cmdb-data-model.service';
import type { DataModelReader } from '../../cmdb-data-model.service';
import type { ConfigurationItemsQuery } from './configuration-items.query';

const MAX_PAGE = 500;

/** A page of CIs; `classId` includes its subclasses (CMDB.UNKNOWN_CLASS for a class nobody defined). */
@Injectable()
export class ConfigurationItemsHandler {
  constructor(
    @Inject(CI_STORE) private readonly cis: CiListing,
    @Inject(CmdbDataModelService) private readonly dataModelReader: DataModelReader,
  ) {}

  execute({ filter, first, after }: ConfigurationItemsQuery): Promise<{ items: CiSummary[]; hasNextPage: boolean }> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw new CmdbError(CmdbErrorCode.InvalidInput, `first is 1-${MAX_PAGE}`);
    const dataModel = this.dataModelReader.current();
    const classId = filter.classId;
    if (classId !== undefined) dataModel.resolve(classId);
    const query: CiListFilter = {
      ...(classId === undefined ? {} : { classIds: dataModel.classes().filter((c) => dataModel.isA(c.id, classId)).map((c) => c.id) }),
      ...(filter.state === undefined ? {} : { state: filter.state }),
      ...(filter.nameContains === undefined ? {} : { nameContains: filter.nameContains }),
    };
    return this.cis.list(query, first, after);
  }
}
