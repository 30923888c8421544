import type { CheckResult, DeployModel, ManifestDoc } from './deploy-model';
import { arrayAt, at, docsOfKind, isRecord, matchesSelector, recordAt, result, stringMap, where } from './deploy-model';
import { podLabels } from './pod-env';

const deployments = (model: DeployModel) => docsOfKind(model, 'apps/v1', 'Deployment');

/** Volume sources the restricted level allows (Pod Security Standards). */
const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const SECCOMP_ALLOWED = ['RuntimeDefault', 'Localhost'];

function allContainers(pod: Record<string, unknown>): Record<string, unknown>[] {
  return ['initContainers', 'containers', 'ephemeralContainers'].flatMap((field) => arrayAt(pod, field).filter(isRecord));
}

/** The restricted Pod Security Standard for one pod template (pod and container settings). */
function restrictedProblems(doc: ManifestDoc): string[] {
  const pod = recordAt(doc.obj, 'spec', 'template', 'spec');
  const podSecurity = recordAt(pod, 'securityContext');
  const problems: string[] = [];
  const at_ = where(doc);
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) if (pod[field] === true) problems.push(`${at_}: ${field} is not allowed`);
  for (const volume of arrayAt(pod, 'volumes').filter(isRecord)) {
    const source = Object.keys(volume).filter((key) => key !== 'name');
    if (!source.every((key) => RESTRICTED_VOLUMES.includes(key))) problems.push(`${at_}: volume ${String(volume['name'])} uses ${source.join(', ')}, not a restricted volume type`);
  }
  if (podSecurity['runAsUser'] === 0) problems.push(`${at_}: pod runAsUser 0 (root)`);
  for (const container of allContainers(pod)) {
    const label = `${at_} container ${String(container['name'])}`;
    const security = recordAt(container, 'securityContext');
    const setting = (key: string): unknown => security[key] ?? podSecurity[key];
    if (setting('runAsNonRoot') !== true) problems.push(`${label}: runAsNonRoot must be true (pod or container)`);
    if (security['runAsUser'] === 0) problems.push(`${label}: runAsUser 0 (root)`);
    const seccomp = at(security, 'seccompProfile', 'type') ?? at(podSecurity, 'seccompProfile', 'type');
    if (typeof seccomp !== 'string' || !SECCOMP_ALLOWED.includes(seccomp)) problems.push(`${label}: seccompProfile.type must be RuntimeDefault (got ${String(seccomp)})`);
    if (security['privileged'] === true) problems.push(`${label}: privileged is not allowed`);
    if (security['allowPrivilegeEscalation'] !== false) problems.push(`${label}: allowPrivilegeEscalation must be false`);
    if (!arrayAt(security, 'capabilities', 'drop').includes('ALL')) problems.push(`${label}: capabilities must drop ALL`);
    const added = arrayAt(security, 'capabilities', 'add').filter((cap) => cap !== 'NET_BIND_SERVICE');
    if (added.length > 0) problems.push(`${label}: capabilities add ${added.join(', ')} (only NET_BIND_SERVICE is allowed)`);
    if (security['readOnlyRootFilesystem'] !== true) problems.push(`${label}: readOnlyRootFilesystem must be true`);
    if (arrayAt(container, 'ports').filter(isRecord).some((port) => port['hostPort'] !== undefined)) problems.push(`${label}: hostPort is not allowed`);
  }
  return problems;
}

/** The namespace enforces Pod Security "restricted" and every pod template meets it. */
export function checkRestrictedPodSecurity(model: DeployModel): CheckResult {
  const problems: string[] = [];
  for (const namespace of docsOfKind(model, 'v1', 'Namespace')) {
    const labels = stringMap(at(namespace.obj, 'metadata', 'labels'));
    if (labels['pod-security.kubernetes.io/enforce'] !== 'restricted') problems.push(`${where(namespace)}: pod-security.kubernetes.io/enforce must be restricted`);
  }
  for (const doc of deployments(model)) problems.push(...restrictedProblems(doc));
  return result('pod security: the namespace enforces "restricted" and every pod meets it', problems);
}

/** Every Deployment spreads its own pods across zones and across nodes. */
export function checkTopologySpread(model: DeployModel): CheckResult {
  const problems: string[] = [];
  for (const doc of deployments(model)) {
    const constraints = arrayAt(doc.obj, 'spec', 'template', 'spec', 'topologySpreadConstraints').filter(isRecord);
    for (const key of ['topology.kubernetes.io/zone', 'kubernetes.io/hostname']) {
      const own = constraints.filter((c) => c['topologyKey'] === key && isRecord(c['labelSelector']) && matchesSelector(c['labelSelector'], podLabels(doc))
        && Object.keys(stringMap(at(c, 'labelSelector', 'matchLabels'))).length + arrayAt(c, 'labelSelector', 'matchExpressions').length > 0);
      if (own.length === 0) problems.push(`${where(doc)}: no topology spread constraint on ${key} selecting its own pods`);
      for (const constraint of own) if (constraint['maxSkew'] !== 1) problems.push(`${where(doc)}: the ${key} spread must have maxSkew 1`);
    }
  }
  return result('topology: every Deployment spreads its pods across zones and nodes', problems);
}
