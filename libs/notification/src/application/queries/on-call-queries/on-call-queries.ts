import type { Page } from '@itsm/platform/graphql';
import { Injectable } from '@nestjs/common';
import type { Escalation } from '../../../domain/escalation/escalation';
import type { EscalationPolicy } from '../../../domain/escalation/escalation-policy';
import type { OnCallSchedule } from '../../../domain/on-call/on-call-schedule';
import { EscalationStore } from '../../ports/escalation-store.port';
import { OnCallRoster } from '../../ports/on-call-roster.port';
import { EscalationPolicyStore, OnCallScheduleStore } from '../../ports/on-call-stores.port';

/** The most escalations one ticket lists (a ticket escalated more often than this is a rule's mistake, not a history). */
export const MAX_TICKET_ESCALATIONS = 100;

const page = <T>(found: readonly T[], first: number): Page<T> => ({ items: found.slice(0, first), hasNextPage: found.length > first });

/** What on-call reads answer: schedules and policies page by page, who is on call, a ticket's escalations. */
@Injectable()
export class OnCallQueries {
  constructor(
    private readonly schedules: OnCallScheduleStore,
    private readonly policies: EscalationPolicyStore,
    private readonly roster: OnCallRoster,
    private readonly escalations: EscalationStore,
  ) {}

  async schedulePage(first: number, afterGroupId: string | null): Promise<Page<OnCallSchedule>> {
    return page(await this.schedules.list(first + 1, afterGroupId), first);
  }

  async policyPage(first: number, afterId: string | null): Promise<Page<EscalationPolicy>> {
    return page(await this.policies.list(first + 1, afterId), first);
  }

  whoIsOnCall(groupId: string, at: number): Promise<readonly string[]> {
    return this.roster.onCall(groupId, at);
  }

  /** The ticket's escalations, newest first. */
  ofTicket(ticketTopic: string, ticketId: string): Promise<readonly Escalation[]> {
    return this.escalations.ofTicket(ticketTopic, ticketId, MAX_TICKET_ESCALATIONS);
  }
}
