import { Field, ID, InputType } from '@nestjs/graphql';
import type { GroupKind, OrganisationKind } from '../domain';
import { GroupKindGql, OrganisationKindGql } from './directory-enums';
import { DirectorySchema } from './directory.schema-marker';

const registerIn = DirectorySchema;

@InputType('OrganisationInput', { registerIn })
export class OrganisationInput {
  @Field(() => ID, { description: '2-63 lower-case letters, digits or -' }) id!: string;
  @Field() name!: string;
  @Field(() => OrganisationKindGql) kind!: OrganisationKind;
  @Field(() => ID, { nullable: true }) parentId?: string | null;
  @Field({ defaultValue: true }) active!: boolean;
}

@InputType('PersonContactInput', { registerIn })
export class PersonContactInput {
  @Field() value!: string;
  @Field(() => String, { nullable: true }) type?: string | null;
  @Field({ defaultValue: false }) primary!: boolean;
}

/** A person's attributes; on update, an omitted field keeps its value and null clears it. */
@InputType('PersonInput', { registerIn })
export class PersonInputGql {
  @Field(() => String, { nullable: true }) userName?: string | null;
  @Field(() => String, { nullable: true }) displayName?: string | null;
  @Field(() => [PersonContactInput], { nullable: true }) emails?: PersonContactInput[] | null;
  @Field(() => [PersonContactInput], { nullable: true }) phones?: PersonContactInput[] | null;
  @Field(() => String, { nullable: true }) chatHandle?: string | null;
  @Field(() => String, { nullable: true }) timeZone?: string | null;
  @Field(() => String, { nullable: true }) locale?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) department?: string | null;
  @Field(() => String, { nullable: true }) employeeNumber?: string | null;
  @Field(() => ID, { nullable: true }) managerId?: string | null;
  @Field(() => ID, { nullable: true }) organisationId?: string | null;
  @Field(() => [String], { nullable: true }) roles?: string[] | null;
  @Field(() => String, { nullable: true }) externalId?: string | null;
}

@InputType('GroupInput', { registerIn })
export class GroupInputGql {
  @Field() name!: string;
  @Field(() => GroupKindGql, { defaultValue: 'assignment' }) kind!: GroupKind;
  @Field(() => ID, { nullable: true }) organisationId?: string | null;
  @Field(() => ID, { nullable: true }) managerId?: string | null;
  @Field(() => [String], { defaultValue: [] }) roles!: string[];
  @Field(() => [ID], { defaultValue: [] }) memberIds!: string[];
  @Field(() => String, { nullable: true }) externalId?: string | null;
}
