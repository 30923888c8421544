import type { RelationshipType } from '../../../domain';

/** Add (expectedVersion 0) or change a relationship type, at the version the admin saw. */
export class SaveRelationshipTypeCommand {
  constructor(
    readonly relationshipType: Omit<RelationshipType, 'builtIn' | 'version'>,
    readonly expectedVersion: number,
    readonly by: string,
  ) {}
}
