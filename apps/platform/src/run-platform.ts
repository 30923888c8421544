import { busLiveEvents, createGatewayApp, GATEWAY_DEFAULT_PORT, gatewayEdgeSettings, liveGroup } from '@itsm/gateway';
import { AuthEnv, DEFAULT_DEV_KEY_FILE, ensureDevKey, toAuthSettings } from '@itsm/platform/auth';
import { ConfigError, envSchema, httpEnv, KafkaEnv, loadConfigOrExit, MongoEnv, toHttpSettings } from '@itsm/platform/config';
import { createLogger, shutdownTracing } from '@itsm/platform/observability';
import { LocalMailSink } from '@itsm/platform/mail';
import { ALL_IN_ONE_SHUTDOWN_DEADLINE_MS, ALL_IN_ONE_STEP_TIMEOUT_MS, ShutdownSequence, shutdownOnSignal, startContexts } from '@itsm/platform/service';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { PLATFORM_CONTEXTS } from './contexts';
import { DEMO_SUPPLIER_ID, DemoSupplier, demoSupplierExchangeEnv } from './demo-supplier/demo-supplier';
import { PlatformEnv } from './platform-env';
import { assertPortalOidcVerifiable, PortalOidcEnv, toPortalOidc } from './portal/portal-oidc-env';
import { mountPortal } from './portal/serve-portal';

/**
 * The all-in-one mode (`npm start`): every context of PLATFORM_CONTEXTS and the gateway in ONE
 * process, sharing an in-process event bus (Kafka when KAFKA_BROKERS is set) and an embedded
 * MongoDB-wire server (MongoDB when MONGO_URL is set). Each context is still its own Nest app with
 * its own subgraph, served on a loopback port and federated by the gateway as in microservices mode.
 * SIGTERM/SIGINT stop it within ALL_IN_ONE_SHUTDOWN_DEADLINE_MS, whatever state its dependencies are in.
 * The embedded store persists in PLATFORM_DATA_DIR (`--reset` or PLATFORM_RESET=true: start empty);
 * mail goes to the local sink, written to PLATFORM_DATA_DIR/mail (PLATFORM_MAIL_SINK=false: to NOTIFICATION_SMTP_URL).
 * The spans still buffered are exported last. Started by main.ts once tracing runs.
 */
export async function runPlatform(): Promise<void> {
  const reset = resetRequested(process.argv.slice(2));
  const env = loadConfigOrExit(envSchema(httpEnv(GATEWAY_DEFAULT_PORT), KafkaEnv, MongoEnv, AuthEnv, PlatformEnv, PortalOidcEnv, ...PLATFORM_CONTEXTS.map((context) => context.env)));
  if ((reset || env.PLATFORM_RESET) && env.MONGO_URL !== undefined) {
    throw new ConfigError([{ variable: 'PLATFORM_RESET', message: '--reset / PLATFORM_RESET empties the embedded store only; with MONGO_URL set, drop its databases yourself' }]);
  }
  const http = toHttpSettings(env);
  const log = createLogger({ name: 'platform', level: http.logLevel });
  const portalOidc = toPortalOidc(env);
  assertPortalOidcVerifiable(portalOidc, env.AUTH_JWKS_URL);
  const devKey = env.AUTH_JWKS_URL === undefined ? (env.AUTH_DEV_KEY_FILE ?? DEFAULT_DEV_KEY_FILE) : undefined;
  const auth = toAuthSettings({ ...env, ...(devKey ? { AUTH_DEV_KEY_FILE: devKey } : {}) }, http.nodeEnv);
  if (devKey) await ensureDevKey(devKey);

  const shutdown = new ShutdownSequence({ deadlineMs: ALL_IN_ONE_SHUTDOWN_DEADLINE_MS, stepTimeoutMs: ALL_IN_ONE_STEP_TIMEOUT_MS, log });
  shutdownOnSignal(shutdown, { exit: (_signal, report) => process.exit(report.failed.length + report.abandoned.length === 0 ? 0 : 1) });
  shutdown.add('tracing', shutdownTracing);

  const dataDir = resolve(env.PLATFORM_DATA_DIR);
  const embedded = { dataDir, persistIntervalMs: env.PLATFORM_PERSIST_INTERVAL_MS, reset: reset || env.PLATFORM_RESET };
  if (env.MONGO_URL === undefined && env.KAFKA_BROKERS !== undefined) {
    log.warn({ dataDir }, 'KAFKA_BROKERS with the embedded store: a crash can leave Kafka ahead of the last snapshot; set MONGO_URL for crash consistency');
  }
  // Mail to a sink a person can read (any mail client opens the .eml files), not to a relay.
  const mail = env.PLATFORM_MAIL_SINK ? await LocalMailSink.start({ dir: join(dataDir, 'mail'), port: env.PLATFORM_MAIL_PORT, onError: (err) => log.warn({ err }, 'mail sink') }) : undefined;
  if (mail) shutdown.add('mail sink', () => mail.close());
  // The demo's Tailspin Hosting on a local receiver, unless switched off or pointed elsewhere (the supplier exchange's own variable).
  const contextsEnv: Readonly<Record<string, unknown>> = env;
  const supplier = env.PLATFORM_DEMO_SUPPLIER && contextsEnv['SUPPLIER_EXCHANGE_DEMO_WEBHOOK_URL'] === undefined ? await DemoSupplier.startUnlessBusy({ port: env.PLATFORM_DEMO_SUPPLIER_PORT, resolveAfterMs: env.PLATFORM_DEMO_SUPPLIER_RESOLVE_AFTER_MS, log }) : undefined;
  const contextEnv = { ...env, ...(mail ? { NOTIFICATION_SMTP_URL: mail.url } : {}), ...(supplier ? demoSupplierExchangeEnv(supplier) : {}) };
  const platform = await startContexts({ contexts: PLATFORM_CONTEXTS, env: contextEnv, auth, demo: env.PLATFORM_DEMO_DATA, embedded, host: { hostname: hostname() }, log, shutdown });
  if (supplier) {
    // Added after the contexts, so stopped before them: no reply is sent to an app already closing.
    shutdown.add('demo supplier', () => supplier.close());
    const exchange = platform.contexts.find((context) => context.name === 'supplier');
    if (exchange) supplier.connect(exchange.origin);
  }
  const gateway = await createGatewayApp(
    {
      subgraphs: platform.subgraphs,
      // The directory's /scim/v2 on this port too (in Kubernetes an ingress path routes it).
      forwards: platform.forwards,
      auth,
      nodeEnv: http.nodeEnv,
      ...gatewayEdgeSettings(env),
      // Subscriptions follow the contexts' changes on the shared bus, in the gateway's own group.
      liveEvents: busLiveEvents(platform.eventBus, liveGroup(), false),
    },
    {
      port: http.port,
      logLevel: http.logLevel,
      shutdownHooks: false,
      mount: (app) =>
        mountPortal(app, { webDir: resolve(env.PLATFORM_PORTAL_DIR), devKeyFile: devKey, audience: { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE }, trustedDocuments: env.GATEWAY_TRUSTED_DOCUMENTS !== undefined, oidc: portalOidc, log }),
    },
  );
  shutdown.add('gateway app', () => gateway.close());

  const url = `http://localhost:${http.port}/graphql`;
  const mailbox = mail ? `${mail.dir} (*.eml, any mail client opens them; SMTP ${mail.url})` : `NOTIFICATION_SMTP_URL`;
  log.info({ url, storage: platform.storage, ...(env.MONGO_URL === undefined ? { dataDir } : {}), bus: platform.bus, mail: mail?.dir ?? 'NOTIFICATION_SMTP_URL' }, 'ITSM platform ready');
  process.stdout.write(
    `\nITSM platform (all-in-one) ready\n  portal:  http://localhost:${http.port}/${devKey ? ' (sign in as a persona)' : ''}\n  GraphQL: ${url}\n  SCIM:    http://localhost:${http.port}/scim/v2 (token: the issueProvisioningToken mutation)\n  data:    ${env.MONGO_URL === undefined ? `${dataDir} (npm start -- --reset starts empty)` : 'MONGO_URL'}\n  mail:    ${mailbox}\n${supplier ? `  supplier: ${supplier.webhookUrl} (the demo's ${DEMO_SUPPLIER_ID}: acknowledges and resolves incidents assigned to Hosting Operations; watch the "demo supplier" log lines)\n` : ''}  token:   npm run -s token -- --role agent\n  try:     curl -s ${url} -H "authorization: Bearer $(npm run -s token -- --role agent)" -H 'content-type: application/json' -d '{"query":"{ incidents(first: 5) { edges { node { number title state priority } } } }"}'\n\n`,
  );
}

/** `npm start -- --reset`: the only argument the all-in-one takes. */
function resetRequested(args: readonly string[]): boolean {
  const unknown = args.filter((arg) => arg !== '--reset');
  if (unknown.length > 0) throw new ConfigError([{ variable: 'argv', message: `unknown argument ${unknown.join(' ')} (usage: npm start [-- --reset])` }]);
  return args.includes('--reset');
}
