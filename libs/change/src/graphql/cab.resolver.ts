import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, hasRole, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { FlagChangeForCabCommand } from '../application/commands/flag-change-for-cab/flag-change-for-cab.command';
import { FlagChangeForCabHandler } from '../application/commands/flag-change-for-cab/flag-change-for-cab.handler';
import { PublishCabMinutesCommand } from '../application/commands/publish-cab-minutes/publish-cab-minutes.command';
import { PublishCabMinutesHandler } from '../application/commands/publish-cab-minutes/publish-cab-minutes.handler';
import { RecordCabDecisionCommand } from '../application/commands/record-cab-decision/record-cab-decision.command';
import { RecordCabDecisionHandler } from '../application/commands/record-cab-decision/record-cab-decision.handler';
import { SaveCabMeetingCommand } from '../application/commands/save-cab-meeting/save-cab-meeting.command';
import { SaveCabMeetingHandler } from '../application/commands/save-cab-meeting/save-cab-meeting.handler';
import { CabMeetingStore } from '../application/ports/cab-stores.port';
import { CabOccurrencesQuery } from '../application/queries/cab-occurrences/cab-occurrences.query';
import { CabOccurrencesHandler } from '../application/queries/cab-occurrences/cab-occurrences.handler';
import type { CabDecision } from '../domain/cab';
import { changeErrorFilter } from './change-error.filter';
import { CHANGE_MANAGERS, CHANGE_READERS } from './change-role-sets';
import { cabSettingsOf, toAgendaItemGql, toCabMeetingGql, toMinutesGql, toOccurrenceGql } from './risk-cab-graphql.mapper';
import { CabAgendaItemGql, CabDecisionGql, CabMeetingGql, CabMeetingInput, CabMinutesGql, CabOccurrenceGql } from './cab.types';

/** Who may decide or publish: the roster decides who of them sits on the board (CHANGE.NOT_ENTITLED otherwise). */
const CAB_DECIDERS = ['cab-member', 'change-manager', 'admin', 'requester', 'implementer'] as const;

/** CAB meetings: series admin, occurrences with their agendas, decisions and minutes. */
@Resolver()
@UseFilters(changeErrorFilter)
export class CabMeetingResolver {
  constructor(
    private readonly meetings: CabMeetingStore,
    private readonly saveMeeting: SaveCabMeetingHandler,
    private readonly occurrences: CabOccurrencesHandler,
    private readonly decide: RecordCabDecisionHandler,
    private readonly publish: PublishCabMinutesHandler,
    private readonly flag: FlagChangeForCabHandler,
  ) {}

  @Query(() => [CabMeetingGql], { description: 'CAB meeting series by name' })
  @Roles(...CHANGE_READERS)
  async cabMeetings(@Args('includeInactive', { defaultValue: false }) includeInactive: boolean): Promise<CabMeetingGql[]> {
    return (await this.meetings.list(includeInactive)).map(toCabMeetingGql);
  }

  @Query(() => [CabOccurrenceGql], { description: 'Meetings starting in [from, to) (at most 92 days), each with its agenda' })
  @Roles(...CHANGE_READERS)
  async cabOccurrences(@Args('from') from: Date, @Args('to') to: Date, @Args('meetingId', { type: () => ID, nullable: true }) meetingId?: string | null): Promise<CabOccurrenceGql[]> {
    return (await this.occurrences.execute(new CabOccurrencesQuery(from, to, meetingId ?? null))).map(toOccurrenceGql);
  }

  @Mutation(() => CabMeetingGql, { description: 'Creates a series (no expectedVersion) or replaces its settings at the version read' })
  @Roles(...CHANGE_MANAGERS)
  async saveCabMeeting(
    @Args('input') input: CabMeetingInput,
    @Args('id', { type: () => ID, nullable: true }) id?: string | null,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion?: number | null,
  ): Promise<CabMeetingGql> {
    return toCabMeetingGql(await this.saveMeeting.execute(new SaveCabMeetingCommand(cabSettingsOf(input), id ?? undefined, expectedVersion ?? undefined)));
  }

  @Mutation(() => CabAgendaItemGql, { description: 'A member or delegate decides an agenda item: authorise and reject act on the change, defer moves it to the next meeting' })
  @Roles(...CAB_DECIDERS)
  async recordCabDecision(
    @CurrentPrincipal() principal: Principal,
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('occurrenceStart') occurrenceStart: Date,
    @Args('changeId', { type: () => ID }) changeId: string,
    @Args('decision', { type: () => CabDecisionGql }) decision: CabDecision,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<CabAgendaItemGql> {
    return toAgendaItemGql(await this.decide.execute(new RecordCabDecisionCommand(meetingId, occurrenceStart, changeId, decision, reason ?? null, principal.userId)));
  }

  @Mutation(() => CabMinutesGql, { description: 'Publishes a meeting\'s minutes once it ended (a member, a delegate or a change manager)' })
  @Roles(...CAB_DECIDERS)
  async publishCabMinutes(
    @CurrentPrincipal() principal: Principal,
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('occurrenceStart') occurrenceStart: Date,
    @Args('attendeeIds', { type: () => [ID] }) attendeeIds: string[],
  ): Promise<CabMinutesGql> {
    const byManager = hasRole(principal, 'change-manager', 'admin');
    return toMinutesGql(await this.publish.execute(new PublishCabMinutesCommand(meetingId, occurrenceStart, attendeeIds, principal.userId, byManager)));
  }

  @Mutation(() => [CabAgendaItemGql], { description: 'Puts a change awaiting authorisation on one meeting\'s agenda; answers that agenda' })
  @Roles(...CHANGE_MANAGERS)
  async flagChangeForCab(
    @CurrentPrincipal() principal: Principal,
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('occurrenceStart') occurrenceStart: Date,
    @Args('changeId', { type: () => ID }) changeId: string,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<CabAgendaItemGql[]> {
    return (await this.flag.execute(new FlagChangeForCabCommand(meetingId, occurrenceStart, changeId, reason ?? null, principal.userId))).map(toAgendaItemGql);
  }
}
