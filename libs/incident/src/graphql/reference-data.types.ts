import { registerDomainEnum } from '@itsm/platform/graphql';
import { Directive, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ORGANISATION_KINDS } from '../domain';
import type { OrganisationKind } from '../domain';
import { IncidentSchema } from './incident.schema-marker';

const registerIn = IncidentSchema;

export const OrganisationKindGql = registerDomainEnum(ORGANISATION_KINDS, { name: 'OrganisationKind', registerIn });

@ObjectType('Organisation', { registerIn })
// The directory owns organisations (an entity there); this subgraph answers the same fields for its own lists.
@Directive('@shareable')
export class OrganisationGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => OrganisationKindGql) kind!: OrganisationKind;
}

// An entity: the directory adds `members` (the people) to it.
@ObjectType('AssignmentGroup', { registerIn })
@Directive('@key(fields: "id")')
export class AssignmentGroupGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'The organisation the group belongs to (a supplier for outsourced groups)' }) orgId!: string;
  @Field(() => [String], { name: 'memberIds', description: 'The members\' token subjects (their people: `members`, from the directory)' }) members!: string[];
}

@ObjectType('PriorityMatrix', { registerIn })
export class PriorityMatrixGql {
  @Field(() => [[Int]], { description: 'rows: impact 1..3; columns: urgency 1..3; cells: priority 1..5' }) cells!: number[][];
  @Field(() => Int, { description: 'Pass back as expectedVersion when editing' }) version!: number;
  @Field(() => String, { nullable: true }) updatedBy!: string | null;
  @Field(() => Date, { nullable: true }) updatedAt!: Date | null;
}

@ObjectType('PriorityMatrixUpdate', { registerIn })
export class PriorityMatrixUpdateGql {
  @Field(() => PriorityMatrixGql) matrix!: PriorityMatrixGql;
  @Field(() => Int, { description: 'Active incidents whose priority changed' }) reprioritised!: number;
}

@InputType({ registerIn })
export class OrganisationInput {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => OrganisationKindGql) kind!: OrganisationKind;
}

@InputType({ registerIn })
export class AssignmentGroupInput {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() orgId!: string;
  @Field(() => [String]) members!: string[];
}

@InputType({ registerIn })
export class PriorityMatrixInput {
  @Field(() => [[Int]]) cells!: number[][];
  @Field(() => Int) expectedVersion!: number;
  @Field({ defaultValue: false, description: 'Also re-prioritise active incidents under the new matrix' }) reprioritise!: boolean;
}
