import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { DirectorySchema } from './directory.schema-marker';
import { PersonGql } from './directory.types';

const registerIn = DirectorySchema;

// registerIn: in the all-in-one process the incident context declares the `Incident` and
// `AssignmentGroup` entities themselves, and other subgraphs their own stubs.

/** The incident service's Incident, extended with the people its caller and assignee ids (token subjects = userNames) name. */
@ObjectType('Incident', { registerIn })
@Directive('@key(fields: "id")')
export class IncidentPeopleRefGql {
  @Field(() => ID) id!: string;
  @Field() @Directive('@external') callerId!: string;
  @Field(() => String, { nullable: true }) @Directive('@external') assigneeId!: string | null;
  @Field(() => PersonGql, { nullable: true, description: 'The caller\'s directory entry (null: unknown to the directory or not yours to see)' })
  @Directive('@requires(fields: "callerId")')
  caller?: PersonGql | null;
  @Field(() => PersonGql, { nullable: true, description: 'The assignee\'s directory entry (null: none, unknown to the directory or not yours to see)' })
  @Directive('@requires(fields: "assigneeId")')
  assignee?: PersonGql | null;
}

/** The incident service's AssignmentGroup (the directory group of the same id), extended with its members. */
@ObjectType('AssignmentGroup', { registerIn })
@Directive('@key(fields: "id")')
export class AssignmentGroupMembersRefGql {
  @Field(() => ID) id!: string;
  @Field(() => [PersonGql], { description: 'The group\'s members you may see, in the order they joined' }) members?: PersonGql[];
}

/** The entity stubs this subgraph extends but no query returns: the subgraph declares them as orphaned types. */
export const DIRECTORY_ENTITY_EXTENSIONS = [IncidentPeopleRefGql, AssignmentGroupMembersRefGql] as const;
