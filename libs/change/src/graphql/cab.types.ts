import { registerDomainEnum } from '@itsm/platform/graphql';
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { CAB_DECISIONS } from '../domain/cab';
import type { CabDecision } from '../domain/cab';
import type { ChangeModel, RiskLevel } from '../domain/change.model';
import { ChangeModelGql, RiskLevelGql } from './change.types';
import { ChangeSchema } from './change.schema-marker';

const registerIn = ChangeSchema;

export const CabDecisionGql = registerDomainEnum(CAB_DECISIONS, { name: 'CabDecision', registerIn });
export const CabAgendaReasonGql = registerDomainEnum(['awaiting', 'flagged'] as const, { name: 'CabAgendaReason', registerIn, description: 'awaiting: awaiting authorisation, planned after the meeting; flagged: by a change manager or deferred here' });

@ObjectType('CabSchedule', { registerIn })
export class CabScheduleGql {
  @Field({ description: 'RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=TU' }) rrule!: string;
  @Field({ description: 'The first meeting\'s local wall time, YYYY-MM-DDTHH:MM' }) firstStart!: string;
  @Field(() => Int) durationMinutes!: number;
  @Field({ description: 'IANA time zone, e.g. Europe/London' }) timeZone!: string;
}

@InputType('CabScheduleInput', { registerIn })
export class CabScheduleInput {
  @Field({ description: 'RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=TU' }) rrule!: string;
  @Field({ description: 'The first meeting\'s local wall time, YYYY-MM-DDTHH:MM' }) firstStart!: string;
  @Field(() => Int) durationMinutes!: number;
  @Field({ description: 'IANA time zone, e.g. Europe/London' }) timeZone!: string;
}

@ObjectType('CabDelegate', { registerIn })
export class CabDelegateGql {
  @Field(() => ID) delegateId!: string;
  @Field(() => ID, { description: 'The member the delegate may decide for' }) forMemberId!: string;
}

@InputType('CabDelegateInput', { registerIn })
export class CabDelegateInput {
  @Field(() => ID) delegateId!: string;
  @Field(() => ID, { description: 'The member the delegate may decide for' }) forMemberId!: string;
}

@ObjectType('CabMeeting', { registerIn, description: 'A CAB meeting series' })
export class CabMeetingGql {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => CabScheduleGql) schedule!: CabScheduleGql;
  @Field(() => [ID], { description: 'Directory groups of kind cab' }) memberGroupIds!: string[];
  @Field(() => [ID]) memberIds!: string[];
  @Field(() => [CabDelegateGql]) delegates!: CabDelegateGql[];
  @Field(() => [ChangeModelGql]) models!: ChangeModel[];
  @Field(() => Int) slotMinutes!: number;
  @Field() active!: boolean;
  @Field(() => Int) version!: number;
}

@InputType('CabMeetingInput', { registerIn })
export class CabMeetingInput {
  @Field() name!: string;
  @Field(() => CabScheduleInput) schedule!: CabScheduleInput;
  @Field(() => [ID], { defaultValue: [] }) memberGroupIds!: string[];
  @Field(() => [ID], { defaultValue: [] }) memberIds!: string[];
  @Field(() => [CabDelegateInput], { defaultValue: [] }) delegates!: CabDelegateInput[];
  @Field(() => [ChangeModelGql], { defaultValue: ['normal'] }) models!: ChangeModel[];
  @Field(() => Int, { defaultValue: 10 }) slotMinutes!: number;
  @Field({ defaultValue: true }) active!: boolean;
}

@ObjectType('CabItemDecision', { registerIn })
export class CabItemDecisionGql {
  @Field(() => CabDecisionGql) decision!: CabDecision;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => ID) by!: string;
  @Field(() => ID, { nullable: true, description: 'The member a delegate decided for' }) onBehalfOf!: string | null;
  @Field() at!: Date;
}

@ObjectType('CabAgendaItem', { registerIn })
export class CabAgendaItemGql {
  @Field(() => ID) changeId!: string;
  @Field() number!: string;
  @Field() title!: string;
  @Field(() => RiskLevelGql, { nullable: true }) risk!: RiskLevel | null;
  @Field(() => Date, { nullable: true }) plannedStart!: Date | null;
  @Field() slotStart!: Date;
  @Field() slotEnd!: Date;
  @Field({ description: 'False when the slot runs past the meeting\'s end' }) withinMeeting!: boolean;
  @Field(() => CabAgendaReasonGql) why!: 'awaiting' | 'flagged';
  @Field(() => CabItemDecisionGql, { nullable: true }) decision!: CabItemDecisionGql | null;
}

@ObjectType('CabMinutesItem', { registerIn })
export class CabMinutesItemGql {
  @Field(() => ID) changeId!: string;
  @Field() number!: string;
  @Field(() => CabDecisionGql, { nullable: true }) decision!: CabDecision | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
}

@ObjectType('CabMinutes', { registerIn })
export class CabMinutesGql {
  @Field(() => [ID]) attendeeIds!: string[];
  @Field(() => [CabMinutesItemGql]) items!: CabMinutesItemGql[];
  @Field(() => ID) by!: string;
  @Field() publishedAt!: Date;
}

@ObjectType('CabOccurrence', { registerIn, description: 'One meeting of a series, with its agenda' })
export class CabOccurrenceGql {
  @Field(() => ID) meetingId!: string;
  @Field() meetingName!: string;
  @Field() start!: Date;
  @Field() end!: Date;
  @Field(() => [CabAgendaItemGql]) agenda!: CabAgendaItemGql[];
  @Field(() => CabMinutesGql, { nullable: true }) minutes!: CabMinutesGql | null;
}
