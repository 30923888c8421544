import { PLATFORM_TOPIC_FAMILIES, PLATFORM_TOPICS } from '../topics/platform-topics';
import type { JsonObject } from './asyncapi-components';
import { asyncApiDocument } from './asyncapi-document';

/** The platform's release (the root package.json's `version`; a spec fails when the two differ). */
export const PLATFORM_VERSION = '0.1.0';

/** The published event contract of this release: every registered topic and topic family. */
export function platformAsyncApiDocument(): JsonObject {
  return asyncApiDocument(PLATFORM_TOPICS, PLATFORM_TOPIC_FAMILIES, {
    title: 'ITSM platform events',
    version: PLATFORM_VERSION,
    description:
      'Every Kafka topic the platform writes or reads: CloudEvents 1.0 in binary mode (ce_* headers, JSON value, record key = aggregate id), ' +
      'one topic per aggregate stream, supplier exchange topics per supplier (TMF621 TroubleTicket shapes), signed with Standard Webhooks when a supplier writes them.',
  });
}
