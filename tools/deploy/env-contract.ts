import { DEPLOYABLES, WEB_APPS } from './deployables';

/**
 * What each deployable app reads from its environment (its config schemas, through the
 * declarations in deployables.ts), so the validator can refuse a variable nobody reads (a typo
 * silently falls back to a default) and a missing required one.
 */
export interface EnvContract {
  readonly known: readonly string[];
  readonly required: readonly string[];
  /** Exactly one variable of each group must be set. */
  readonly exactlyOne: readonly (readonly string[])[];
  /** `name=url` subgraph lists to resolve against Services (the gateway). */
  readonly subgraphList?: string;
  /** Read by Node or a library rather than the app's config (the OpenTelemetry SDK's variables for a platform service). */
  readonly runtime: readonly string[];
  /** Production (Kubernetes) additionally needs these (a platform service verifies tokens against the identity provider). */
  readonly productionRequired: readonly string[];
  /** Exports traces over OTLP (a platform service; a static web app does not). */
  readonly telemetry: boolean;
}

const AUTH_KEY_SOURCE = ['AUTH_JWKS_URL', 'AUTH_DEV_KEY_FILE'] as const;

/**
 * The OpenTelemetry SDK's standard variables (the specification's SDK configuration, OTLP exporter
 * and batch span processor), read by the SDK in every app rather than by its config schema. Listed
 * by name, not by prefix, so a misspelt one is still refused.
 */
export const OTEL_STANDARD_ENV: readonly string[] = [
  'OTEL_SDK_DISABLED', 'OTEL_SERVICE_NAME', 'OTEL_RESOURCE_ATTRIBUTES', 'OTEL_LOG_LEVEL', 'OTEL_PROPAGATORS',
  'OTEL_TRACES_SAMPLER', 'OTEL_TRACES_SAMPLER_ARG', 'OTEL_TRACES_EXPORTER', 'OTEL_METRICS_EXPORTER', 'OTEL_LOGS_EXPORTER',
  'OTEL_NODE_RESOURCE_DETECTORS', 'OTEL_NODE_ENABLED_INSTRUMENTATIONS', 'OTEL_NODE_DISABLED_INSTRUMENTATIONS',
  'OTEL_BSP_SCHEDULE_DELAY', 'OTEL_BSP_EXPORT_TIMEOUT', 'OTEL_BSP_MAX_QUEUE_SIZE', 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE',
  'OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT', 'OTEL_ATTRIBUTE_COUNT_LIMIT', 'OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT',
  'OTEL_SPAN_EVENT_COUNT_LIMIT', 'OTEL_SPAN_LINK_COUNT_LIMIT',
  ...['', 'TRACES_'].flatMap((signal) =>
    ['ENDPOINT', 'PROTOCOL', 'HEADERS', 'TIMEOUT', 'COMPRESSION', 'CERTIFICATE', 'CLIENT_KEY', 'CLIENT_CERTIFICATE'].map((name) => `OTEL_EXPORTER_OTLP_${signal}${name}`),
  ),
];

/** Read by Node itself or the OpenTelemetry SDK, not by the apps' config (the Kafka listener's CA in Kubernetes). */
export const NODE_RUNTIME_ENV: readonly string[] = ['NODE_EXTRA_CA_CERTS', ...OTEL_STANDARD_ENV];

/** Production (Kubernetes) additionally verifies tokens against the identity provider only. */
export const PRODUCTION_REQUIRED: readonly string[] = ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE'];
/** Local development only: the dev signing key, the all-in-one's demo webhook receiver. */
export const PRODUCTION_FORBIDDEN: readonly string[] = ['AUTH_DEV_KEY_FILE', 'SUPPLIER_EXCHANGE_DEMO_WEBHOOK_URL'];
/** Switches production must leave off when set (a supplier webhook on a private address would let a connection reach into the cluster). */
export const PRODUCTION_OFF: readonly string[] = ['SUPPLIER_EXCHANGE_ALLOW_PRIVATE_TARGETS'];

/** A static web app's image sets NODE_ENV (Node and its libraries read it); it runs no OpenTelemetry SDK. */
export const WEB_RUNTIME_ENV: readonly string[] = ['NODE_ENV'];

export const ENV_CONTRACTS: Readonly<Record<string, EnvContract>> = Object.fromEntries([
  ...DEPLOYABLES.map((app): [string, EnvContract] => [app.name, {
    known: app.known, required: app.required, exactlyOne: [AUTH_KEY_SOURCE], runtime: NODE_RUNTIME_ENV, productionRequired: PRODUCTION_REQUIRED, telemetry: true,
    ...(app.subgraphList ? { subgraphList: app.subgraphList } : {}),
  }]),
  ...WEB_APPS.map((app): [string, EnvContract] => [app.name, { known: app.known, required: app.required, exactlyOne: [], runtime: WEB_RUNTIME_ENV, productionRequired: [], telemetry: false }]),
]);

/** The variables one environment sets: name -> value (undefined when it comes from an external Secret). */
export type EnvSet = ReadonlyMap<string, string | undefined>;

/** Problems of one app's environment against its contract (unknown, missing, ambiguous). */
export function envContractProblems(app: string, env: EnvSet, label: string): string[] {
  const contract = ENV_CONTRACTS[app];
  if (contract === undefined) return [`${label}: no environment contract for app "${app}" (tools/deploy/env-contract.ts)`];
  const problems: string[] = [];
  for (const name of env.keys()) {
    if (!contract.known.includes(name) && !contract.runtime.includes(name)) {
      problems.push(`${label}: ${name} is not read by ${app}`);
    }
  }
  for (const name of contract.required) if (!env.has(name)) problems.push(`${label}: required ${name} is not set`);
  for (const group of contract.exactlyOne) {
    const set = group.filter((name) => env.has(name));
    if (set.length !== 1) problems.push(`${label}: exactly one of ${group.join(', ')} must be set (got ${set.length})`);
  }
  if (env.has('KAFKA_SASL_MECHANISM')) {
    for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']) {
      if (!env.has(name)) problems.push(`${label}: KAFKA_SASL_MECHANISM needs ${name}`);
    }
  }
  return problems;
}

/** `incident=http://incident:4101/graphql,...` -> [{ name, host, port }]; malformed entries are problems. */
export function parseSubgraphs(value: string): { subgraphs: { name: string; host: string; port: number }[]; problems: string[] } {
  const subgraphs: { name: string; host: string; port: number }[] = [];
  const problems: string[] = [];
  for (const entry of value.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const match = /^([A-Za-z][A-Za-z0-9_-]*)=(https?:\/\/.+)$/.exec(entry);
    const url = match?.[2] !== undefined && URL.canParse(match[2]) ? new URL(match[2]) : undefined;
    if (match?.[1] === undefined || url === undefined) {
      problems.push(`subgraph entry "${entry}" is not name=url`);
      continue;
    }
    const port = url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    subgraphs.push({ name: match[1], host: url.hostname, port });
  }
  return { subgraphs, problems };
}
