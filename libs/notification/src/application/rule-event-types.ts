import { notifiableEventTypes } from '../domain';
import type { NotifiableEventType } from '../domain';
import { NOTIFIABLE_TOPICS } from '../notifiable-topics';

/** The event types rules may name: those of the topics the consumer reads (not the CMDB discovery feed, not our own topic). */
export const RULE_EVENT_TYPES: ReadonlyMap<string, NotifiableEventType> = notifiableEventTypes(NOTIFIABLE_TOPICS);
