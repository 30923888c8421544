import { Roles } from '@itsm/platform/auth';
import type { Role } from '@itsm/platform/auth';
import { encodeCursor, pageRequest, toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { SaveNotificationRuleCommand } from '../application/commands/save-notification-rule/save-notification-rule.command';
import { SaveNotificationRuleHandler } from '../application/commands/save-notification-rule/save-notification-rule.handler';
import { SetNotificationRuleEnabledCommand } from '../application/commands/set-notification-rule-enabled/set-notification-rule-enabled.command';
import { SetNotificationRuleEnabledHandler } from '../application/commands/set-notification-rule-enabled/set-notification-rule-enabled.handler';
import { DryRunNotificationRuleHandler } from '../application/queries/dry-run-notification-rule/dry-run-notification-rule.handler';
import { DryRunNotificationRuleQuery } from '../application/queries/dry-run-notification-rule/dry-run-notification-rule.query';
import { NotificationRulesHandler } from '../application/queries/notification-rules/notification-rules.handler';
import { NotificationRulesQuery } from '../application/queries/notification-rules/notification-rules.query';
import { RULE_EVENT_TYPES } from '../application/rule-event-types';
import { eventFieldList, NotificationErrorCode, notificationError } from '../domain';
import { notificationErrorFilter } from './notification-error.filter';
import { ruleInputOf, toRuleGql } from './notification-rule-graphql.mapper';
import { DryRunGql, EventTypeGql, NotificationRuleConnectionGql, NotificationRuleGql, NotificationRuleGqlInput } from './notification-rule.types';

const RULE_ADMINS: Role[] = ['notification-admin', 'admin'];

/** Notification admins' rules: save (validated), switch on and off, list, the event types a rule may name, and the dry run. */
@Resolver(() => NotificationRuleGql)
@UseFilters(notificationErrorFilter)
export class NotificationRuleResolver {
  constructor(
    private readonly saver: SaveNotificationRuleHandler,
    private readonly switcher: SetNotificationRuleEnabledHandler,
    private readonly finder: NotificationRulesHandler,
    private readonly dryRunner: DryRunNotificationRuleHandler,
  ) {}

  @Mutation(() => NotificationRuleGql, { description: 'Creates (no id) or replaces a rule; refused with a code, nothing saved, when invalid' })
  @Roles(...RULE_ADMINS)
  async saveNotificationRule(@Args('input') input: NotificationRuleGqlInput, @Args('id', { type: () => ID, nullable: true }) id?: string | null): Promise<NotificationRuleGql> {
    return toRuleGql(await this.saver.execute(new SaveNotificationRuleCommand(id ?? null, ruleInputOf(input))));
  }

  @Mutation(() => NotificationRuleGql)
  @Roles(...RULE_ADMINS)
  async setNotificationRuleEnabled(@Args('id', { type: () => ID }) id: string, @Args('enabled') enabled: boolean): Promise<NotificationRuleGql> {
    return toRuleGql(await this.switcher.execute(new SetNotificationRuleEnabledCommand(id, enabled)));
  }

  @Query(() => NotificationRuleConnectionGql, { description: 'Rules in id order' })
  @Roles(...RULE_ADMINS)
  async notificationRules(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('eventType', { type: () => String, nullable: true }) eventType?: string | null,
    @Args('enabled', { type: () => Boolean, nullable: true }) enabled?: boolean | null,
  ): Promise<ConnectionOf<NotificationRuleGql>> {
    const page = pageRequest({ first, after }, { cursor: 'nrule', maxFirst: 200, parseKey: (key) => key, invalid: (field, message) => notificationError(NotificationErrorCode.InvalidInput, message, { field }) });
    const rules = await this.finder.execute(new NotificationRulesQuery({ eventType: eventType ?? null, enabled: enabled ?? null }, page.first, page.after ?? null));
    return toConnection(rules, (rule) => encodeCursor('nrule', rule.id), toRuleGql);
  }

  @Query(() => NotificationRuleGql, { nullable: true })
  @Roles(...RULE_ADMINS)
  async notificationRule(@Args('id', { type: () => ID }) id: string): Promise<NotificationRuleGql | null> {
    const rule = await this.finder.byId(id);
    return rule === null ? null : toRuleGql(rule);
  }

  @Query(() => [EventTypeGql], { description: 'The event types rules may name, with their payload fields and types' })
  @Roles(...RULE_ADMINS)
  notificationEventTypes(): EventTypeGql[] {
    return [...RULE_EVENT_TYPES.values()].map((t) => ({ type: t.type, topic: t.topic, fields: eventFieldList(t.schema).map((f) => ({ path: f.path, types: [...f.types] })) }));
  }

  @Query(() => DryRunGql, { description: 'Who a saved rule or a draft would notify for a kept event (30 days), on which channel, and why candidates are dropped; sends nothing' })
  @Roles(...RULE_ADMINS)
  async dryRunNotificationRule(
    @Args('eventId', { type: () => ID }) eventId: string,
    @Args('ruleId', { type: () => ID, nullable: true }) ruleId?: string | null,
    @Args('rule', { type: () => NotificationRuleGqlInput, nullable: true }) rule?: NotificationRuleGqlInput | null,
  ): Promise<DryRunGql> {
    const result = await this.dryRunner.execute(new DryRunNotificationRuleQuery(ruleId ?? null, rule === null || rule === undefined ? null : ruleInputOf(rule), eventId));
    const escalation = result.escalation === null ? null : { ...result.escalation, personIds: [...result.escalation.personIds], channels: [...result.escalation.channels] };
    return { eventType: result.eventType, matched: result.matched, candidates: result.candidates.map((c) => ({ ruleId: c.ruleId, recipient: c.recipientKey, channel: c.channel, dropped: c.dropped })), escalation };
  }
}
