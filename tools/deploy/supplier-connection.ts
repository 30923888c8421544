import { supplierInboundFamily, supplierOutboundFamily, topicOfFamily } from '@itsm/contracts';

/**
 * What connecting one supplier takes on Kubernetes: its two topics (`itsm.supplier.<id>.out.v1`,
 * tickets out, and `.in.v1`, its signed updates in), the dead-letter topic of the inbound one (the
 * exchange dead-letters refused messages there), and a Strimzi KafkaUser of its own whose ACLs
 * reach those topics and nothing else: it reads its outbound topic in consumer groups named
 * `itsm.supplier.<id>.*` and writes its inbound topic. The exchange's own KafkaUser covers every
 * supplier's topics by the prefix `itsm.supplier.` (supplier-kafka-user.yaml).
 * `npm run deploy:supplier -- <id>` writes these (deploy-supplier.ts); checkSupplierConnections
 * refuses a supplier user granting anything else.
 */

/** Marks a supplier's resources (its KafkaUser, its topics) with the supplier id. */
export const SUPPLIER_ID_LABEL = 'itsm.io/supplier-id';
export const STRIMZI_CLUSTER = 'itsm-kafka';
export const NAMESPACE = 'itsm';
const STRIMZI = 'kafka.strimzi.io/v1beta2';
/** Streams keep 14 days, dead letters 30 (kafka-topics.yaml). */
const STREAM_RETENTION_MS = 1_209_600_000;
const DEAD_LETTER_RETENTION_MS = 2_592_000_000;

/** A supplier connection id the topic families accept (their own pattern), or a typed refusal. */
export class SupplierIdError extends Error {
  override readonly name = 'SupplierIdError';
  readonly code = 'INVALID_SUPPLIER_ID';
}

export interface SupplierTopics {
  readonly outbound: string;
  readonly inbound: string;
  readonly inboundDeadLetter: string;
}

/** The supplier's topics, by the families' own rule for the id (refused with SupplierIdError). */
export function supplierTopics(supplierId: string): SupplierTopics {
  try {
    const inbound = topicOfFamily(supplierInboundFamily, supplierId).name;
    return { outbound: topicOfFamily(supplierOutboundFamily, supplierId).name, inbound, inboundDeadLetter: `${inbound}.dlq` };
  } catch (error) {
    throw new SupplierIdError(error instanceof Error ? error.message : String(error));
  }
}

/** The KafkaUser of a supplier (Strimzi writes its password to the Secret of the same name). */
export const supplierUserName = (supplierId: string): string => `supplier-${supplierId}`;
/** The consumer groups a supplier may use: its own prefix (the trailing dot keeps `acme` out of `acme-2`'s). */
export const supplierGroupPrefix = (supplierId: string): string => `itsm.supplier.${supplierId}.`;

export interface Acl {
  readonly resource: { readonly type: 'topic' | 'group'; readonly name: string; readonly patternType: 'literal' | 'prefix' };
  readonly operations: readonly string[];
}

/** Exactly what a supplier may do: read its outbound topic (in its own groups), write its inbound topic. */
export function supplierAcls(supplierId: string): Acl[] {
  const topics = supplierTopics(supplierId);
  return [
    { resource: { type: 'topic', name: topics.outbound, patternType: 'literal' }, operations: ['Describe', 'Read'] },
    { resource: { type: 'group', name: supplierGroupPrefix(supplierId), patternType: 'prefix' }, operations: ['Describe', 'Read'] },
    { resource: { type: 'topic', name: topics.inbound, patternType: 'literal' }, operations: ['Describe', 'Write'] },
  ];
}

const labels = (supplierId: string) => ({ 'strimzi.io/cluster': STRIMZI_CLUSTER, 'app.kubernetes.io/part-of': 'itsm', [SUPPLIER_ID_LABEL]: supplierId });

function topic(name: string, supplierId: string, partitions: number, retentionMs: number): Record<string, unknown> {
  return {
    apiVersion: STRIMZI,
    kind: 'KafkaTopic',
    metadata: { name, namespace: NAMESPACE, labels: labels(supplierId) },
    spec: { partitions, replicas: 3, config: { 'cleanup.policy': 'delete', 'retention.ms': retentionMs, 'min.insync.replicas': 2 } },
  };
}

/** The Kubernetes resources of one supplier connection: its topics and its KafkaUser. */
export function supplierResources(supplierId: string): Record<string, unknown>[] {
  const topics = supplierTopics(supplierId);
  return [
    topic(topics.outbound, supplierId, supplierOutboundFamily.partitions, STREAM_RETENTION_MS),
    topic(topics.inbound, supplierId, supplierInboundFamily.partitions, STREAM_RETENTION_MS),
    topic(topics.inboundDeadLetter, supplierId, supplierInboundFamily.partitions, DEAD_LETTER_RETENTION_MS),
    {
      apiVersion: STRIMZI,
      kind: 'KafkaUser',
      metadata: { name: supplierUserName(supplierId), namespace: NAMESPACE, labels: labels(supplierId) },
      spec: { authentication: { type: 'scram-sha-512' }, authorization: { type: 'simple', acls: supplierAcls(supplierId) } },
    },
  ];
}
