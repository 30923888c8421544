import { notificationTopic } from '@itsm/contracts';
import type { INestApplication } from '@nestjs/common';
import { defineContext } from '@itsm/platform/service';
import type { HttpAnswer } from '@itsm/platform/service';
import { ACK_ROUTE_PREFIX } from './application/escalation-ack-links';
import { EscalationTimers } from './application/escalation-timers/escalation-timers';
import { seedNotificationDemo } from './demo/notification-demo-data';
import { NotificationSchema } from './graphql/notification.schema-marker';
import { NOTIFIABLE_TOPICS } from './notifiable-topics';
import { NotificationEnv, toNotificationSettings } from './notification-env';
import { NotificationModule } from './notification.module';

/** What the gateway answers for an acknowledgement link while the context cannot be reached: try again (nothing was acknowledged). */
function ackUnreachable(status: 503 | 504, detail: string): HttpAnswer {
  return { contentType: 'text/plain; charset=utf-8', body: `Not acknowledged (${status}): ${detail}. Open the link again in a moment.` };
}

/** The group the notification service's replicas share. */
export const NOTIFICATION_CONSUMER_GROUP = 'notification-service';

export { NOTIFIABLE_TOPICS } from './notifiable-topics';

/**
 * Notifications and on-call, for the service kit: it owns `itsm.notification.v1` (replies that
 * become comments, escalations) and reads every notifiable topic (rules, its directory projection).
 */
export const notificationContext = defineContext({
  name: 'notification',
  defaultPort: 4108,
  env: NotificationEnv,
  topics: { owns: [notificationTopic], consumes: [...NOTIFIABLE_TOPICS] },
  consumerGroup: NOTIFICATION_CONSUMER_GROUP,
  subgraph: { module: NotificationModule, schema: NotificationSchema, orphanedTypes: [] },
  // The on-call pages' acknowledgement links, also on the all-in-one's gateway port (in Kubernetes an ingress path).
  httpRoutes: [{ prefix: ACK_ROUTE_PREFIX, unreachable: ackUnreachable }],
  settings: (env) => toNotificationSettings(env),
  module: (options) => NotificationModule.forRoot(options),
  // Escalation timers follow the group's partitions of itsm.notification.v1 (each escalation's level is due once, on one replica).
  onAssignment: (app) => app.get(EscalationTimers).onAssignment,
  demo: {
    // Once it consumes: the demo on-call schedule names people its directory projection learns from the
    // directory demo's events. No demo event an earlier context publishes matches a demo rule, and the
    // incidents' demo starts after this context (the all-in-one's order).
    stage: 'afterStart',
    enabled: (env) => env.NOTIFICATION_SEED_DEMO_DATA,
    seed: async (app: INestApplication) => {
      await seedNotificationDemo(app);
      return undefined;
    },
  },
});
