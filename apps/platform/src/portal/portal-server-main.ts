import { Type } from '@sinclair/typebox';
import { envSchema, loadConfigOrExit } from '@itsm/platform/config';
import { resolve } from 'node:path';
import { PortalOidcEnv, toPortalOidc } from './portal-oidc-env';
import { startPortalServer } from './portal-server';

/** The portal's own container (microservices mode): `node dist/apps/platform/src/portal/portal-server-main.js`. */
const PortalServerEnv = Type.Object({
  PORT: Type.Integer({ minimum: 1, maximum: 65_535, default: 8080 }),
  PORTAL_WEB_DIR: Type.String({ default: 'dist/apps/portal/web', minLength: 1, maxLength: 1024 }),
  /** The gateway runs trusted documents only (GATEWAY_TRUSTED_DOCUMENTS): the portal sends operation ids. */
  PORTAL_TRUSTED_DOCUMENTS: Type.Boolean({ default: true }),
});

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
