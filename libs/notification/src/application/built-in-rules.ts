import { NOTIFICATION_EVENT_TYPES } from '@itsm/contracts';
import { Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap } from '@nestjs/common';
import { checkRule } from '../domain';
import type { NotificationRule, NotificationRuleInput } from '../domain';
import { BUILT_IN_TEMPLATE_IDS } from '../domain/templates';
import { EnabledRules } from './enabled-rules';
import { NotificationRuleStore } from './ports/notification-rule-store.port';
import { RULE_EVENT_TYPES } from './rule-event-types';

/** A rule put by fixed id where none exists yet (an admin's later change, or disabling, survives restarts). */
export type SeededRule = NotificationRuleInput & { readonly id: string };

/**
 * The rules every deployment has, as data an admin sees, retargets or disables like any other.
 * A disabled endpoint's owner (email and inbox) and contact address (email) are told at once:
 * urgent (breaks quiet hours where the person allows it, never digested). It names no endpoint,
 * and a disabled endpoint's notices are suppressed anyway, so it never goes to the endpoint itself.
 */
export const BUILT_IN_RULES: readonly SeededRule[] = [
  {
    id: 'builtin.endpoint-disabled',
    name: 'Endpoint disabled: its owner and contact',
    trigger: { eventType: NOTIFICATION_EVENT_TYPES.endpointDisabled, conditions: [] },
    recipients: [{ kind: 'owner' }, { kind: 'contact' }],
    channels: ['email', 'in_app'],
    endpoints: [],
    category: 'integration',
    urgent: true,
    templateId: BUILT_IN_TEMPLATE_IDS.endpointDisabled,
  },
];

/** Puts the rules (validated as a save would) whose ids are not taken; answers those it put. */
export async function putMissingRules(store: NotificationRuleStore, rules: readonly SeededRule[]): Promise<readonly NotificationRule[]> {
  const put: NotificationRule[] = [];
  for (const { id, ...input } of rules) {
    if ((await store.byId(id)) !== null) continue;
    const rule: NotificationRule = { ...checkRule(input, RULE_EVENT_TYPES), id, enabled: input.enabled ?? true };
    await store.put(rule);
    put.push(rule);
  }
  return put;
}

/** Seeds BUILT_IN_RULES at every start (idempotent: only missing ones), then forgets this replica's cached rules. */
@Injectable()
export class BuiltInRules implements OnApplicationBootstrap {
  constructor(
    private readonly store: NotificationRuleStore,
    private readonly enabled: EnabledRules,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const put = await putMissingRules(this.store, BUILT_IN_RULES);
    if (put.length > 0) this.enabled.forget();
  }
}
