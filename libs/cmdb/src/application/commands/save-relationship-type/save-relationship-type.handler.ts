import { Inject, Injectable } from '@nestjs/common';
import type { RelationshipType } from '../../../domain';
import { CmdbDataModelService } from '../../cmdb-data-model.service';
import type { DataModelWriter } from '../../cmdb-data-model.service';
import type { SaveRelationshipTypeCommand } from './save-relationship-type.command';

/**
 * Saves a relationship type: checked against the data model in force (CMDB.INVALID_RELATIONSHIP_TYPE;
 * built-in types may only gain class rules), then stored at the version the admin saw (CMDB.CONFLICT otherwise).
 */
@Injectable()
export class SaveRelationshipTypeHandler {
  constructor(@Inject(CmdbDataModelService) private readonly dataModelReader: DataModelWriter) {}

  async execute({ relationshipType, expectedVersion, by }: SaveRelationshipTypeCommand): Promise<RelationshipType> {
    const dataModel = this.dataModelReader.current();
    const previous = dataModel.findRelationshipType(relationshipType.id);
    const full: RelationshipType = { ...relationshipType, builtIn: previous?.builtIn ?? false, version: expectedVersion + 1 };
    dataModel.withRelationshipType(full);
    return this.dataModelReader.saveEntry('relationship_type', full, previous?.version ?? 0, expectedVersion, by);
  }
}
