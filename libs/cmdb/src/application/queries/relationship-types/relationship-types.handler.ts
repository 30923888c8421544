import { Inject, Injectable } from '@nestjs/common';
import type { RelationshipType } from '../../../domain';
import { CmdbDataModelService } from '../../cmdb-data-model.service';
import type { DataModelReader } from '../../cmdb-data-model.service';
import type { RelationshipTypesQuery } from './relationship-types.query';

/** The relationship types in force, with their class rules (this replica's copy of the data model). */
@Injectable()
export class RelationshipTypesHandler {
  constructor(@Inject(CmdbDataModelService) private readonly dataModelReader: DataModelReader) {}

  execute(_query: RelationshipTypesQuery): readonly RelationshipType[] {
    return this.dataModelReader.current().relationshipTypes();
  }
}
