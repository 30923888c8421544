/**
 * JSON Schemas for the custom resources deploy/ uses, written from the fields of Strimzi's
 * `kafka.strimzi.io/v1beta2` CRDs (KafkaTopic, KafkaUser) that appear here, plus kustomize's
 * Kustomization. Stricter than the CRDs on purpose: unknown fields are refused (a typo would
 * otherwise be silently dropped by the API server), and partitions/replicas are required although
 * Strimzi would default them from the broker.
 */
const DNS_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const STRING_MAP = { type: 'object', additionalProperties: { type: 'string' } } as const;

function strimziMetadata() {
  return {
    type: 'object',
    required: ['name', 'labels'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', pattern: DNS_SUBDOMAIN, maxLength: 253 },
      namespace: { type: 'string', minLength: 1 },
      labels: {
        type: 'object',
        required: ['strimzi.io/cluster'],
        properties: { 'strimzi.io/cluster': { type: 'string', minLength: 1 } },
        additionalProperties: { type: 'string' },
      },
      annotations: STRING_MAP,
    },
  } as const;
}

export interface KafkaTopicResource {
  apiVersion: 'kafka.strimzi.io/v1beta2';
  kind: 'KafkaTopic';
  metadata: { name: string; namespace?: string; labels: Record<string, string> };
  spec: { topicName?: string; partitions: number; replicas: number; config?: Record<string, string | number | boolean> };
}

export const kafkaTopicSchema = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'kafka.strimzi.io/v1beta2' },
    kind: { const: 'KafkaTopic' },
    metadata: strimziMetadata(),
    spec: {
      type: 'object',
      required: ['partitions', 'replicas'],
      additionalProperties: false,
      properties: {
        topicName: { type: 'string', minLength: 1, maxLength: 249, pattern: '^[a-zA-Z0-9._-]+$' },
        partitions: { type: 'integer', minimum: 1 },
        replicas: { type: 'integer', minimum: 1, maximum: 32767 },
        config: {
          type: 'object',
          additionalProperties: { type: ['string', 'number', 'boolean'] },
          properties: {
            'cleanup.policy': { enum: ['delete', 'compact', 'compact,delete', 'delete,compact'] },
            'retention.ms': { type: 'integer', minimum: -1 },
            'min.insync.replicas': { type: 'integer', minimum: 1 },
          },
        },
      },
    },
  },
} as const;

const ACL_OPERATIONS = [
  'Read', 'Write', 'Create', 'Delete', 'Alter', 'Describe', 'ClusterAction',
  'AlterConfigs', 'DescribeConfigs', 'IdempotentWrite', 'All',
] as const;

const namedAclResource = (type: string) =>
  ({
    type: 'object',
    required: ['type', 'name'],
    additionalProperties: false,
    properties: {
      type: { const: type },
      name: { type: 'string', minLength: 1 },
      patternType: { enum: ['literal', 'prefix'] },
    },
  }) as const;

export const kafkaUserSchema = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'kafka.strimzi.io/v1beta2' },
    kind: { const: 'KafkaUser' },
    metadata: strimziMetadata(),
    spec: {
      type: 'object',
      required: ['authentication'],
      additionalProperties: false,
      properties: {
        authentication: {
          type: 'object',
          required: ['type'],
          additionalProperties: false,
          properties: { type: { enum: ['tls', 'tls-external', 'scram-sha-512'] } },
        },
        authorization: {
          type: 'object',
          required: ['type', 'acls'],
          additionalProperties: false,
          properties: {
            type: { const: 'simple' },
            acls: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                required: ['resource', 'operations'],
                additionalProperties: false,
                properties: {
                  type: { enum: ['allow', 'deny'] },
                  host: { type: 'string' },
                  resource: {
                    oneOf: [
                      namedAclResource('topic'),
                      namedAclResource('group'),
                      namedAclResource('transactionalId'),
                      { type: 'object', required: ['type'], additionalProperties: false, properties: { type: { const: 'cluster' } } },
                    ],
                  },
                  operations: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ACL_OPERATIONS } },
                },
              },
            },
          },
        },
        quotas: {
          type: 'object',
          additionalProperties: false,
          properties: {
            producerByteRate: { type: 'integer', minimum: 0 },
            consumerByteRate: { type: 'integer', minimum: 0 },
            requestPercentage: { type: 'integer', minimum: 0 },
            controllerMutationRate: { type: 'number', minimum: 0 },
          },
        },
      },
    },
  },
} as const;

export const kustomizationSchema = {
  type: 'object',
  required: ['apiVersion', 'kind', 'resources'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'kustomize.config.k8s.io/v1beta1' },
    kind: { const: 'Kustomization' },
    namespace: { type: 'string', minLength: 1 },
    resources: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } },
    images: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1 },
          newName: { type: 'string', minLength: 1 },
          newTag: { type: 'string', minLength: 1 },
          digest: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
        },
      },
    },
    // Inline patches only (JSON 6902 or strategic merge): a patch file would be read as a manifest.
    patches: {
      type: 'array',
      items: {
        type: 'object',
        required: ['patch', 'target'],
        additionalProperties: false,
        properties: {
          patch: { type: 'string', minLength: 1 },
          target: {
            type: 'object',
            required: ['kind', 'name'],
            additionalProperties: false,
            properties: {
              group: { type: 'string' },
              version: { type: 'string', minLength: 1 },
              kind: { type: 'string', minLength: 1 },
              name: { type: 'string', minLength: 1 },
              namespace: { type: 'string', minLength: 1 },
            },
          },
        },
      },
    },
  },
} as const;
