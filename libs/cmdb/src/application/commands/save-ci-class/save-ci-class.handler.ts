import { Inject, Injectable } from '@nestjs/common';
import type { CiClass } from '../../../domain';
import { CmdbDataModelService } from '../../cmdb-data-model.service';
import type { DataModelWriter } from '../../cmdb-data-model.service';
import type { SaveCiClassCommand } from './save-ci-class.command';

/**
 * Saves a CI class: checked whole against the data model in force (CMDB.INVALID_CLASS: existing
 * attributes cannot be removed or retyped, built-in classes keep parent and abstractness), then
 * stored at the version the admin saw (CMDB.CONFLICT otherwise).
 */
@Injectable()
export class SaveCiClassHandler {
  constructor(@Inject(CmdbDataModelService) private readonly dataModelReader: DataModelWriter) {}

  async execute({ ciClass, expectedVersion, by }: SaveCiClassCommand): Promise<CiClass> {
    const dataModel = this.dataModelReader.current();
    const previous = dataModel.findClass(ciClass.id);
    const full: CiClass = { ...ciClass, builtIn: previous?.builtIn ?? false, version: expectedVersion + 1 };
    dataModel.withClass(full);
    return this.dataModelReader.saveEntry('class', full, previous?.version ?? 0, expectedVersion, by);
  }
}
