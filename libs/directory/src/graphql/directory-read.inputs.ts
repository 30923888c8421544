import { Connection } from '@itsm/platform/graphql';
import { Field, InputType } from '@nestjs/graphql';
import type { GroupKind, OrganisationKind } from '../domain';
import { DirectorySchema } from './directory.schema-marker';
import { GroupKindGql, OrganisationKindGql } from './directory-enums';
import { GroupGql, OrganisationGql, PersonGql } from './directory.types';

const registerIn = DirectorySchema;

export const PersonConnectionGql = Connection(PersonGql, { name: 'Person', registerIn });
export const GroupConnectionGql = Connection(GroupGql, { name: 'Group', registerIn });
export const OrganisationConnectionGql = Connection(OrganisationGql, { name: 'Organisation', registerIn });

@InputType('PersonFilterInput', { registerIn, description: 'Every condition given must hold' })
export class PersonFilterInput {
  @Field({ nullable: true, description: 'Part of the userName, case-insensitive' }) userNameContains?: string;
  @Field({ nullable: true, description: 'Part of the display name, case-insensitive' }) displayNameContains?: string;
  @Field({ nullable: true, description: 'One of the person\'s email addresses, case-insensitive' }) email?: string;
  @Field({ nullable: true }) organisationId?: string;
  @Field({ nullable: true }) active?: boolean;
  @Field({ nullable: true, description: 'Members of this group' }) groupId?: string;
}

@InputType('GroupFilterInput', { registerIn, description: 'Every condition given must hold' })
export class GroupFilterInput {
  @Field(() => GroupKindGql, { nullable: true }) kind?: GroupKind;
  @Field({ nullable: true, description: 'Part of the name, case-insensitive' }) nameContains?: string;
  @Field({ nullable: true }) organisationId?: string;
  @Field({ nullable: true, description: 'Groups this person (id) belongs to' }) memberId?: string;
}

@InputType('OrganisationFilterInput', { registerIn, description: 'Every condition given must hold' })
export class OrganisationFilterInput {
  @Field(() => OrganisationKindGql, { nullable: true }) kind?: OrganisationKind;
  @Field({ nullable: true, description: 'Part of the name, case-insensitive' }) nameContains?: string;
  @Field({ nullable: true }) parentId?: string;
  @Field({ nullable: true }) active?: boolean;
}
