import type { NotificationRuleFilter } from '../../ports/notification-rule-store.port';

/** A page of rules in id order, filtered by event type and enabled flag. */
export class NotificationRulesQuery {
  constructor(
    readonly filter: NotificationRuleFilter,
    readonly first: number,
    readonly after: string | null,
  ) {}
}
