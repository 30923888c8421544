import { registerDomainEnum } from '@itsm/platform/graphql';
import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GROUP_KINDS, ORGANISATION_KINDS } from '../domain';
import type { GroupKind, OrganisationKind } from '../domain';
import { DirectorySchema } from './directory.schema-marker';

const registerIn = DirectorySchema;

export const GroupKindGql = registerDomainEnum(GROUP_KINDS, { name: 'GroupKind', registerIn });
export const OrganisationKindGql = registerDomainEnum(ORGANISATION_KINDS, { name: 'OrganisationKind', registerIn });

@ObjectType('Contact', { registerIn })
export class ContactGql {
  @Field() value!: string;
  @Field(() => String, { nullable: true }) type!: string | null;
  @Field() primary!: boolean;
}

@ObjectType('Person', { registerIn })
@Directive('@key(fields: "id")')
export class PersonGql {
  @Field(() => ID) id!: string;
  @Field({ description: 'Unique (case-insensitive); a token subject names the person by it' }) userName!: string;
  @Field() displayName!: string;
  @Field(() => [ContactGql]) emails!: ContactGql[];
  @Field(() => [ContactGql]) phones!: ContactGql[];
  @Field(() => String, { nullable: true }) chatHandle!: string | null;
  @Field(() => String, { nullable: true, description: 'IANA time zone' }) timeZone!: string | null;
  @Field(() => String, { nullable: true }) locale!: string | null;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => String, { nullable: true }) department!: string | null;
  @Field(() => String, { nullable: true }) employeeNumber!: string | null;
  @Field(() => String, { nullable: true }) managerId!: string | null;
  @Field(() => String, { nullable: true }) organisationId!: string | null;
  @Field(() => [String], { description: 'Roles granted directly' }) roles!: string[];
  @Field({ description: 'False: out of routing, assignment and approvals' }) active!: boolean;
  @Field(() => String, { nullable: true }) externalId!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Int) version!: number;
}

@ObjectType('Group', { registerIn })
@Directive('@key(fields: "id")')
export class GroupGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => GroupKindGql) kind!: GroupKind;
  @Field(() => String, { nullable: true }) organisationId!: string | null;
  @Field(() => String, { nullable: true }) managerId!: string | null;
  @Field(() => [String], { description: 'Roles every member holds' }) roles!: string[];
  @Field(() => Int) memberCount!: number;
  @Field(() => String, { nullable: true }) externalId!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Int) version!: number;
}

@ObjectType('Organisation', { registerIn })
@Directive('@key(fields: "id")')
export class OrganisationGql {
  @Field(() => ID) id!: string;
  // Shared with the incident subgraph's projection of organisations.
  @Field() @Directive('@shareable') name!: string;
  @Field(() => OrganisationKindGql) @Directive('@shareable') kind!: OrganisationKind;
  @Field(() => String, { nullable: true }) parentId!: string | null;
  @Field() active!: boolean;
}
