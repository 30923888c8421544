import { Inject, Injectable } from '@nestjs/common';
import type { CiClass } from '../../../domain';
import { CmdbDataModelService } from '../../cmdb-data-model.service';
import type { DataModelReader } from '../../cmdb-data-model.service';
import type { CiClassesQuery } from './ci-classes.query';

/** The CI classes in force, built-in and added by admins (this replica's copy of the data model). */
@Injectable()
export class CiClassesHandler {
  constructor(@Inject(CmdbDataModelService) private readonly dataModelReader: DataModelReader) {}

  execute(_query: CiClassesQuery): readonly CiClass[] {
    return this.dataModelReader.current().classes();
  }
}
