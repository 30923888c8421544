import { Connection } from '@itsm/platform/graphql';
import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { NotificationSchema } from './notification.schema-marker';

const registerIn = NotificationSchema;

@ObjectType('OnCallRotation', { registerIn, description: 'Members take turns of lengthDays local days, handed off at handoffMinute after local midnight from startDate on' })
@InputType('OnCallRotationInput', { registerIn })
export class OnCallRotationGql {
  @Field(() => Int, { description: 'Minutes after local midnight, 0 to 1439' }) handoffMinute!: number;
  @Field({ description: 'The local date (YYYY-MM-DD) of the first hand-off, to the first member' }) startDate!: string;
  @Field(() => Int) lengthDays!: number;
  @Field(() => [ID]) members!: string[];
}

@ObjectType('OnCallOverride', { registerIn, description: 'Someone else on call instead of the primary from `from` to `to` (excluded)' })
@InputType('OnCallOverrideInput', { registerIn })
export class OnCallOverrideGql {
  @Field(() => GraphQLISODateTime) from!: Date;
  @Field(() => GraphQLISODateTime) to!: Date;
  @Field(() => ID) personId!: string;
  @Field() reason!: string;
}

/** The fields a schedule's input and output share. */
@ObjectType({ isAbstract: true })
@InputType({ isAbstract: true })
abstract class OnCallScheduleFieldsGql {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'The group it is for (one schedule per group)' }) groupId!: string;
  @Field({ description: 'The IANA time zone the rotations hand off in' }) zone!: string;
  @Field(() => [OnCallRotationGql], { description: 'The primary, then an optional secondary' }) rotations!: OnCallRotationGql[];
  @Field(() => [OnCallOverrideGql], { description: 'Applied in order: the later one wins where two overlap' }) overrides!: OnCallOverrideGql[];
}

@InputType('OnCallScheduleInput', { registerIn })
export class OnCallScheduleGqlInput extends OnCallScheduleFieldsGql {}

@ObjectType('OnCallSchedule', { registerIn })
export class OnCallScheduleGql extends OnCallScheduleFieldsGql {}
export const OnCallScheduleConnectionGql = Connection(OnCallScheduleGql, { name: 'OnCallSchedule', registerIn });

@ObjectType('OnCallNow', { registerIn, description: 'Who is on call for a group at an instant, primary first' })
export class OnCallNowGql {
  @Field(() => ID) groupId!: string;
  @Field(() => GraphQLISODateTime) at!: Date;
  @Field(() => [ID]) personIds!: string[];
}
