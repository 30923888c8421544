import { envSchema, loadConfigOrExit } from '@itsm/platform/config';
import { resolve } from 'node:path';
import { PortalOidcEnv, toPortalOidc } from './portal-oidc-env';
import { PortalServerEnv } from './portal-server-env';
import { startPortalServer } from './portal-server';

/** The portal's own container (microservices mode): `node dist/apps/platform/src/portal/portal-server-main.js`. */
async function main(): Promise<void> {
  const env = loadConfigOrExit(envSchema(PortalServerEnv, PortalOidcEnv));
  const server = await startPortalServer({ webDir: resolve(env.PORTAL_WEB_DIR), trustedDocuments: env.PORTAL_TRUSTED_DOCUMENTS, oidc: toPortalOidc(env) }, env.PORT);
  process.stdout.write(`${JSON.stringify({ level: 30, msg: 'portal: listening', port: env.PORT })}\n`);
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
