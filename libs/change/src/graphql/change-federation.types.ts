import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { ChangeSchema } from './change.schema-marker';
import { ChangeGql } from './change.types';

const registerIn = ChangeSchema;

// In the all-in-one process the incident context declares the `Incident` entity itself; this
// subgraph extends it by key, as the directory, SLA and CMDB subgraphs do.

/** The incident service's Incident, extended with the change it was caused by (its `change` link, from the incident stream). */
@ObjectType('Incident', { registerIn })
@Directive('@key(fields: "id")')
export class IncidentCauseRefGql {
  @Field(() => ID) id!: string;
  @Field(() => ChangeGql, { nullable: true, description: 'The change this incident was caused by (null: none, or not yours to see)' })
  causedByChange?: ChangeGql | null;
}

/** The entity stubs this subgraph extends but no query returns: the subgraph declares them as orphaned types. */
export const CHANGE_ENTITY_EXTENSIONS = [IncidentCauseRefGql] as const;
