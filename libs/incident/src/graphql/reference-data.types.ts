import { IncidentModule } from '../incident.module';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum OrganisationKindGql {
  internal = 'internal',
  customer = 'customer',
  supplier = 'supplier',
}
registerEnumType(OrganisationKindGql, { name: 'OrganisationKind' });

@ObjectType('Organisation', { registerIn: () => IncidentModule })
export class OrganisationGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => OrganisationKindGql) kind!: OrganisationKindGql;
}

@ObjectType('AssignmentGroup', { registerIn: () => IncidentModule })
export class AssignmentGroupGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'The organisation the group belongs to (a supplier for outsourced groups)' }) orgId!: string;
  @Field(() => [String]) members!: string[];
}

@ObjectType('PriorityMatrix', { registerIn: () => IncidentModule })
export class PriorityMatrixGql {
  @Field(() => [[Int]], { description: 'rows: impact 1..3; columns: urgency 1..3; cells: priority 1..5' }) cells!: number[][];
  @Field(() => Int, { description: 'Pass back as expectedVersion when editing' }) version!: number;
  @Field(() => String, { nullable: true }) updatedBy!: string | null;
  @Field(() => Date, { nullable: true }) updatedAt!: Date | null;
}

@ObjectType('PriorityMatrixUpdate', { registerIn: () => IncidentModule })
export class PriorityMatrixUpdateGql {
  @Field(() => PriorityMatrixGql) matrix!: PriorityMatrixGql;
  @Field(() => Int, { description: 'Active incidents whose priority changed' }) reprioritised!: number;
}

@InputType({ registerIn: () => IncidentModule })
export class OrganisationInput {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => OrganisationKindGql) kind!: OrganisationKindGql;
}

@InputType({ registerIn: () => IncidentModule })
export class AssignmentGroupInput {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() orgId!: string;
  @Field(() => [String]) members!: string[];
}

@InputType({ registerIn: () => IncidentModule })
export class PriorityMatrixInput {
  @Field(() => [[Int]]) cells!: number[][];
  @Field(() => Int) expectedVersion!: number;
  @Field({ defaultValue: false, description: 'Also re-prioritise active incidents under the new matrix' }) reprioritise!: boolean;
}
