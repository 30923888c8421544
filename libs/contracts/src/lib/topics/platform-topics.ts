import type { TopicFamilyDefinition } from '../topic-registry';
import { changeTopic } from './change.topic';
import { cmdbDiscoveryTopic, cmdbTopic } from './cmdb.topic';
import { directoryTopic } from './directory.topic';
import { incidentTopic } from './incident.topic';
import { notificationTopic } from './notification.topic';
import { problemTopic } from './problem.topic';
import { requestTopic } from './request.topic';
import { serviceTopic } from './service.topic';
import { slaTopic } from './sla.topic';
import { supplierExchangeTopic, supplierInboundFamily, supplierOutboundFamily } from './supplier.topic';

/**
 * Every topic the platform publishes. Deploy manifests (Strimzi KafkaTopic, compose topic
 * creation) are checked against this list by `npm run validate:deploy`.
 */
export const PLATFORM_TOPICS = [incidentTopic, problemTopic, slaTopic, cmdbTopic, cmdbDiscoveryTopic, directoryTopic, changeTopic, serviceTopic, requestTopic, notificationTopic, supplierExchangeTopic] as const;

/**
 * Every topic family (one topic per party, e.g. each supplier's own topics): their members are
 * created when a party is connected, so deploy/ lists none of them; the AsyncAPI document
 * describes each family as one parameterised channel.
 */
export const PLATFORM_TOPIC_FAMILIES: readonly TopicFamilyDefinition[] = [supplierOutboundFamily, supplierInboundFamily];
