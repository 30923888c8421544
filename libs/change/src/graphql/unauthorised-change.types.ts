import { Connection, registerDomainEnum } from '@itsm/platform/graphql';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { UNAUTHORISED_CHANGE_STATUSES } from '../domain';
import type { UnauthorisedChangeStatus } from '../domain';
import { ChangeSchema } from './change.schema-marker';

const registerIn = ChangeSchema;

export const UnauthorisedChangeStatusGql = registerDomainEnum(UNAUTHORISED_CHANGE_STATUSES, {
  name: 'UnauthorisedChangeStatus',
  registerIn,
  description: 'open: waiting for the change manager; acknowledged: accepted as known, with a note; linked: covered by a change',
});

@ObjectType('DiscoveredAttributeChange', { registerIn, description: 'One attribute discovery changed (values as text; null: not set)' })
export class DiscoveredAttributeChangeGql {
  @Field() attribute!: string;
  @Field(() => String, { nullable: true }) old!: string | null;
  @Field(() => String, { nullable: true }) new!: string | null;
}

@ObjectType('UnauthorisedChange', { registerIn, description: 'A CI changed by discovery while no change naming it was implementing' })
export class UnauthorisedChangeGql {
  @Field(() => ID) id!: string;
  @Field(() => ID) ciId!: string;
  @Field() ciName!: string;
  @Field() classId!: string;
  @Field({ description: 'The discovery source that reported it' }) source!: string;
  @Field(() => [DiscoveredAttributeChangeGql]) changes!: DiscoveredAttributeChangeGql[];
  @Field({ description: 'The discovery account or job' }) discoveredBy!: string;
  @Field() detectedAt!: Date;
  @Field(() => UnauthorisedChangeStatusGql) status!: UnauthorisedChangeStatus;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => ID, { nullable: true, description: 'The change it was linked to' }) changeId!: string | null;
  @Field(() => String, { nullable: true }) resolvedBy!: string | null;
  @Field(() => Date, { nullable: true }) resolvedAt!: Date | null;
}

export const UnauthorisedChangeConnectionGql = Connection(UnauthorisedChangeGql, { name: 'UnauthorisedChange', registerIn });
