import type { DeployModel, ManifestDoc } from './deploy-model';
import { arrayAt, at, docsOfKind, isRecord, nameOf, selects, stringAt, stringMap } from './deploy-model';
import { ENV_CONTRACTS, parseSubgraphs } from './env-contract';
import { containerEnv, containersOf, podLabels, podSources } from './pod-env';

/**
 * The connections the platform needs, derived from the manifests: what each workload's environment
 * names (Kafka, MongoDB, the OTLP collector, the identity provider, an SMTP relay, the gateway's
 * subgraphs) or its pod annotation `itsm.io/outbound-https` declares (targets chosen at run time), who
 * must reach it (the ingress controller: the gateway and every Ingress path's backend; Prometheus, KEDA's lag readers) and what the Strimzi cluster of
 * the namespace needs. The NetworkPolicies are checked against these flows.
 */

/** A pod (or an address outside the cluster when `namespace` is undefined) at one end of a flow. */
export interface Endpoint {
  readonly name: string;
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Named container ports (NetworkPolicy ports may name them). */
  readonly ports: Readonly<Record<string, number>>;
}

export interface Flow {
  readonly why: string;
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
}

/** The Kubernetes API: outside the pod network (an ipBlock may allow it). */
const KUBE_API: Endpoint = { name: 'Kubernetes API', labels: {}, ports: {} };

const inCluster = (name: string, namespace: string, labels: Record<string, string>): Endpoint => ({ name, namespace, labels, ports: {} });

/**
 * What the cluster provides, where the policies expect it (deploy/README.md, "What the cluster must
 * provide"): cluster DNS, the ingress controller, Prometheus, KEDA's operator, Strimzi's cluster
 * operator, and the Kubernetes API (outside the pod network).
 */
export const CLUSTER_COMPONENTS = {
  dns: inCluster('cluster DNS', 'kube-system', { 'k8s-app': 'kube-dns' }),
  ingress: inCluster('ingress controller', 'ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' }),
  prometheus: inCluster('Prometheus', 'monitoring', { 'app.kubernetes.io/name': 'prometheus' }),
  keda: inCluster('KEDA operator', 'keda', { 'app.kubernetes.io/name': 'keda-operator' }),
  strimziOperator: inCluster('Strimzi cluster operator', 'strimzi', { 'strimzi.io/kind': 'cluster-operator' }),
  kubeApi: KUBE_API,
} as const;

/** Strimzi's pods of the Kafka cluster `cluster` (their labels as the operator sets them). */
const strimziPod = (cluster: string, namespace: string, component: 'kafka' | 'entity-operator'): Endpoint =>
  inCluster(`${cluster} ${component}`, namespace, { 'strimzi.io/cluster': cluster, 'strimzi.io/kind': 'Kafka', 'strimzi.io/name': `${cluster}-${component}` });

export interface NetworkModel {
  readonly namespace: string;
  /** The platform's pods (one per Deployment) and the Strimzi cluster's, all in `namespace`. */
  readonly pods: readonly Endpoint[];
  readonly platformPods: readonly Endpoint[];
  readonly flows: readonly Flow[];
  /** Addresses of the environment that name nothing the checks can place. */
  readonly problems: readonly string[];
}

/** `host:port` pairs of a URL or of a comma-separated broker/host list. */
function hostPorts(value: string, defaultPort: number): { host: string; port: number }[] {
  return value.split(',').map((part) => part.trim()).filter((part) => part !== '').map((part) => {
    const [host = '', port] = part.split(':');
    return { host, port: port !== undefined && /^[0-9]+$/.test(port) ? Number(port) : defaultPort };
  });
}

function urlHostPort(value: string): { host: string; port: number } | undefined {
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  return { host: url.hostname, port: url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80 };
}

/** The relay of an smtp:// (587 unless given) or smtps:// (465) URL, as nodemailer reads it. */
function smtpHostPort(value: string): { host: string; port: number } | undefined {
  if (!/^smtps?:\/\//.test(value) || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  return { host: url.hostname, port: url.port !== '' ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587 };
}

/** An address outside the cluster that run-time configuration picks (webhook targets). */
const outside = (what: string): Endpoint => ({ name: `${what} (outside the cluster)`, labels: {}, ports: {} });

/** Hosts of a mongodb:// connection string (`user:pass@h1:p1,h2:p2/db?...`). */
function mongoHosts(value: string): { host: string; port: number }[] {
  const match = /^mongodb(\+srv)?:\/\/(?:[^@/]*@)?([^/?]+)/.exec(value);
  return match?.[2] === undefined ? [] : hostPorts(match[2], 27017);
}

/** One path of an Ingress rule and the Service port it routes to. */
export interface IngressBackend {
  readonly ingress: ManifestDoc;
  readonly path: string;
  readonly pathType: string | undefined;
  readonly service: string;
  readonly port: number | string;
}

export function ingressBackends(model: DeployModel): IngressBackend[] {
  return docsOfKind(model, 'networking.k8s.io/v1', 'Ingress').flatMap((ingress) =>
    arrayAt(ingress.obj, 'spec', 'rules').filter(isRecord).flatMap((rule) =>
      arrayAt(rule, 'http', 'paths').filter(isRecord).flatMap((entry) => {
        const service = stringAt(entry, 'backend', 'service', 'name');
        const port = at(entry, 'backend', 'service', 'port', 'number') ?? at(entry, 'backend', 'service', 'port', 'name');
        if (service === undefined || (typeof port !== 'number' && typeof port !== 'string')) return [];
        return [{ ingress, path: stringAt(entry, 'path') ?? '/', pathType: stringAt(entry, 'pathType'), service, port }];
      })));
}

export function buildNetworkModel(model: DeployModel): NetworkModel {
  const namespace = docsOfKind(model, 'v1', 'Namespace').map(nameOf)[0] ?? '';
  const problems: string[] = [];
  const sources = podSources(model);
  const deployments = docsOfKind(model, 'apps/v1', 'Deployment');
  const podOf = new Map(deployments.map((doc) => {
    const ports: Record<string, number> = {};
    for (const port of containersOf(doc).flatMap((c) => arrayAt(c, 'ports').filter(isRecord))) {
      if (typeof port['name'] === 'string' && typeof port['containerPort'] === 'number') ports[port['name']] = port['containerPort'];
    }
    return [doc, { name: `Deployment/${nameOf(doc)}`, namespace, labels: podLabels(doc), ports } satisfies Endpoint] as const;
  }));
  const platformPods = [...podOf.values()];
  const clusters = [...new Set(docsOfKind(model, 'kafka.strimzi.io/v1beta2', 'KafkaTopic').concat(docsOfKind(model, 'kafka.strimzi.io/v1beta2', 'KafkaUser'))
    .map((doc) => stringAt(doc.obj, 'metadata', 'labels', 'strimzi.io/cluster')).filter((c): c is string => c !== undefined))];
  const strimzi = new Map(clusters.map((cluster) => [cluster, { broker: strimziPod(cluster, namespace, 'kafka'), operator: strimziPod(cluster, namespace, 'entity-operator') }]));
  const strimziPods = [...strimzi.values()].flatMap(({ broker, operator }) => [broker, operator]);

  /** Where a host name leads: a Deployment behind a Service of deploy/, a Strimzi broker, another namespace's pods, or outside. */
  const resolve = (host: string, what: string): Endpoint | undefined => {
    const parts = host.split('.');
    const svc = parts.indexOf('svc');
    if (parts.length > 1 && svc < 0) return { name: `${host} (outside the cluster)`, labels: {}, ports: {} };
    const local = svc < 0 ? parts : parts.slice(0, svc);
    const hostNamespace = local.length >= 2 ? local[local.length - 1] ?? '' : namespace;
    const service = local.length >= 3 ? local[local.length - 2] ?? '' : local[0] ?? '';
    if (hostNamespace !== namespace) return inCluster(`${host} (namespace ${hostNamespace})`, hostNamespace, {});
    const broker = clusters.find((cluster) => [`${cluster}-kafka-bootstrap`, `${cluster}-kafka-brokers`].includes(service));
    if (broker !== undefined) return strimzi.get(broker)?.broker;
    const doc = docsOfKind(model, 'v1', 'Service').find((s) => nameOf(s) === service);
    const target = deployments.find((d) => doc !== undefined && selects(stringMap(at(doc.obj, 'spec', 'selector')), podLabels(d)));
    if (target !== undefined) return podOf.get(target);
    problems.push(`${what}: ${host} is neither a Service of deploy/ nor a Strimzi address in ${namespace}`);
    return undefined;
  };

  /** The pod and container port behind a Service port (by number or name) of the Service `host` names. */
  const behindService = (host: string, servicePort: number | string, what: string): { pod: Endpoint; port: number } | undefined => {
    const service = docsOfKind(model, 'v1', 'Service').find((s) => nameOf(s) === host.split('.')[0]);
    const port = arrayAt(service?.obj, 'spec', 'ports').filter(isRecord).find((p) => p['port'] === servicePort || p['name'] === servicePort);
    const pod = resolve(host, what);
    const targetPort = port?.['targetPort'] ?? servicePort;
    const number = typeof targetPort === 'string' ? pod?.ports[targetPort] : Number(targetPort);
    return pod === undefined || number === undefined ? undefined : { pod, port: number };
  };

  const flows: Flow[] = [];
  const add = (why: string, from: Endpoint, to: Endpoint | undefined, port: number, protocol: 'TCP' | 'UDP' = 'TCP') => {
    if (to !== undefined) flows.push({ why, from, to, port, protocol });
  };
  for (const pod of [...platformPods, ...strimziPods]) {
    add('DNS', pod, CLUSTER_COMPONENTS.dns, 53, 'UDP');
    add('DNS', pod, CLUSTER_COMPONENTS.dns, 53, 'TCP');
  }
  for (const [doc, pod] of podOf) {
    for (const container of containersOf(doc)) {
      const app = String(container['name']);
      const env = containerEnv(sources, container, pod.name).env;
      const named = (variable: string, targets: { host: string; port: number }[]) => {
        for (const { host, port } of targets) add(`${app} ${variable}`, pod, resolve(host, `${pod.name} ${variable}`), port);
      };
      named('KAFKA_BROKERS', hostPorts(env.get('KAFKA_BROKERS') ?? '', 9092));
      named('MONGO_URL', mongoHosts(env.get('MONGO_URL') ?? ''));
      for (const variable of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'AUTH_JWKS_URL']) {
        const target = urlHostPort(env.get(variable) ?? '');
        if (target !== undefined) named(variable, [target]);
      }
      for (const variable of [...env.keys()].filter((name) => name.endsWith('_SMTP_URL'))) {
        const relay = smtpHostPort(env.get(variable) ?? '');
        if (relay !== undefined) named(variable, [relay]);
      }
      const list = ENV_CONTRACTS[app]?.subgraphList;
      for (const subgraph of list === undefined ? [] : parseSubgraphs(env.get(list) ?? '').subgraphs) {
        const backend = behindService(subgraph.host, subgraph.port, `${pod.name} ${list ?? ''}`);
        if (backend !== undefined) add(`gateway subgraph ${subgraph.name}`, pod, backend.pod, backend.port);
      }
    }
    const entry = model.services.find((service) => service.name === nameOf(doc) && !service.subgraph);
    if (entry !== undefined && pod.ports['http'] !== undefined) add('ingress to the gateway', CLUSTER_COMPONENTS.ingress, pod, pod.ports['http']);
    const annotations = stringMap(at(doc.obj, 'spec', 'template', 'metadata', 'annotations'));
    if (annotations['prometheus.io/scrape'] === 'true') add('Prometheus scrape', CLUSTER_COMPONENTS.prometheus, pod, Number(annotations['prometheus.io/port']));
    const https = annotations['itsm.io/outbound-https'];
    if (https !== undefined && https !== '') add(`${pod.name} outbound HTTPS`, pod, outside(https), 443);
  }
  for (const { ingress, path, service, port } of ingressBackends(model)) {
    const backend = behindService(service, port, `Ingress/${nameOf(ingress)} ${path}`);
    if (backend !== undefined) add(`ingress ${path} to ${service}`, CLUSTER_COMPONENTS.ingress, backend.pod, backend.port);
  }
  for (const so of docsOfKind(model, 'keda.sh/v1alpha1', 'ScaledObject')) {
    for (const trigger of arrayAt(so.obj, 'spec', 'triggers').filter(isRecord).filter((t) => t['type'] === 'kafka')) {
      for (const { host, port } of hostPorts(stringAt(trigger, 'metadata', 'bootstrapServers') ?? '', 9092)) {
        add(`KEDA lag of ScaledObject/${nameOf(so)}`, CLUSTER_COMPONENTS.keda, resolve(host, `ScaledObject/${nameOf(so)}`), port);
      }
    }
  }
  for (const [cluster, { broker, operator }] of strimzi) {
    add(`${cluster} replication`, broker, broker, 9091);
    add(`${cluster} controller quorum`, broker, broker, 9090);
    add(`${cluster} entity operator admin`, operator, broker, 9091);
    add(`${cluster} entity operator watches the API`, operator, CLUSTER_COMPONENTS.kubeApi, 443);
    add(`${cluster} cluster operator`, CLUSTER_COMPONENTS.strimziOperator, broker, 9090);
    add(`${cluster} cluster operator`, CLUSTER_COMPONENTS.strimziOperator, broker, 9091);
  }
  return { namespace, pods: [...platformPods, ...strimziPods], platformPods, flows, problems };
}
