import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider, Type } from '@nestjs/common';

/*
 * Rules (trigger, conditions, recipients, channels, template), templates per locale, the ticket facts projection, the consumer of every notifiable topic and the dry run.
 * The module spreads these lists (one registration file per part, so parts grow without touching the module).
 */
export const NOTIFICATION_RULES_REPOSITORIES: readonly ContextRepository[] = [];
export const NOTIFICATION_RULES_PROVIDERS: readonly Provider[] = [];
export const NOTIFICATION_RULES_CONSUMERS: readonly Type[] = [];
