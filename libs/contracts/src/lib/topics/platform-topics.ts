import { changeTopic } from './change.topic';
import { cmdbDiscoveryTopic, cmdbTopic } from './cmdb.topic';
import { directoryTopic } from './directory.topic';
import { incidentTopic } from './incident.topic';
import { notificationTopic } from './notification.topic';
import { problemTopic } from './problem.topic';
import { requestTopic } from './request.topic';
import { serviceTopic } from './service.topic';
import { slaTopic } from './sla.topic';

/**
 * Every topic the platform publishes. Deploy manifests (Strimzi KafkaTopic, compose topic
 * creation) are checked against this list by `npm run validate:deploy`.
 */
export const PLATFORM_TOPICS = [incidentTopic, problemTopic, slaTopic, cmdbTopic, cmdbDiscoveryTopic, directoryTopic, changeTopic, serviceTopic, requestTopic, notificationTopic] as const;
