import { Inject, Injectable } from '@nestjs/common';
import type { CiClass } from '../../../domain';
import { CmdbCatalogService } from '../../cmdb-catalog.service';
import type { SchemaWriter } from '../../cmdb-catalog.service';
import type { SaveCiClassCommand } from './save-ci-class.command';

/**
 * Saves a CI class: checked whole against the data model in force (CMDB.INVALID_CLASS: existing
 * attributes cannot be removed or retyped, built-in classes keep parent and abstractness), then
 * stored at the version the admin saw (CMDB.CONFLICT otherwise).
 */
@Injectable()
export class SaveCiClassHandler {
  constructor(@Inject(CmdbCatalogService) private readonly schema: SchemaWriter) {}

  async execute({ ciClass, expectedVersion, by }: SaveCiClassCommand): Promise<CiClass> {
    const catalog = this.schema.current();
    const previous = catalog.findClass(ciClass.id);
    const full: CiClass = { ...ciClass, builtIn: previous?.builtIn ?? false, version: expectedVersion + 1 };
    catalog.withClass(full);
    return this.schema.saveEntry('class', full, previous?.version ?? 0, expectedVersion, by);
  }
}
