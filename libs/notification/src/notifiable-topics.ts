import { changeTopic, cmdbTopic, directoryTopic, incidentTopic, problemTopic, requestTopic, serviceTopic, slaTopic } from '@itsm/contracts';

/**
 * The streams rules can trigger on: every context's topic but the CMDB discovery feed (raw scanner
 * input, not a record's history). A new context's topic is added here and in the rules' data; no
 * other code changes. Declared here, not in the context declaration: the consumer subscribing to
 * them would otherwise import the declaration that registers it (a cycle).
 */
export const NOTIFIABLE_TOPICS = [incidentTopic, problemTopic, slaTopic, cmdbTopic, directoryTopic, changeTopic, serviceTopic, requestTopic] as const;
