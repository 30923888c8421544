import type { NotificationRule } from '../../domain';

export interface NotificationRuleFilter {
  readonly eventType: string | null;
  readonly enabled: boolean | null;
}

/** Where rules are kept: by id, the enabled ones of an event type, a filtered page in id order. */
export abstract class NotificationRuleStore {
  abstract byId(id: string): Promise<NotificationRule | null>;
  abstract put(rule: NotificationRule): Promise<void>;
  abstract enabledFor(eventType: string): Promise<readonly NotificationRule[]>;
  /** Up to `first` rules after the id `after`, in id order. */
  abstract list(filter: NotificationRuleFilter, first: number, after: string | null): Promise<readonly NotificationRule[]>;
}
