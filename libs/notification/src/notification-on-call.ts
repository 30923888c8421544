import type { ContextRepository } from '@itsm/platform/persistence';
import type { Provider, Type } from '@nestjs/common';

/*
 * On-call schedules (rotations, overrides) and escalation policies run on the platform's partition-owned timers.
 * The module spreads these lists (one registration file per part, so parts grow without touching the module).
 */
export const NOTIFICATION_ON_CALL_REPOSITORIES: readonly ContextRepository[] = [];
export const NOTIFICATION_ON_CALL_PROVIDERS: readonly Provider[] = [];
export const NOTIFICATION_ON_CALL_CONSUMERS: readonly Type[] = [];
