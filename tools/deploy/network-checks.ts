import type { CheckResult, DeployModel, ManifestDoc } from './deploy-model';
import { arrayAt, at, docsOfKind, isRecord, matchesSelector, nameOf, result, stringAt, where } from './deploy-model';
import type { Endpoint, Flow, NetworkModel } from './network-flows';
import { buildNetworkModel, CLUSTER_COMPONENTS } from './network-flows';

type Direction = 'Ingress' | 'Egress';

const policies = (model: DeployModel) => docsOfKind(model, 'networking.k8s.io/v1', 'NetworkPolicy');
const namespaceLabels = (namespace: string) => ({ 'kubernetes.io/metadata.name': namespace });
const rulesOf = (policy: ManifestDoc, direction: Direction) => arrayAt(policy.obj, 'spec', direction === 'Ingress' ? 'ingress' : 'egress').filter(isRecord);
const peersOf = (rule: Record<string, unknown>, direction: Direction) => arrayAt(rule, direction === 'Ingress' ? 'from' : 'to').filter(isRecord);

function policyTypes(policy: ManifestDoc): string[] {
  const declared = arrayAt(policy.obj, 'spec', 'policyTypes').map(String);
  if (declared.length > 0) return declared;
  return at(policy.obj, 'spec', 'egress') === undefined ? ['Ingress'] : ['Ingress', 'Egress'];
}

/** The policies that select a pod for one direction (a selected pod is isolated in that direction). */
function selecting(model: DeployModel, pod: Endpoint, direction: Direction): ManifestDoc[] {
  return policies(model).filter((policy) => stringAt(policy.obj, 'metadata', 'namespace') === pod.namespace
    && matchesSelector(at(policy.obj, 'spec', 'podSelector'), pod.labels) && policyTypes(policy).includes(direction));
}

function peerMatches(peer: Record<string, unknown>, policyNamespace: string, other: Endpoint): boolean {
  if (isRecord(peer['ipBlock'])) return other.namespace === undefined;
  if (other.namespace === undefined) return false;
  const namespaceOk = isRecord(peer['namespaceSelector']) ? matchesSelector(peer['namespaceSelector'], namespaceLabels(other.namespace)) : other.namespace === policyNamespace;
  return namespaceOk && (!isRecord(peer['podSelector']) || matchesSelector(peer['podSelector'], other.labels));
}

function portMatches(rule: Record<string, unknown>, flow: Flow): boolean {
  const ports = arrayAt(rule, 'ports').filter(isRecord);
  return ports.length === 0 || ports.some((entry) => {
    if ((entry['protocol'] ?? 'TCP') !== flow.protocol) return false;
    const port = entry['port'];
    const end = entry['endPort'];
    if (port === undefined) return true;
    if (typeof port === 'string') return flow.to.ports[port] === flow.port;
    return typeof end === 'number' ? flow.port >= Number(port) && flow.port <= end : port === flow.port;
  });
}

function ruleAllows(policy: ManifestDoc, rule: Record<string, unknown>, direction: Direction, flow: Flow): boolean {
  const peers = peersOf(rule, direction);
  const other = direction === 'Egress' ? flow.to : flow.from;
  const namespace = stringAt(policy.obj, 'metadata', 'namespace') ?? '';
  return (peers.length === 0 || peers.some((peer) => peerMatches(peer, namespace, other))) && portMatches(rule, flow);
}

/** Whether the policies of the namespace let the flow leave its source and enter its target. */
function allowed(model: DeployModel, network: NetworkModel, flow: Flow, direction: Direction): boolean {
  const pod = direction === 'Egress' ? flow.from : flow.to;
  if (pod.namespace !== network.namespace) return true;
  const governing = selecting(model, pod, direction);
  return governing.length === 0 || governing.some((policy) => rulesOf(policy, direction).some((rule) => ruleAllows(policy, rule, direction, flow)));
}

const describe = (flow: Flow) => `${flow.why}: ${flow.from.name} -> ${flow.to.name} ${flow.protocol}/${flow.port}`;

/** A policy that selects every pod of the namespace and allows nothing, in both directions. */
export function checkDefaultDeny(model: DeployModel): CheckResult {
  const namespaces = docsOfKind(model, 'v1', 'Namespace').map(nameOf);
  const problems: string[] = [];
  for (const namespace of namespaces) {
    const denying = policies(model).filter((policy) => stringAt(policy.obj, 'metadata', 'namespace') === namespace
      && JSON.stringify(at(policy.obj, 'spec', 'podSelector')) === '{}'
      && ['Ingress', 'Egress'].every((type) => policyTypes(policy).includes(type))
      && rulesOf(policy, 'Ingress').length === 0 && rulesOf(policy, 'Egress').length === 0);
    if (denying.length === 0) problems.push(`namespace ${namespace}: no NetworkPolicy selects every pod (podSelector {}) and denies both Ingress and Egress`);
  }
  return result('network: a default-deny policy (ingress and egress) covers the namespace', problems);
}

/** Every flow the workloads need is allowed on both ends. */
export function checkNetworkFlows(model: DeployModel): CheckResult {
  const network = buildNetworkModel(model);
  const problems = [...network.problems];
  for (const flow of network.flows) {
    for (const direction of ['Egress', 'Ingress'] as const) {
      if (!allowed(model, network, flow, direction)) {
        const pod = direction === 'Egress' ? flow.from : flow.to;
        problems.push(`${describe(flow)} is not allowed by any ${direction.toLowerCase()} rule of the policies selecting ${pod.name}`);
      }
    }
  }
  return result(`network: the ${network.flows.length} flows the workloads need (DNS, Kafka, MongoDB, OTLP, identity provider, subgraphs, ingress, scraping, KEDA, Strimzi) are allowed`, problems);
}

/** A peer anyone matches: no peer list, an ipBlock of the whole address space, or every pod of every namespace. */
function unrestrictedPeer(peers: Record<string, unknown>[]): boolean {
  return peers.length === 0 || peers.some((peer) => {
    if (isRecord(peer['ipBlock'])) return /\/0$/.test(stringAt(peer, 'ipBlock', 'cidr') ?? '');
    const everyNamespace = isRecord(peer['namespaceSelector']) && matchesSelector(peer['namespaceSelector'], {});
    return everyNamespace && (!isRecord(peer['podSelector']) || matchesSelector(peer['podSelector'], {}));
  });
}

/**
 * Peers of a rule governing platform pods that admit more than the flows need: the whole address
 * space, or a known pod (of the namespace, the cluster's components, a flow's end) with no flow
 * through the rule.
 */
function excessPeers(network: NetworkModel, policy: ManifestDoc, rule: Record<string, unknown>, direction: Direction, selected: readonly Endpoint[]): string[] {
  const namespace = stringAt(policy.obj, 'metadata', 'namespace') ?? '';
  const known = [...new Set<Endpoint>([...network.pods, ...Object.values(CLUSTER_COMPONENTS), ...network.flows.flatMap((flow) => [flow.from, flow.to])])].filter((e) => e.namespace !== undefined);
  return peersOf(rule, direction).flatMap((peer) => {
    if (isRecord(peer['ipBlock'])) return /\/0$/.test(stringAt(peer, 'ipBlock', 'cidr') ?? '') ? [`ipBlock ${stringAt(peer, 'ipBlock', 'cidr') ?? ''} admits every address`] : [];
    return known.filter((other) => peerMatches(peer, namespace, other)).filter((other) => !network.flows.some((flow) =>
      (direction === 'Egress' ? flow.to === other && selected.includes(flow.from) : flow.from === other && selected.includes(flow.to)) && ruleAllows(policy, rule, direction, flow)))
      .map((other) => `admits ${other.name}, which needs no such flow`);
  });
}

/**
 * Nothing is wide open: no rule allows any peer on any port; every rule that governs a platform pod
 * names its ports, and every rule serves at least one needed flow (so a rule beyond the needs, such
 * as egress to the internet, fails); every policy selects a pod of the namespace.
 */
export function checkNetworkRules(model: DeployModel): CheckResult {
  const network = buildNetworkModel(model);
  const problems: string[] = [];
  for (const policy of policies(model)) {
    const selected = network.pods.filter((pod) => pod.namespace === stringAt(policy.obj, 'metadata', 'namespace') && matchesSelector(at(policy.obj, 'spec', 'podSelector'), pod.labels));
    if (selected.length === 0) problems.push(`${where(policy)}: selects no pod of the platform or its Kafka cluster`);
    const governsPlatform = selected.some((pod) => network.platformPods.includes(pod));
    for (const direction of ['Ingress', 'Egress'] as const) {
      rulesOf(policy, direction).forEach((rule, index) => {
        const label = `${where(policy)} ${direction.toLowerCase()}[${index}]`;
        const anyPort = arrayAt(rule, 'ports').length === 0;
        if (unrestrictedPeer(peersOf(rule, direction)) && anyPort) problems.push(`${label}: allows any peer on any port`);
        if (governsPlatform && anyPort) problems.push(`${label}: governs platform pods without naming its ports`);
        if (governsPlatform) problems.push(...excessPeers(network, policy, rule, direction, selected).map((excess) => `${label}: ${excess}`));
        const used = network.flows.some((flow) => selected.includes(direction === 'Egress' ? flow.from : flow.to) && ruleAllows(policy, rule, direction, flow));
        if (!used) problems.push(`${label}: allows no flow the workloads need`);
      });
    }
  }
  return result('network: no rule is wide open or beyond what the workloads need', problems);
}
