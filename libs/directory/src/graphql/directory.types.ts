import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { GroupKind, OrganisationKind } from '../domain';
import { GroupKindGql, OrganisationKindGql } from './directory-enums';
import { DirectorySchema } from './directory.schema-marker';

const registerIn = DirectorySchema;

@ObjectType('Organisation', { registerIn, description: 'An internal unit, a customer or a supplier' })
@Directive('@key(fields: "id")')
export class OrganisationGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => OrganisationKindGql) kind!: OrganisationKind;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field() active!: boolean;
}

@ObjectType('PersonContact', { registerIn, description: 'An email address or phone number as the identity provider sends it' })
export class PersonContactGql {
  @Field() value!: string;
  @Field(() => String, { nullable: true, description: 'work, home, mobile, ...' }) type!: string | null;
  @Field() primary!: boolean;
}

@ObjectType('Person', { registerIn, description: 'A person of the directory; a token names one by its userName' })
@Directive('@key(fields: "id")')
export class PersonGql {
  @Field(() => ID) id!: string;
  @Field({ description: 'Unique (case-insensitive); the subject of the person\'s tokens' }) userName!: string;
  @Field() displayName!: string;
  @Field(() => [PersonContactGql]) emails!: PersonContactGql[];
  @Field(() => [PersonContactGql]) phones!: PersonContactGql[];
  @Field(() => String, { nullable: true }) chatHandle!: string | null;
  @Field(() => String, { nullable: true, description: 'IANA time zone' }) timeZone!: string | null;
  @Field(() => String, { nullable: true, description: 'BCP 47 language tag' }) locale!: string | null;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => String, { nullable: true }) department!: string | null;
  @Field(() => String, { nullable: true }) employeeNumber!: string | null;
  @Field(() => ID, { nullable: true }) managerId!: string | null;
  @Field(() => ID, { nullable: true }) organisationId!: string | null;
  @Field(() => [String], { description: 'Roles granted directly (group roles come with membership)' }) roles!: string[];
  @Field({ description: 'False: out of assignment, routing and approvals' }) active!: boolean;
  @Field(() => String, { nullable: true, description: 'The identity provider\'s id' }) externalId!: string | null;
  @Field() createdAt!: string;
  @Field() updatedAt!: string;
  @Field(() => Int) version!: number;
}

@ObjectType('Group', { registerIn, description: 'People who work, approve or stand by together' })
@Directive('@key(fields: "id")')
export class GroupGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => GroupKindGql) kind!: GroupKind;
  @Field(() => ID, { nullable: true }) organisationId!: string | null;
  @Field(() => ID, { nullable: true }) managerId!: string | null;
  @Field(() => [String], { description: 'Roles every member holds while a member' }) roles!: string[];
  @Field(() => Int) memberCount!: number;
  @Field(() => String, { nullable: true }) externalId!: string | null;
  @Field() createdAt!: string;
  @Field() updatedAt!: string;
  @Field(() => Int) version!: number;
}
