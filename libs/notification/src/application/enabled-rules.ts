import { Clock } from '@itsm/platform/config';
import { Injectable } from '@nestjs/common';
import type { NotificationRule } from '../domain';
import { NotificationRuleStore } from './ports/notification-rule-store.port';

/** How long a replica reuses the enabled rules of an event type before reading them again. */
export const ENABLED_RULES_TTL_MS = 5_000;

/**
 * The enabled rules of an event type, read through an indexed query and kept per process for a few
 * seconds (every consumed event asks). A save on this replica forgets them at once; another
 * replica sees the change within ENABLED_RULES_TTL_MS.
 */
@Injectable()
export class EnabledRules {
  private readonly cache = new Map<string, { readonly until: number; readonly rules: Promise<readonly NotificationRule[]> }>();

  constructor(
    private readonly store: NotificationRuleStore,
    private readonly clock: Clock,
  ) {}

  for(eventType: string): Promise<readonly NotificationRule[]> {
    const now = this.clock.now().getTime();
    const cached = this.cache.get(eventType);
    if (cached !== undefined && cached.until > now) return cached.rules;
    const rules = this.store.enabledFor(eventType);
    this.cache.set(eventType, { until: now + ENABLED_RULES_TTL_MS, rules });
    rules.catch(() => this.cache.delete(eventType));
    return rules;
  }

  forget(): void {
    this.cache.clear();
  }
}
