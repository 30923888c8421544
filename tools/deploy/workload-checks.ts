import type { CheckResult, DeployModel, ManifestDoc } from './deploy-model';
import { arrayAt, at, docsOfKind, isRecord, nameOf, recordAt, result, selects, stringAt, stringMap, where } from './deploy-model';
import { ENV_CONTRACTS, PRODUCTION_FORBIDDEN, PRODUCTION_OFF, envContractProblems } from './env-contract';
import { minReplicas } from './autoscaling-checks';
import { containerEnv, containersOf, namedPort, podLabels, podSources } from './pod-env';

const deployments = (model: DeployModel) => docsOfKind(model, 'apps/v1', 'Deployment');
const label = (doc: ManifestDoc, container: Record<string, unknown>) => `${where(doc)} container ${String(container['name'])}`;

/** Readiness on /health/ready, liveness (and startup) on /health/live, on a named container port. */
export function checkProbes(model: DeployModel): CheckResult {
  const problems: string[] = [];
  const expected: Record<string, string> = { readinessProbe: '/health/ready', livenessProbe: '/health/live', startupProbe: '/health/live' };
  for (const doc of deployments(model)) {
    for (const container of containersOf(doc)) {
      for (const [probe, path] of Object.entries(expected)) {
        const get = at(container, probe, 'httpGet');
        if (get === undefined && probe === 'startupProbe' && at(container, probe) === undefined) continue;
        if (stringAt(get, 'path') !== path) problems.push(`${label(doc, container)}: ${probe} must be an httpGet of ${path}`);
        const port = at(get, 'port');
        if (typeof port !== 'string' || namedPort(container, port) === undefined) {
          problems.push(`${label(doc, container)}: ${probe} port must name a container port`);
        }
      }
    }
  }
  return result(`probes: ${deployments(model).length} Deployments probe /health/ready (readiness) and /health/live (liveness)`, problems);
}

/** At least 2 replicas (or an autoscaler's minimum of 2), bounded resources (the pod security check covers the rest). */
export function checkPodHardening(model: DeployModel): CheckResult {
  const problems: string[] = [];
  for (const doc of deployments(model)) {
    const replicas = minReplicas(model, doc);
    if (replicas === undefined || replicas < 2) problems.push(`${where(doc)}: replicas (or its autoscaler's minimum) must be set and >= 2`);
    for (const container of containersOf(doc)) {
      for (const bound of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          if (at(container, 'resources', bound, resource) === undefined) problems.push(`${label(doc, container)}: resources.${bound}.${resource} is not set`);
        }
      }
    }
  }
  return result('hardening: Deployments run >= 2 pods (their autoscaler\'s minimum), with requests and limits', problems);
}

/** Every container of every Deployment, with where it is and its resolved environment. */
function containerEnvs(model: DeployModel): { where: string; container: Record<string, unknown>; env: Map<string, string | undefined>; refProblems: string[] }[] {
  const sources = podSources(model);
  return deployments(model).flatMap((doc) => containersOf(doc).map((container) => {
    const where = label(doc, container);
    const { env, problems } = containerEnv(sources, container, where);
    return { where, container, env, refProblems: problems };
  }));
}

/** Each container's environment against its app's contract, production rules, and PORT = the http port. */
export function checkWorkloadEnv(model: DeployModel): CheckResult {
  const problems: string[] = [];
  for (const { where, container, env, refProblems } of containerEnvs(model)) {
    problems.push(...refProblems, ...envContractProblems(String(container['name']), env, where));
    if (env.get('NODE_ENV') !== 'production') problems.push(`${where}: NODE_ENV must be production`);
    for (const name of ENV_CONTRACTS[String(container['name'])]?.productionRequired ?? []) if (!env.has(name)) problems.push(`${where}: production needs ${name}`);
    for (const name of PRODUCTION_FORBIDDEN) if (env.has(name)) problems.push(`${where}: production must not set ${name}`);
    for (const name of PRODUCTION_OFF) if (env.has(name) && env.get(name) !== 'false') problems.push(`${where}: production must leave ${name} "false" (got ${env.get(name) ?? 'a Secret'})`);
    const port = namedPort(container, 'http');
    if (port === undefined || env.get('PORT') !== String(port)) problems.push(`${where}: PORT (${env.get('PORT') ?? 'unset'}) must equal the http containerPort (${String(port)})`);
  }
  return result('env: every variable a Deployment sets is read by its app, required ones are set, production rules hold', problems);
}

/** Service accounts and volume sources a pod names exist in deploy/ (or are made by Strimzi). */
export function checkPodReferences(model: DeployModel): CheckResult {
  const problems: string[] = [];
  const sources = podSources(model);
  const accounts = docsOfKind(model, 'v1', 'ServiceAccount').map(nameOf);
  for (const doc of deployments(model)) {
    const pod = recordAt(doc.obj, 'spec', 'template', 'spec');
    const account = stringAt(pod, 'serviceAccountName');
    if (account === undefined || !accounts.includes(account)) problems.push(`${where(doc)}: serviceAccountName ${account ?? '<unset>'} is not defined in deploy/`);
    for (const volume of arrayAt(pod, 'volumes').filter(isRecord)) {
      const secret = stringAt(volume, 'secret', 'secretName');
      const configMap = stringAt(volume, 'configMap', 'name');
      if (secret !== undefined && !sources.secrets.has(secret)) problems.push(`${where(doc)}: volume secret ${secret} is not defined`);
      if (configMap !== undefined && !sources.configMaps.has(configMap)) problems.push(`${where(doc)}: volume configMap ${configMap} is not defined`);
    }
    const volumes = arrayAt(pod, 'volumes').filter(isRecord).map((v) => v['name']);
    for (const container of containersOf(doc)) {
      for (const mount of arrayAt(container, 'volumeMounts').filter(isRecord)) {
        if (!volumes.includes(mount['name'])) problems.push(`${label(doc, container)}: mounts undeclared volume ${String(mount['name'])}`);
      }
    }
    if (!selects(stringMap(at(doc.obj, 'spec', 'selector', 'matchLabels')), podLabels(doc))) {
      problems.push(`${where(doc)}: spec.selector.matchLabels does not match the pod template labels`);
    }
  }
  return result('references: service accounts, volumes and selectors of every Deployment resolve', problems);
}

/** Every Service selects exactly one Deployment's pods and targets a port those pods name. */
export function checkServices(model: DeployModel): CheckResult {
  const problems: string[] = [];
  for (const service of docsOfKind(model, 'v1', 'Service')) {
    const selector = stringMap(at(service.obj, 'spec', 'selector'));
    const targets = deployments(model).filter((doc) => selects(selector, podLabels(doc)));
    if (targets.length !== 1) {
      problems.push(`${where(service)}: selector ${JSON.stringify(selector)} selects ${targets.length} Deployments`);
      continue;
    }
    const [target] = targets;
    for (const port of arrayAt(service.obj, 'spec', 'ports').filter(isRecord)) {
      const targetPort = port['targetPort'];
      const containers = target === undefined ? [] : containersOf(target);
      const found = typeof targetPort === 'string'
        ? containers.some((c) => namedPort(c, targetPort) !== undefined)
        : containers.some((c) => arrayAt(c, 'ports').filter(isRecord).some((p) => p['containerPort'] === (targetPort ?? port['port'])));
      if (!found) problems.push(`${where(service)}: targetPort ${String(targetPort)} is not a port of ${target === undefined ? '' : where(target)}`);
    }
  }
  return result('services: selectors match one Deployment and target its ports', problems);
}

/** Every Deployment has one PodDisruptionBudget that selects it and leaves a pod to evict. */
export function checkDisruptionBudgets(model: DeployModel): CheckResult {
  const problems: string[] = [];
  const budgets = docsOfKind(model, 'policy/v1', 'PodDisruptionBudget');
  for (const budget of budgets) {
    const selector = stringMap(at(budget.obj, 'spec', 'selector', 'matchLabels'));
    if (!deployments(model).some((doc) => selects(selector, podLabels(doc)))) problems.push(`${where(budget)}: selects no Deployment`);
  }
  for (const doc of deployments(model)) {
    const covering = budgets.filter((budget) => selects(stringMap(at(budget.obj, 'spec', 'selector', 'matchLabels')), podLabels(doc)));
    if (covering.length !== 1) problems.push(`${where(doc)}: covered by ${covering.length} PodDisruptionBudgets, expected 1`);
    const minAvailable = at(covering[0]?.obj, 'spec', 'minAvailable');
    const replicas = minReplicas(model, doc);
    if (typeof minAvailable === 'number' && typeof replicas === 'number' && minAvailable >= replicas) {
      problems.push(`${where(doc)}: minAvailable ${minAvailable} >= replicas ${replicas} blocks every node drain`);
    }
  }
  return result(`disruption budgets: one per Deployment (${budgets.length}), selectors match`, problems);
}

/** Every platform service's container exports its traces over OTLP under its own service name (the SDK's standard variables); a static web app runs no SDK. */
export function checkTelemetryEnv(model: DeployModel): CheckResult {
  const problems: string[] = [];
  for (const { where, container, env } of containerEnvs(model)) {
    if (ENV_CONTRACTS[String(container['name'])]?.telemetry === false) continue;
    if (env.get('OTEL_SERVICE_NAME') !== container['name']) problems.push(`${where}: OTEL_SERVICE_NAME (${env.get('OTEL_SERVICE_NAME') ?? 'unset'}) must be the app's name`);
    if (env.get('OTEL_TRACES_EXPORTER') !== 'otlp') problems.push(`${where}: OTEL_TRACES_EXPORTER must be otlp`);
    const endpoint = env.get('OTEL_EXPORTER_OTLP_ENDPOINT') ?? '';
    if (!URL.canParse(endpoint) || !/^https?:$/.test(new URL(endpoint).protocol)) problems.push(`${where}: OTEL_EXPORTER_OTLP_ENDPOINT (${endpoint || 'unset'}) must be the collector's http(s) URL`);
  }
  return result('telemetry: every app exports traces over OTLP to the collector under its own OTEL_SERVICE_NAME', problems);
}
