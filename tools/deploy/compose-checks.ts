import type { CheckResult, DeployModel } from './deploy-model';
import { arrayAt, at, isRecord, recordAt, result, stringAt, stringMap } from './deploy-model';
import { ENV_CONTRACTS, envContractProblems } from './env-contract';
import { COMPOSE_TOPICS_SERVICE, composeScript } from './topic-checks';

/** A compose service's environment, from either the map or the `KEY=value` list form. */
export function composeEnv(service: unknown): Map<string, string> {
  const environment = at(service, 'environment');
  if (Array.isArray(environment)) {
    return new Map(environment.map(String).map((entry) => {
      const eq = entry.indexOf('=');
      return eq < 0 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)];
    }));
  }
  return new Map(Object.entries(stringMap(environment)));
}

/** `image: name:1.2.3` pinned to a version (not `latest`, not untagged). */
function pinned(image: string | undefined): boolean {
  const tag = image?.split('/').pop()?.split(':')[1];
  return tag !== undefined && tag !== 'latest' && /\d/.test(tag);
}

function hostsOf(value: string | undefined, pattern: RegExp): string[] {
  return (pattern.exec(value ?? '')?.[1] ?? '').split(',').filter((h) => h !== '').map((h) => h.split(':')[0] ?? '');
}

function infrastructureProblems(services: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(services)) {
    if (at(service, 'build') === undefined && !pinned(stringAt(service, 'image'))) problems.push(`compose ${name}: image must be pinned to a version`);
    if (name !== COMPOSE_TOPICS_SERVICE && at(service, 'healthcheck', 'test') === undefined) problems.push(`compose ${name}: has no healthcheck`);
  }
  const kafka = Object.entries(services).filter(([, s]) => /^apache\/kafka:/.test(stringAt(s, 'image') ?? '') && composeEnv(s).has('KAFKA_PROCESS_ROLES'));
  if (kafka.length !== 1) problems.push('compose: expected one apache/kafka broker service (KAFKA_PROCESS_ROLES set: KRaft)');
  for (const [name, service] of kafka) {
    const env = composeEnv(service);
    if (!/controller/.test(env.get('KAFKA_PROCESS_ROLES') ?? '')) problems.push(`compose ${name}: KRaft needs the controller role`);
    if (env.get('KAFKA_AUTO_CREATE_TOPICS_ENABLE') !== 'false') problems.push(`compose ${name}: KAFKA_AUTO_CREATE_TOPICS_ENABLE must be "false" (topics come from the contracts)`);
  }
  const mongo = Object.entries(services).filter(([, s]) => /^mongo:/.test(stringAt(s, 'image') ?? ''));
  if (mongo.length !== 1) problems.push('compose: expected one mongo service');
  for (const [name, service] of mongo) {
    if (!composeScript(service).includes('--replSet')) problems.push(`compose ${name}: mongod must run with --replSet`);
    if (!JSON.stringify(at(service, 'healthcheck', 'test') ?? '').includes('rs.initiate')) problems.push(`compose ${name}: the healthcheck must rs.initiate the replica set`);
  }
  return problems;
}

function dependsOn(service: unknown, target: string, condition: string, label: string): string[] {
  return at(service, 'depends_on', target, 'condition') === condition ? [] : [`${label}: must depend on ${target} with condition ${condition}`];
}

/** An app service builds the one Dockerfile with its declared name and port, and listens on that port. */
function buildProblems(service: unknown, app: { readonly name: string; readonly port: number }, label: string): string[] {
  const problems: string[] = [];
  const dockerfile = stringAt(service, 'build', 'dockerfile') ?? 'Dockerfile';
  if (stringAt(service, 'build', 'context') !== '.' || dockerfile !== 'Dockerfile') problems.push(`${label}: must build the one ./Dockerfile (build.context ".")`);
  const args = stringMap(at(service, 'build', 'args'));
  if (args['SERVICE'] !== app.name) problems.push(`${label}: build arg SERVICE must be ${app.name} (got ${args['SERVICE'] ?? 'unset'})`);
  if (args['PORT'] !== String(app.port)) problems.push(`${label}: build arg PORT must be ${app.name}'s declared port ${app.port} (got ${args['PORT'] ?? 'unset'})`);
  const port = composeEnv(service).get('PORT');
  if (port !== String(app.port)) problems.push(`${label}: PORT must be ${app.name}'s declared port ${app.port} (got ${port ?? 'unset'})`);
  if (!(stringAt(service, 'image') ?? '').startsWith(`itsm/${app.name}:`)) problems.push(`${label}: image must be itsm/${app.name}:<tag>`);
  return problems;
}

function appProblems(model: DeployModel, services: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const declared = new Set(model.services.map((app) => app.name));
  for (const [name, service] of Object.entries(services)) {
    if (at(service, 'build') !== undefined && !declared.has(name)) problems.push(`compose ${name}: builds an app that is not declared (apps/platform/src/contexts.ts, tools/deploy/deployables.ts)`);
  }
  for (const declaredApp of model.services) {
    const app = declaredApp.name;
    const service = services[app];
    const label = `compose ${app}`;
    if (service === undefined) {
      problems.push(`${label}: no service for app ${app}`);
      continue;
    }
    problems.push(...buildProblems(service, declaredApp, label));
    const env = composeEnv(service);
    if (env.has('KAFKA_BROKERS')) problems.push(...dependsOn(service, COMPOSE_TOPICS_SERVICE, 'service_completed_successfully', label));
    for (const host of hostsOf(env.get('KAFKA_BROKERS'), /^(.*)$/)) problems.push(...dependsOn(service, host, 'service_healthy', label));
    const mongoUrl = env.get('MONGO_URL');
    for (const host of hostsOf(mongoUrl, /^mongodb:\/\/(?:[^@/]*@)?([^/?]+)/)) problems.push(...dependsOn(service, host, 'service_healthy', label));
    if (mongoUrl !== undefined && !/[?&]replicaSet=/.test(mongoUrl)) problems.push(`${label}: MONGO_URL must name the replicaSet`);
  }
  const gatewayPorts = arrayAt(services['gateway'], 'ports').map((p) => (isRecord(p) ? `${String(p['published'])}:${String(p['target'])}` : String(p)));
  if (!gatewayPorts.includes('4000:4000')) problems.push('compose gateway: must publish 4000:4000');
  return problems;
}

/** Pinned images, KRaft Kafka without auto-creation, a MongoDB replica set, apps built and started in order. */
export function checkComposeServices(model: DeployModel): CheckResult {
  const services = recordAt(model.compose, 'services');
  return result('compose: pinned images, KRaft Kafka, MongoDB replica set, each declared app built from the one Dockerfile on its port, started in order', [
    ...infrastructureProblems(services),
    ...appProblems(model, services),
  ]);
}

/** Each app's compose environment against its contract, in development mode with the bind-mounted dev key. */
export function checkComposeEnv(model: DeployModel): CheckResult {
  const problems: string[] = [];
  const services = recordAt(model.compose, 'services');
  for (const app of Object.keys(ENV_CONTRACTS)) {
    const service = services[app];
    if (service === undefined) continue;
    const env = composeEnv(service);
    const label = `compose ${app}`;
    problems.push(...envContractProblems(app, env, label));
    if (env.get('NODE_ENV') !== 'development') problems.push(`${label}: NODE_ENV must be development (the dev key is refused in production)`);
    const keyFile = env.get('AUTH_DEV_KEY_FILE');
    const mounts = arrayAt(service, 'volumes').map(String);
    const keyDir = keyFile?.slice(0, keyFile.lastIndexOf('/'));
    if (keyFile === undefined || !mounts.includes(`./.itsm:${keyDir ?? ''}:ro`)) {
      problems.push(`${label}: AUTH_DEV_KEY_FILE must lie in ./.itsm bind-mounted read-only (./.itsm:${keyDir ?? '<dir>'}:ro)`);
    }
  }
  return result('compose env: every variable is read by its app, required ones are set, dev key bind-mounted', problems);
}
