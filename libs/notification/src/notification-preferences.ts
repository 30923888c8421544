import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider, Type } from '@nestjs/common';

/*
 * People's preferences (channel per category, quiet hours in their zone), digests and storm coalescing, rate limits.
 * The module spreads these lists (one registration file per part, so parts grow without touching the module).
 */
export const NOTIFICATION_PREFERENCES_REPOSITORIES: readonly ContextRepository[] = [];
export const NOTIFICATION_PREFERENCES_PROVIDERS: readonly Provider[] = [];
export const NOTIFICATION_PREFERENCES_CONSUMERS: readonly Type[] = [];
