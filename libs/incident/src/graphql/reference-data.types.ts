import { Directive, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IncidentSchema } from './incident.schema-marker';

const registerIn = IncidentSchema;

// An entity: the directory adds `members` (the people) to it.
@ObjectType('AssignmentGroup', { registerIn, description: 'A group of kind assignment in the people directory (this context follows it by events)' })
@Directive('@key(fields: "id")')
export class AssignmentGroupGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true, description: 'The organisation the group belongs to (a supplier for outsourced groups); none for a group of the service integrator without one' })
  orgId!: string | null;
  @Field(() => [String], { name: 'memberIds', description: 'User names (token subjects) of its active members: who may be assigned its tickets (their people: `members`, from the directory)' }) members!: string[];
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
export class PriorityMatrixInput {
  @Field(() => [[Int]]) cells!: number[][];
  @Field(() => Int) expectedVersion!: number;
  @Field({ defaultValue: false, description: 'Also re-prioritise active incidents under the new matrix' }) reprioritise!: boolean;
}
