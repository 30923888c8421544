import type { Check } from './checks';
import { checkAutoscalers, checkConsumerScaling } from './autoscaling-checks';
import { checkComposeEnv, checkComposeServices } from './compose-checks';
import { checkDeclaredWorkloads } from './declared-service-checks';
import type { DeployModel } from './deploy-model';
import { at, isRecord } from './deploy-model';
import { checkDockerfiles, checkRuntimeImports } from './image-checks';
import { checkEdgeRoutes } from './ingress-checks';
import { checkKustomizations, checkNamespaces } from './kustomize-checks';
import { checkDefaultDeny, checkNetworkFlows, checkNetworkRules } from './network-checks';
import { checkRestrictedPodSecurity, checkTopologySpread } from './pod-security-checks';
import { checkSchemas } from './schema-checks';
import { checkSupplierConnections } from './supplier-checks';
import { checkComposeSubgraphs, checkWorkloadSubgraphs } from './subgraph-checks';
import { checkComposeTopics, checkKafkaTopics, checkTopicPolicy, COMPOSE_TOPICS_SERVICE } from './topic-checks';
import { checkDisruptionBudgets, checkPodHardening, checkPodReferences, checkProbes, checkServices, checkTelemetryEnv, checkWorkloadEnv } from './workload-checks';

/** A deliberate breakage of an in-memory copy that `check` must catch, reporting `expect`. */
export interface Mutation {
  readonly name: string;
  /** Part of the problem the check must report, so it is caught for the intended reason. */
  readonly expect: string;
  readonly check: Check;
  readonly mutate: (model: DeployModel) => DeployModel;
}

const mutation = (name: string, expect: string, check: Check, mutate: (model: DeployModel) => DeployModel): Mutation => ({ name, expect, check, mutate });

/** A copy whose documents, compose file and texts may be changed without touching the original. */
export function copy(model: DeployModel): DeployModel {
  return {
    ...model,
    docs: model.docs.map((doc) => ({ ...doc, obj: structuredClone(doc.obj) })),
    compose: structuredClone(model.compose),
    strayDockerfiles: [...model.strayDockerfiles],
    services: [...model.services],
    topics: [...model.topics],
    sources: { ...model.sources },
  };
}

/** The object at a path of a document (kind/name), to edit in place; throws if the fixture moved. */
function obj(model: DeployModel, kind: string, name: string, ...path: (string | number)[]): Record<string, unknown> {
  const doc = model.docs.find((d) => d.obj['kind'] === kind && at(d.obj, 'metadata', 'name') === name);
  let current: unknown = doc?.obj;
  for (const key of path) current = Array.isArray(current) ? current[Number(key)] : isRecord(current) ? current[String(key)] : undefined;
  if (!isRecord(current)) throw new Error(`self-test fixture: ${kind}/${name} ${path.join('.')} not found`);
  return current;
}

function service(model: DeployModel, name: string): Record<string, unknown> {
  const found = at(model.compose, 'services', name);
  if (!isRecord(found)) throw new Error(`self-test fixture: compose service ${name} not found`);
  return found;
}

/** The object at a path inside the first container of a Deployment. */
const inContainer = (model: DeployModel, app: string, ...path: (string | number)[]) => obj(model, 'Deployment', app, 'spec', 'template', 'spec', 'containers', 0, ...path);
const edit = (fn: (model: DeployModel) => void) => (model: DeployModel) => {
  fn(model);
  return model;
};

/** Production sources whose import graph is clean; the runtime-import mutation dirties them. */
export const CLEAN_SOURCES: Record<string, string> = {
  'apps/incident/src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport type { Jest } from '@jest/environment';\nimport { boot } from './boot';\n",
  'apps/incident/src/boot.ts': "import { readFileSync } from 'node:fs';\nimport { join } from 'path';\nexport const boot = 1;\n",
  'apps/sla/src/main.ts': "import { boot } from '../../incident/src/boot';\nexport const sla = boot;\n",
  'apps/cmdb/src/main.ts': "import { boot } from '../../incident/src/boot';\nexport const cmdb = boot;\n",
  'apps/directory/src/main.ts': "import { boot } from '../../incident/src/boot';\nexport const directory = boot;\n",
  'apps/change/src/main.ts': "import { boot } from '../../incident/src/boot';\nexport const change = boot;\n",
  'apps/catalogue/src/main.ts': "import { boot } from '../../incident/src/boot';\nexport const catalogue = boot;\n",
  'apps/notification/src/main.ts': "import { boot } from '../../incident/src/boot';\nexport const notification = boot;\n",
  'apps/supplier/src/main.ts': "import { boot } from '../../incident/src/boot';\nexport const supplier = boot;\n",
  'apps/reporting/src/main.ts': "import { boot } from '../../incident/src/boot';\nexport const reporting = boot;\n",
  'apps/gateway/src/main.ts': "export {\n  boot,\n} from '../../incident/src/boot';\n",
};

export const MUTATIONS: readonly Mutation[] = [
  mutation('a Deployment port that is not an integer', 'containerPort must be integer', checkSchemas,
    edit((m) => { inContainer(m, 'incident', 'ports', 0)['containerPort'] = 'http'; })),
  mutation('a ScaledObject whose triggers are not a list', 'triggers must be array', checkSchemas,
    edit((m) => { obj(m, 'ScaledObject', 'sla', 'spec')['triggers'] = { type: 'kafka' }; })),
  mutation('a TriggerAuthentication Secret reference without its key', 'secretTargetRef/0 must have required property key', checkSchemas,
    edit((m) => { delete obj(m, 'TriggerAuthentication', 'sla-kafka', 'spec', 'secretTargetRef', 0)['key']; })),
  mutation('an HPA without maxReplicas', 'must have required property maxReplicas', checkSchemas,
    edit((m) => { delete obj(m, 'HorizontalPodAutoscaler', 'gateway', 'spec')['maxReplicas']; })),
  mutation('a NetworkPolicy peer that is not an object', 'must be object', checkSchemas,
    edit((m) => { obj(m, 'NetworkPolicy', 'gateway', 'spec', 'egress', 0)['to'] = ['subgraph']; })),
  mutation('an unhandled kind', 'unhandled kind', checkSchemas,
    (m) => ({ ...m, docs: [...m.docs, { file: 'deploy/base/x.yaml', index: 0, obj: { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'x' } } }] })),
  mutation('a KafkaTopic without its strimzi.io/cluster label', 'strimzi.io/cluster', checkSchemas,
    edit((m) => { delete obj(m, 'KafkaTopic', 'itsm.incident.v1', 'metadata', 'labels')['strimzi.io/cluster']; })),
  mutation('a KafkaUser ACL with an unknown operation', 'operations/0', checkSchemas,
    edit((m) => { obj(m, 'KafkaUser', 'incident', 'spec', 'authorization', 'acls', 0)['operations'] = ['Reed']; })),
  mutation('two resources of the same kind and name', 'duplicates', checkSchemas,
    (m) => ({ ...m, docs: [...m.docs, ...m.docs.filter((d) => d.obj['kind'] === 'Service').slice(0, 1)] })),
  mutation('a manifest missing from the kustomization', 'gateway-pdb.yaml: not listed', checkKustomizations,
    edit((m) => { const k = m.docs.find((d) => d.file === 'deploy/base/kustomization.yaml'); if (k) k.obj['resources'] = (k.obj['resources'] as string[]).filter((r) => r !== 'gateway-pdb.yaml'); })),
  mutation('a kustomization listing a missing file', 'resource gone.yaml', checkKustomizations,
    edit((m) => { const k = m.docs.find((d) => d.file === 'deploy/base/kustomization.yaml'); if (k) k.obj['resources'] = [...(k.obj['resources'] as string[]), 'gone.yaml']; })),
  mutation('a resource in another namespace', 'namespace default', checkNamespaces,
    edit((m) => { obj(m, 'ConfigMap', 'gateway-config', 'metadata')['namespace'] = 'default'; })),
  mutation('a KafkaTopic with other partitions than the contract', 'has 3 partitions', checkKafkaTopics,
    edit((m) => { obj(m, 'KafkaTopic', 'itsm.incident.v1', 'spec')['partitions'] = 3; })),
  mutation('a missing dead-letter KafkaTopic', 'missing topic itsm.problem.v1.dlq', checkKafkaTopics,
    (m) => ({ ...m, docs: m.docs.filter((d) => at(d.obj, 'metadata', 'name') !== 'itsm.problem.v1.dlq') })),
  mutation('a new contract topic without a KafkaTopic', 'missing topic itsm.catalogue.v1.dlq', checkKafkaTopics,
    (m) => ({ ...m, topics: [...m.topics, { name: 'itsm.catalogue.v1', partitions: 6 }] })),
  mutation('a KafkaTopic the contracts do not know', 'is not in PLATFORM_TOPICS', checkKafkaTopics,
    (m) => ({ ...m, topics: m.topics.slice(1) })),
  mutation('a compacted stream', 'cleanup.policy', checkTopicPolicy,
    edit((m) => { obj(m, 'KafkaTopic', 'itsm.incident.v1', 'spec', 'config')['cleanup.policy'] = 'compact'; })),
  mutation('dead letters kept shorter than their stream', 'retained longer', checkTopicPolicy,
    edit((m) => { obj(m, 'KafkaTopic', 'itsm.problem.v1.dlq', 'spec', 'config')['retention.ms'] = 1000; })),
  mutation('a stream reporting projects kept 14 days', 'rebuilds its projections from it', checkTopicPolicy,
    edit((m) => { obj(m, 'KafkaTopic', 'itsm.incident.v1', 'spec', 'config')['retention.ms'] = 1209600000; })),
  mutation('min.insync.replicas equal to replicas', 'min.insync.replicas', checkTopicPolicy,
    edit((m) => { obj(m, 'KafkaTopic', 'itsm.problem.v1', 'spec', 'config')['min.insync.replicas'] = 3; })),
  mutation('readiness probing /health/live', 'readinessProbe must be', checkProbes,
    edit((m) => { inContainer(m, 'gateway', 'readinessProbe', 'httpGet')['path'] = '/health/live'; })),
  mutation('a liveness probe on an unnamed port', 'livenessProbe port', checkProbes,
    edit((m) => { inContainer(m, 'incident', 'livenessProbe', 'httpGet')['port'] = 'web'; })),
  mutation('a writable root filesystem', 'readOnlyRootFilesystem', checkRestrictedPodSecurity,
    edit((m) => { inContainer(m, 'incident', 'securityContext')['readOnlyRootFilesystem'] = false; })),
  mutation('a container without limits', 'resources.limits.cpu', checkPodHardening,
    edit((m) => { delete inContainer(m, 'gateway', 'resources')['limits']; })),
  mutation('an autoscaler starting at a single replica', 'replicas (or its autoscaler\'s minimum) must be', checkPodHardening,
    edit((m) => { obj(m, 'HorizontalPodAutoscaler', 'gateway', 'spec')['minReplicas'] = 1; })),
  mutation('a namespace enforcing only baseline', 'enforce must be restricted', checkRestrictedPodSecurity,
    edit((m) => { obj(m, 'Namespace', 'itsm', 'metadata', 'labels')['pod-security.kubernetes.io/enforce'] = 'baseline'; })),
  mutation('a pod that may run as root', 'runAsNonRoot must be true', checkRestrictedPodSecurity,
    edit((m) => { delete obj(m, 'Deployment', 'sla', 'spec', 'template', 'spec', 'securityContext')['runAsNonRoot']; delete inContainer(m, 'sla', 'securityContext')['runAsNonRoot']; })),
  mutation('an unconfined seccomp profile', 'seccompProfile.type must be RuntimeDefault', checkRestrictedPodSecurity,
    edit((m) => { obj(m, 'Deployment', 'cmdb', 'spec', 'template', 'spec', 'securityContext', 'seccompProfile')['type'] = 'Unconfined'; })),
  mutation('privilege escalation allowed', 'allowPrivilegeEscalation must be false', checkRestrictedPodSecurity,
    edit((m) => { delete inContainer(m, 'gateway', 'securityContext')['allowPrivilegeEscalation']; })),
  mutation('an added capability', 'capabilities add NET_ADMIN', checkRestrictedPodSecurity,
    edit((m) => { obj(m, 'Deployment', 'incident', 'spec', 'template', 'spec', 'containers', 0, 'securityContext', 'capabilities')['add'] = ['NET_ADMIN']; })),
  mutation('a hostPath volume', 'not a restricted volume type', checkRestrictedPodSecurity,
    edit((m) => { (obj(m, 'Deployment', 'sla', 'spec', 'template', 'spec')['volumes'] as unknown[]).push({ name: 'host', hostPath: { path: '/var/run' } }); })),
  mutation('an init container running privileged', 'container setup: privileged', checkRestrictedPodSecurity,
    edit((m) => { const pod = obj(m, 'Deployment', 'cmdb', 'spec', 'template', 'spec'); pod['initContainers'] = [{ name: 'setup', image: 'busybox:1.36', securityContext: { ...(inContainer(m, 'cmdb', 'securityContext')), privileged: true } }]; })),
  mutation('a Deployment without a zone spread', 'no topology spread constraint on topology.kubernetes.io/zone', checkTopologySpread,
    edit((m) => { const pod = obj(m, 'Deployment', 'sla', 'spec', 'template', 'spec'); pod['topologySpreadConstraints'] = (pod['topologySpreadConstraints'] as Record<string, unknown>[]).filter((c) => c['topologyKey'] !== 'topology.kubernetes.io/zone'); })),
  mutation('a zone spread counting another app\'s pods', 'no topology spread constraint on topology.kubernetes.io/zone', checkTopologySpread,
    edit((m) => { obj(m, 'Deployment', 'gateway', 'spec', 'template', 'spec', 'topologySpreadConstraints', 0, 'labelSelector', 'matchLabels')['app.kubernetes.io/name'] = 'incident'; })),
  mutation('a misspelt OpenTelemetry variable', 'OTEL_EXPORTER_OTLP_ENDPIONT is not read', checkWorkloadEnv,
    edit((m) => { obj(m, 'ConfigMap', 'sla-config', 'data')['OTEL_EXPORTER_OTLP_ENDPIONT'] = 'http://x:4318'; })),
  mutation('traces under another service\'s name', 'OTEL_SERVICE_NAME (incident) must be', checkTelemetryEnv,
    edit((m) => { obj(m, 'ConfigMap', 'cmdb-config', 'data')['OTEL_SERVICE_NAME'] = 'incident'; })),
  mutation('no OTLP endpoint', 'OTEL_EXPORTER_OTLP_ENDPOINT (unset)', checkTelemetryEnv,
    edit((m) => { delete obj(m, 'ConfigMap', 'gateway-config', 'data')['OTEL_EXPORTER_OTLP_ENDPOINT']; })),
  mutation('a misspelt variable (KAFKA_BROKER)', 'KAFKA_BROKER is not read', checkWorkloadEnv,
    edit((m) => { obj(m, 'ConfigMap', 'incident-config', 'data')['KAFKA_BROKER'] = 'x:9092'; })),
  mutation('a misspelt SLA variable (SLA_SEED_DEMO_POLICY)', 'SLA_SEED_DEMO_POLICY is not read by sla', checkWorkloadEnv,
    edit((m) => { const data = obj(m, 'ConfigMap', 'sla-config', 'data'); data['SLA_SEED_DEMO_POLICY'] = data['SLA_SEED_DEMO_POLICIES']; delete data['SLA_SEED_DEMO_POLICIES']; })),
  mutation('a CMDB variable copied from the SLA service (CMDB_SEED_DEMO_POLICIES)', 'CMDB_SEED_DEMO_POLICIES is not read by cmdb', checkWorkloadEnv,
    edit((m) => { const data = obj(m, 'ConfigMap', 'cmdb-config', 'data'); data['CMDB_SEED_DEMO_POLICIES'] = data['CMDB_SEED_DEMO_DATA']; delete data['CMDB_SEED_DEMO_DATA']; })),
  mutation('a missing required variable (KAFKA_BROKERS)', 'required KAFKA_BROKERS', checkWorkloadEnv,
    edit((m) => { delete obj(m, 'ConfigMap', 'incident-config', 'data')['KAFKA_BROKERS']; })),
  mutation('the dev key in production', 'must not set AUTH_DEV_KEY_FILE', checkWorkloadEnv,
    edit((m) => { obj(m, 'ConfigMap', 'gateway-config', 'data')['AUTH_DEV_KEY_FILE'] = '/k.json'; })),
  mutation('PORT unlike the container port', 'PORT (8080)', checkWorkloadEnv,
    edit((m) => { obj(m, 'ConfigMap', 'gateway-config', 'data')['PORT'] = '8080'; })),
  mutation('envFrom an undefined ConfigMap', 'configMap nope is not defined', checkWorkloadEnv,
    edit((m) => { inContainer(m, 'gateway', 'envFrom', 0, 'configMapRef')['name'] = 'nope'; })),
  mutation('a Secret key that does not exist', 'has no key pass', checkWorkloadEnv,
    edit((m) => { inContainer(m, 'incident', 'env', 0, 'valueFrom', 'secretKeyRef')['key'] = 'pass'; })),
  mutation('an undefined service account', 'serviceAccountName default', checkPodReferences,
    edit((m) => { obj(m, 'Deployment', 'incident', 'spec', 'template', 'spec')['serviceAccountName'] = 'default'; })),
  mutation('a volume from an undefined Secret', 'volume secret other-ca', checkPodReferences,
    edit((m) => { obj(m, 'Deployment', 'incident', 'spec', 'template', 'spec', 'volumes', 1, 'secret')['secretName'] = 'other-ca'; })),
  mutation('a Service selecting no pods', 'selects 0 Deployments', checkServices,
    edit((m) => { obj(m, 'Service', 'incident', 'spec', 'selector')['app.kubernetes.io/name'] = 'incidents'; })),
  mutation('a Service targeting an unknown port', 'targetPort metrics', checkServices,
    edit((m) => { obj(m, 'Service', 'gateway', 'spec', 'ports', 0)['targetPort'] = 'metrics'; })),
  mutation('a Deployment without a PodDisruptionBudget', 'covered by 0', checkDisruptionBudgets,
    (m) => ({ ...m, docs: m.docs.filter((d) => !(d.obj['kind'] === 'PodDisruptionBudget' && at(d.obj, 'metadata', 'name') === 'gateway')) })),
  mutation('a PodDisruptionBudget selecting nothing', 'selects no Deployment', checkDisruptionBudgets,
    edit((m) => { obj(m, 'PodDisruptionBudget', 'incident', 'spec', 'selector', 'matchLabels')['app.kubernetes.io/name'] = 'x'; })),
  mutation('a subgraph URL on the wrong port', 'uses port 4102', checkWorkloadSubgraphs,
    edit((m) => { obj(m, 'ConfigMap', 'gateway-config', 'data')['GATEWAY_SUBGRAPHS'] = 'incident=http://incident:4102/graphql'; })),
  mutation('a compose topic line removed', 'missing topic itsm.problem.v1.dlq', checkComposeTopics,
    edit((m) => { const s = service(m, COMPOSE_TOPICS_SERVICE); s['command'] = (s['command'] as string[]).map((c) => c.split('\n').filter((l) => !l.includes('itsm.problem.v1.dlq')).join('\n')); })),
  mutation('a compose topic with other partitions', 'has 1 partitions', checkComposeTopics,
    edit((m) => { const s = service(m, COMPOSE_TOPICS_SERVICE); s['command'] = (s['command'] as string[]).map((c) => c.replace('--partitions 12', '--partitions 1')); })),
  mutation('an unpinned Kafka image', 'must be pinned', checkComposeServices,
    edit((m) => { service(m, 'kafka')['image'] = 'apache/kafka:latest'; })),
  mutation('MongoDB without a replica set', '--replSet', checkComposeServices,
    edit((m) => { service(m, 'mongo')['command'] = ['mongod']; })),
  mutation('an app not waiting for topic creation', 'service_completed_successfully', checkComposeServices,
    edit((m) => { delete (service(m, 'incident')['depends_on'] as Record<string, unknown>)[COMPOSE_TOPICS_SERVICE]; })),
  mutation('the gateway not published on 4000', '4000:4000', checkComposeServices,
    edit((m) => { service(m, 'gateway')['ports'] = ['8080:4000']; })),
  mutation('an unknown compose variable', 'MONGODB_URL is not read', checkComposeEnv,
    edit((m) => { (service(m, 'incident')['environment'] as Record<string, unknown>)['MONGODB_URL'] = 'mongodb://x'; })),
  mutation('the dev key without its bind mount', 'bind-mounted', checkComposeEnv,
    edit((m) => { service(m, 'gateway')['volumes'] = []; })),
  mutation('a compose subgraph on an unknown host', 'no compose service', checkComposeSubgraphs,
    edit((m) => { (service(m, 'gateway')['environment'] as Record<string, unknown>)['GATEWAY_SUBGRAPHS'] = 'incident=http://incidents:4101/graphql'; })),
  mutation('a Dockerfile running as root', 'non-root USER', checkDockerfiles,
    (m) => ({ ...m, dockerfile: (m.dockerfile ?? '').replace(/^USER 1000:1000\s*\n(?![\s\S]*^USER )/m, '') })),
  mutation('a Dockerfile keeping dev dependencies', 'npm prune --omit=dev', checkDockerfiles,
    (m) => ({ ...m, dockerfile: (m.dockerfile ?? '').replace('npm prune --omit=dev', 'true') })),
  mutation('a per-app Dockerfile next to the one Dockerfile', 'not per-app copies', checkDockerfiles,
    (m) => ({ ...m, strayDockerfiles: [...m.strayDockerfiles, 'apps/incident/Dockerfile'] })),
  mutation('a compose app built as another service', 'build arg SERVICE must be sla', checkComposeServices,
    edit((m) => { (service(m, 'sla')['build'] as Record<string, Record<string, unknown>>)['args'] = { SERVICE: 'incident', PORT: '4104' }; })),
  mutation('a compose app on another port than declared', "PORT must be cmdb's declared port", checkComposeServices,
    edit((m) => { (service(m, 'cmdb')['environment'] as Record<string, unknown>)['PORT'] = '4199'; })),
  mutation('a declared context without a Deployment', 'no Deployment for app sla', checkDeclaredWorkloads,
    (m) => ({ ...m, docs: m.docs.filter((d) => !(d.obj['kind'] === 'Deployment' && at(d.obj, 'metadata', 'name') === 'sla')) })),
  mutation('a new context declared but not deployed', 'no Deployment for app knowledge', checkDeclaredWorkloads,
    (m) => ({ ...m, services: [...m.services, { name: 'knowledge', port: 4111, subgraph: true, consumers: [] }] })),
  mutation('a Deployment on another port than declared', "incident's declared port 4101", checkDeclaredWorkloads,
    edit((m) => { inContainer(m, 'incident', 'ports', 0)['containerPort'] = 4111; })),
  mutation('a gateway missing a declared subgraph', 'does not list the subgraph of context cmdb', checkComposeSubgraphs,
    edit((m) => { (service(m, 'gateway')['environment'] as Record<string, unknown>)['GATEWAY_SUBGRAPHS'] = 'incident=http://incident:4101/graphql,sla=http://sla:4104/graphql'; })),
  mutation('a runtime import of a devDependency', '@push.rocks/smartmongo, which is not a production dependency', checkRuntimeImports,
    (m) => ({ ...m, sources: { ...m.sources, 'apps/incident/src/boot.ts': "import { congodb } from '@push.rocks/smartmongo';\n" } })),
  mutation('an unresolvable @itsm import', 'cannot resolve @itsm/nowhere', checkRuntimeImports,
    (m) => ({ ...m, sources: { ...m.sources, 'apps/gateway/src/main.ts': "import { x } from '@itsm/nowhere';\n" } })),
  mutation('a ScaledObject on another consumer group', 'is not a declared group of sla', checkConsumerScaling,
    edit((m) => { obj(m, 'ScaledObject', 'sla', 'spec', 'triggers', 0, 'metadata')['consumerGroup'] = 'sla'; })),
  mutation('a consumer without its ScaledObject', 'scaled by 0 ScaledObjects', checkConsumerScaling,
    (m) => ({ ...m, docs: m.docs.filter((d) => !(d.obj['kind'] === 'ScaledObject' && at(d.obj, 'metadata', 'name') === 'cmdb')) })),
  mutation('a topic the group reads without a trigger', 'no kafka trigger on itsm.problem.v1', checkConsumerScaling,
    edit((m) => { const spec = obj(m, 'ScaledObject', 'incident', 'spec'); spec['triggers'] = (spec['triggers'] as Record<string, unknown>[]).filter((t) => at(t, 'metadata', 'topic') !== 'itsm.problem.v1'); })),
  mutation('a newly consumed topic without a trigger', 'no kafka trigger on itsm.sla.v1', checkConsumerScaling,
    (m) => ({ ...m, services: m.services.map((s) => (s.name === 'cmdb' ? { ...s, consumers: s.consumers.map((c) => ({ ...c, topics: [...c.topics, 'itsm.sla.v1'] })) } : s)) })),
  mutation('more replicas than partitions', 'maxReplicaCount 24 must be set and at most 12', checkConsumerScaling,
    edit((m) => { obj(m, 'ScaledObject', 'sla', 'spec')['maxReplicaCount'] = 24; })),
  mutation('a topic with fewer partitions than the scaler\'s maximum', 'at most 4', checkConsumerScaling,
    edit((m) => { obj(m, 'KafkaTopic', 'itsm.cmdb-discovery.v1', 'spec')['partitions'] = 4; })),
  mutation('a trigger without TLS although the service uses it', 'does not match KAFKA_SSL', checkConsumerScaling,
    edit((m) => { delete obj(m, 'ScaledObject', 'cmdb', 'spec', 'triggers', 0, 'metadata')['tls']; })),
  mutation('a trigger on another SASL mechanism', 'does not match KAFKA_SASL_MECHANISM', checkConsumerScaling,
    edit((m) => { obj(m, 'ScaledObject', 'incident', 'spec', 'triggers', 0, 'metadata')['sasl'] = 'plaintext'; })),
  mutation('KEDA authenticating with another user\'s password', 'password must come from the Secret', checkConsumerScaling,
    edit((m) => { obj(m, 'TriggerAuthentication', 'sla-kafka', 'spec', 'secretTargetRef', 0)['name'] = 'incident'; })),
  mutation('a trigger naming no TriggerAuthentication', 'is no TriggerAuthentication of deploy/', checkConsumerScaling,
    edit((m) => { obj(m, 'ScaledObject', 'sla', 'spec', 'triggers', 0, 'authenticationRef')['name'] = 'nope'; })),
  mutation('a KafkaUser that cannot describe its group', 'grants no Describe on group sla-service', checkConsumerScaling,
    edit((m) => { const acls = obj(m, 'KafkaUser', 'sla', 'spec', 'authorization')['acls'] as Record<string, unknown>[]; for (const acl of acls) if (at(acl, 'resource', 'type') === 'group') acl['operations'] = ['Read']; })),
  mutation('the gateway without its HorizontalPodAutoscaler', 'scaled by 0 ScaledObjects and 0 HorizontalPodAutoscalers', checkAutoscalers,
    (m) => ({ ...m, docs: m.docs.filter((d) => d.obj['kind'] !== 'HorizontalPodAutoscaler') })),
  mutation('a consumer with an HPA beside its ScaledObject', 'scaled by 1 ScaledObjects and 1 HorizontalPodAutoscalers', checkAutoscalers,
    (m) => ({ ...m, docs: [...m.docs, ...m.docs.filter((d) => d.obj['kind'] === 'HorizontalPodAutoscaler' && at(d.obj, 'metadata', 'name') === 'gateway').map((d) => ({ ...d, obj: { ...d.obj, metadata: { name: 'sla' }, spec: { ...(d.obj['spec'] as object), scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'sla' } } } }))] })),
  mutation('replicas set on an autoscaled Deployment', 'sets replicas although autoscaled', checkAutoscalers,
    edit((m) => { obj(m, 'Deployment', 'gateway', 'spec')['replicas'] = 2; })),
  mutation('an HPA scaling a missing Deployment', 'scales no Deployment', checkAutoscalers,
    edit((m) => { obj(m, 'HorizontalPodAutoscaler', 'gateway', 'spec', 'scaleTargetRef')['name'] = 'gateways'; })),
  mutation('no default-deny policy', 'no NetworkPolicy selects every pod', checkDefaultDeny,
    (m) => ({ ...m, docs: m.docs.filter((d) => !(d.obj['kind'] === 'NetworkPolicy' && at(d.obj, 'metadata', 'name') === 'default-deny')) })),
  mutation('a default deny of ingress only', 'denies both Ingress and Egress', checkDefaultDeny,
    edit((m) => { obj(m, 'NetworkPolicy', 'default-deny', 'spec')['policyTypes'] = ['Ingress']; })),
  mutation('services cut off from MongoDB', 'MONGO_URL', checkNetworkFlows,
    edit((m) => { const spec = obj(m, 'NetworkPolicy', 'subgraphs', 'spec'); spec['egress'] = (spec['egress'] as Record<string, unknown>[]).filter((r) => JSON.stringify(r).indexOf('27017') < 0); })),
  mutation('notification mail cut off from its SMTP relay', 'notification NOTIFICATION_SMTP_URL', checkNetworkFlows,
    edit((m) => { const spec = obj(m, 'NetworkPolicy', 'notification-delivery', 'spec'); spec['egress'] = (spec['egress'] as Record<string, unknown>[]).filter((r) => JSON.stringify(r).indexOf('587') < 0); })),
  mutation('a declared consumed topic without its lag trigger', 'no kafka trigger on itsm.problem.v1', checkConsumerScaling,
    edit((m) => { const spec = obj(m, 'ScaledObject', 'notification', 'spec'); spec['triggers'] = (spec['triggers'] as Record<string, unknown>[]).filter((t) => at(t, 'metadata', 'topic') !== 'itsm.problem.v1'); })),
  mutation('the directory unreachable from the ingress controller (SCIM)', 'ingress /scim/v2 to directory', checkNetworkFlows,
    edit((m) => { obj(m, 'NetworkPolicy', 'directory-scim', 'spec')['ingress'] = []; })),
  mutation('no Ingress path for the directory\'s /scim/v2', 'directory serves /scim/v2 at the edge', checkEdgeRoutes,
    edit((m) => { (obj(m, 'Ingress', 'itsm', 'spec', 'rules', 0, 'http')['paths'] as unknown[]).splice(0, 1); })),
  mutation('/scim/v2 routed to the gateway', 'no Ingress path /scim/v2', checkEdgeRoutes,
    edit((m) => { obj(m, 'Ingress', 'itsm', 'spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'service')['name'] = 'gateway'; })),
  mutation('an Ingress of another class', 'ingressClassName is traefik', checkEdgeRoutes,
    edit((m) => { obj(m, 'Ingress', 'itsm', 'spec')['ingressClassName'] = 'traefik'; })),
  mutation('the gateway unreachable from the ingress controller', 'ingress to the gateway', checkNetworkFlows,
    edit((m) => { const spec = obj(m, 'NetworkPolicy', 'gateway', 'spec'); spec['ingress'] = (spec['ingress'] as unknown[]).slice(1); })),
  mutation('a collector in a namespace the policies do not allow', 'OTEL_EXPORTER_OTLP_ENDPOINT', checkNetworkFlows,
    edit((m) => { obj(m, 'ConfigMap', 'sla-config', 'data')['OTEL_EXPORTER_OTLP_ENDPOINT'] = 'http://otel-collector.tracing.svc:4318'; })),
  mutation('KEDA unable to reach the brokers', 'KEDA lag of ScaledObject/sla', checkNetworkFlows,
    edit((m) => { const from = obj(m, 'NetworkPolicy', 'itsm-kafka', 'spec', 'ingress', 1)['from'] as unknown[]; from.splice(1, 1); })),
  mutation('a subgraph reachable from every pod of the namespace', 'admits Deployment/sla, which needs no such flow', checkNetworkRules,
    edit((m) => { obj(m, 'NetworkPolicy', 'subgraphs', 'spec', 'ingress', 0, 'from', 0)['podSelector'] = {}; })),
  mutation('an ingress rule from pods that need nothing', 'allows no flow the workloads need', checkNetworkRules,
    edit((m) => { (obj(m, 'NetworkPolicy', 'subgraphs', 'spec', 'ingress', 0, 'from', 0)['podSelector'] as Record<string, unknown>)['matchLabels'] = { 'app.kubernetes.io/part-of': 'other' }; })),
  mutation('ingress from anywhere on any port', 'allows any peer on any port', checkNetworkRules,
    edit((m) => { (obj(m, 'NetworkPolicy', 'gateway', 'spec')['ingress'] as unknown[]).push({}); })),
  mutation('services allowed out to the internet on HTTPS', 'ipBlock 0.0.0.0/0 admits every address', checkNetworkRules,
    edit((m) => { (obj(m, 'NetworkPolicy', 'subgraphs', 'spec')['egress'] as unknown[]).push({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 443 }] }); })),
  mutation('a platform rule without ports', 'without naming its ports', checkNetworkRules,
    edit((m) => { delete obj(m, 'NetworkPolicy', 'subgraphs', 'spec', 'egress', 1)['ports']; })),
  mutation('a policy selecting no pod', 'selects no pod', checkNetworkRules,
    edit((m) => { obj(m, 'NetworkPolicy', 'gateway', 'spec', 'podSelector', 'matchLabels')['app.kubernetes.io/name'] = 'gateways'; })),
  mutation('a supplier user reading another supplier\'s topic', "beyond supplier northwind's own topics", checkSupplierConnections,
    edit((m) => { obj(m, 'KafkaUser', 'supplier-northwind', 'spec', 'authorization', 'acls', 0, 'resource')['name'] = 'itsm.supplier.tailspin.out.v1'; })),
  mutation('a supplier user with a prefix ACL on every supplier topic', 'grants topic prefix itsm.supplier.', checkSupplierConnections,
    edit((m) => { (obj(m, 'KafkaUser', 'supplier-tailspin', 'spec', 'authorization')['acls'] as unknown[]).push({ resource: { type: 'topic', name: 'itsm.supplier.', patternType: 'prefix' }, operations: ['Read'] }); })),
  mutation('a supplier\'s topics without its KafkaUser', 'without the KafkaUser of supplier tailspin', checkSupplierConnections,
    (m) => ({ ...m, docs: m.docs.filter((d) => !(d.obj['kind'] === 'KafkaUser' && at(d.obj, 'metadata', 'name') === 'supplier-tailspin')) })),
  mutation('the exchange unable to publish to suppliers', 'grants no Write on itsm.supplier.example.out.v1', checkSupplierConnections,
    edit((m) => { const auth = obj(m, 'KafkaUser', 'supplier', 'spec', 'authorization'); auth['acls'] = (auth['acls'] as unknown[]).filter((acl) => at(acl, 'resource', 'name') !== 'itsm.supplier.'); })),
  mutation('a supplier topic outside the family pattern', 'topic itsm.supplier.North_Wind.in.v1 is not in PLATFORM_TOPICS', checkKafkaTopics,
    edit((m) => { obj(m, 'KafkaTopic', 'itsm.supplier.northwind.in.v1', 'metadata')['name'] = 'itsm.supplier.North_Wind.in.v1'; })),
  mutation('the suppliers\' inbound group without its lag trigger', 'expected one kafka trigger of that group without a topic, found 0', checkConsumerScaling,
    edit((m) => { const spec = obj(m, 'ScaledObject', 'supplier', 'spec'); spec['triggers'] = (spec['triggers'] as Record<string, unknown>[]).filter((t) => at(t, 'metadata', 'consumerGroup') !== 'supplier-exchange-inbound'); })),
  mutation('private webhook targets allowed in production', 'must leave SUPPLIER_EXCHANGE_ALLOW_PRIVATE_TARGETS "false"', checkWorkloadEnv,
    edit((m) => { obj(m, 'ConfigMap', 'supplier-config', 'data')['SUPPLIER_EXCHANGE_ALLOW_PRIVATE_TARGETS'] = 'true'; })),
  mutation('the supplier service exposed on its subgraph', 'supplier is exposed on its declared routes only', checkEdgeRoutes,
    edit((m) => { obj(m, 'Ingress', 'itsm-supplier', 'spec', 'rules', 0, 'http', 'paths', 0)['path'] = '/graphql'; })),
  mutation('the suppliers\' endpoint behind the controller\'s default body limit', 'proxy-body-size is unset (1m), supplier reads at most 262144 bytes', checkEdgeRoutes,
    edit((m) => { obj(m, 'Ingress', 'itsm-supplier', 'metadata')['annotations'] = {}; })),
  mutation('a Service the Ingress may not expose', 'exposes sla, which EDGE_EXPOSURE', checkEdgeRoutes,
    edit((m) => { obj(m, 'Ingress', 'itsm-supplier', 'spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'service')['name'] = 'sla'; })),
  mutation('the suppliers\' endpoint unreachable from the ingress controller', 'ingress /tmf-api/supplier/v1 to supplier', checkNetworkFlows,
    edit((m) => { obj(m, 'NetworkPolicy', 'supplier-inbound', 'spec')['ingress'] = []; })),
];
