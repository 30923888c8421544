import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider, Type } from '@nestjs/common';

/*
 * Inbound mail: replies become comments through itsm.notification.v1, auto-replies and bounces never do (loop protection).
 * The module spreads these lists (one registration file per part, so parts grow without touching the module).
 */
export const NOTIFICATION_INBOUND_REPOSITORIES: readonly ContextRepository[] = [];
export const NOTIFICATION_INBOUND_PROVIDERS: readonly Provider[] = [];
export const NOTIFICATION_INBOUND_CONSUMERS: readonly Type[] = [];
