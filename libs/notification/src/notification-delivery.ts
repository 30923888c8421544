import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider, Type } from '@nestjs/common';

/*
 * Deliveries (claimed once per event, recipient and channel), the channels (SMTP mail, Standard Webhooks, Slack, Teams, in-app inbox), retries through breakers, endpoints.
 * The module spreads these lists (one registration file per part, so parts grow without touching the module).
 */
export const NOTIFICATION_DELIVERY_REPOSITORIES: readonly ContextRepository[] = [];
export const NOTIFICATION_DELIVERY_PROVIDERS: readonly Provider[] = [];
export const NOTIFICATION_DELIVERY_CONSUMERS: readonly Type[] = [];
