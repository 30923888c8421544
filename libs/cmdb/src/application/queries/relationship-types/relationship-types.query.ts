/** The relationship types in force, with their class rules. */
export class RelationshipTypesQuery {}
