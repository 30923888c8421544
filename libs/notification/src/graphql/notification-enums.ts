import { registerDomainEnum } from '@itsm/platform/graphql';
import { ENDPOINT_CHANNELS, NOTIFICATION_CATEGORIES, PERSON_CHANNELS } from '../domain';
import { NotificationSchema } from './notification.schema-marker';

const registerIn = NotificationSchema;

/** The notification subgraph's enums shared by its parts (rules, endpoints, preferences): registered once. */
export const NotificationCategoryGql = registerDomainEnum(NOTIFICATION_CATEGORIES, { name: 'NotificationCategory', registerIn, description: 'What a notification is about (rules name one; preferences are per category)' });
export const PersonChannelGql = registerDomainEnum(PERSON_CHANNELS, { name: 'NotificationPersonChannel', registerIn });
export const EndpointChannelGql = registerDomainEnum(ENDPOINT_CHANNELS, { name: 'NotificationEndpointChannel', registerIn, description: 'A Standard Webhooks endpoint, a Slack or a Teams (Workflows) incoming webhook' });
