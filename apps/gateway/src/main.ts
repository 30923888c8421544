import { createGatewayApp, GATEWAY_DEFAULT_PORT, GatewayEnv, toGatewaySettings } from '@itsm/gateway';
import type { GatewaySettings } from '@itsm/gateway';
import { AuthEnv } from '@itsm/platform/auth';
import { ConfigError, EX_CONFIG, envSchema, httpEnv, loadConfigOrExit, toHttpSettings } from '@itsm/platform/config';
import { PINO_LOGGER, PinoNestLogger } from '@itsm/platform/observability';
import { closeOnSignal } from '@itsm/platform/service';

const env = loadConfigOrExit(envSchema(httpEnv(GATEWAY_DEFAULT_PORT), AuthEnv, GatewayEnv));

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
  const app = await createGatewayApp(gatewaySettingsOrExit(), { port: http.port, host: '0.0.0.0', logLevel: http.logLevel, shutdownHooks: false });
  closeOnSignal('gateway app', () => app.close(), app.get(PINO_LOGGER));
  app.get(PinoNestLogger).log(`gateway listening on ${await app.getUrl()}/graphql`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
