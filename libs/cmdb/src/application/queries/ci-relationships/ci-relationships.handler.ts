import { Inject, Injectable } from '@nestjs/common';
import type { Relationship } from '../../../domain';
import { RELATIONSHIP_STORE } from '../../../persistence';
import type { RelationshipReader } from '../../../persistence';
import type { CiRelationshipsQuery } from './ci-relationships.query';

/** A CI's active relationships from MongoDB. */
@Injectable()
export class CiRelationshipsHandler {
  constructor(@Inject(RELATIONSHIP_STORE) private readonly relationships: RelationshipReader) {}

  execute({ ciId }: CiRelationshipsQuery): Promise<Relationship[]> {
    return this.relationships.activeOf(ciId);
  }
}
