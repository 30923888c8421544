import { CurrentPrincipal, hasRole, Roles } from '@itsm/platform/auth';
import type { Principal } from '@itsm/platform/auth';
import { Clock } from '@itsm/platform/config';
import { encodeCursor, toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AcknowledgeEscalationHandler } from '../application/commands/acknowledge-escalation/acknowledge-escalation.handler';
import { SaveEscalationPolicyHandler } from '../application/commands/save-escalation-policy/save-escalation-policy.handler';
import { OnCallQueries } from '../application/queries/on-call-queries/on-call-queries';
import { EscalationGql, EscalationPolicyConnectionGql, EscalationPolicyGql, EscalationPolicyGqlInput } from './escalation.types';
import { notificationErrorFilter } from './notification-error.filter';
import { keyPage, policyOf, toEscalationGql, toPolicyGql } from './on-call-graphql.mapper';
import { ON_CALL_ADMINS, ON_CALL_READERS } from './on-call.resolver';
import { PersonRefs } from '../application/person-refs';

/** Escalation policies (notification admins), a ticket's escalations and their acknowledgement (agents). */
@Resolver(() => EscalationPolicyGql)
@UseFilters(notificationErrorFilter)
export class EscalationResolver {
  constructor(
    private readonly saver: SaveEscalationPolicyHandler,
    private readonly acknowledger: AcknowledgeEscalationHandler,
    private readonly queries: OnCallQueries,
    private readonly personRefs: PersonRefs,
    private readonly clock: Clock,
  ) {}

  @Mutation(() => EscalationPolicyGql, { description: 'Creates or replaces a policy; refused with a code, nothing saved, when invalid or naming unknown people or groups' })
  @Roles(...ON_CALL_ADMINS)
  async saveEscalationPolicy(@Args('input') input: EscalationPolicyGqlInput): Promise<EscalationPolicyGql> {
    return toPolicyGql(await this.saver.execute(policyOf(input)));
  }

  @Query(() => EscalationPolicyConnectionGql, { description: 'Policies in id order' })
  @Roles(...ON_CALL_ADMINS)
  async escalationPolicies(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ConnectionOf<EscalationPolicyGql>> {
    const page = keyPage('escpol', first, after);
    return toConnection(await this.queries.policyPage(page.first, page.after), (p) => encodeCursor('escpol', p.id), toPolicyGql);
  }

  @Query(() => [EscalationGql], { description: 'A ticket\'s escalations, newest first (at most 100): levels, who was paged when, state' })
  @Roles(...ON_CALL_READERS)
  async escalations(
    @Args('ticketId', { type: () => ID }) ticketId: string,
    @Args('ticketTopic', { type: () => String, defaultValue: 'itsm.incident.v1', description: 'The topic of the ticket (ids are per topic)' }) ticketTopic: string,
  ): Promise<EscalationGql[]> {
    return (await this.queries.ofTicket(ticketTopic, ticketId)).map(toEscalationGql);
  }

  @Mutation(() => EscalationGql, { description: 'Stops an escalation: by a person it paged, or a notification admin for anyone; again changes nothing' })
  @Roles(...ON_CALL_READERS)
  async acknowledgeEscalation(@CurrentPrincipal() caller: Principal, @Args('id', { type: () => ID }) id: string): Promise<EscalationGql> {
    const asAdmin = hasRole(caller, ...ON_CALL_ADMINS);
    return toEscalationGql(await this.acknowledger.execute({ escalationId: id, personId: await this.personRefs.callerId(caller), asAdmin }, this.clock.now().getTime()));
  }
}
