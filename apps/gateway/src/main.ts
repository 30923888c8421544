import { createGatewayApp, GatewayEnv, toGatewaySettings } from '@itsm/gateway';
import type { GatewaySettings } from '@itsm/gateway';
import { AuthEnv } from '@itsm/platform/auth';
import { ConfigError, EX_CONFIG, envSchema, httpEnv, loadConfigOrExit, toHttpSettings } from '@itsm/platform/config';
import { PinoNestLogger } from '@itsm/platform/observability';

const env = loadConfigOrExit(envSchema(httpEnv(4000), AuthEnv, GatewayEnv));

function gatewaySettingsOrExit(): GatewaySettings {
  try {
    return toGatewaySettings(env);
  } catch (error: unknown) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return process.exit(EX_CONFIG);
  }
}

async function bootstrap(): Promise<void> {
  const http = toHttpSettings(env);
  const app = await createGatewayApp(gatewaySettingsOrExit(), { port: http.port, host: '0.0.0.0', logLevel: http.logLevel });
  app.get(PinoNestLogger).log(`gateway listening on ${await app.getUrl()}/graphql`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
