import { AuthEnv } from '@itsm/platform/auth';
import { ConfigError, envSchema, httpEnv, loadConfig } from '@itsm/platform/config';
import { GatewayEnv, toGatewaySettings } from './gateway-env';

const schema = envSchema(httpEnv(4000), AuthEnv, GatewayEnv);
const load = (env: Record<string, string>) => loadConfig(schema, { AUTH_DEV_KEY_FILE: 'k.json', ...env });

describe('toGatewaySettings', () => {
  it('reads the subgraphs and the default limits', () => {
    const settings = toGatewaySettings(load({ GATEWAY_SUBGRAPHS: 'incident=http://incident:4101/graphql, sla=https://sla.example/graphql' }));
    expect(settings).toEqual({
      subgraphs: [
        { name: 'incident', url: 'http://incident:4101/graphql' },
        { name: 'sla', url: 'https://sla.example/graphql' },
      ],
      auth: { source: { kind: 'dev-key', file: 'k.json' }, issuer: 'itsm', audience: 'itsm-api' },
      limits: { maxDepth: 10, maxCost: 5000, maxAliases: 10 },
      nodeEnv: 'development',
    });
  });

  it('reads the limits', () => {
    const env = load({ GATEWAY_SUBGRAPHS: 'a=http://a/graphql', GATEWAY_MAX_DEPTH: '6', GATEWAY_MAX_COST: '900', GATEWAY_MAX_ALIASES: '0' });
    expect(toGatewaySettings(env).limits).toEqual({ maxDepth: 6, maxCost: 900, maxAliases: 0 });
  });

  it('requires well-formed, uniquely named subgraphs', () => {
    expect(() => load({})).toThrow(/GATEWAY_SUBGRAPHS is required/);
    expect(() => load({ GATEWAY_SUBGRAPHS: 'incident:4101' })).toThrow(/name=http\(s\):\/\/host:port\/path/);
    expect(() => toGatewaySettings(load({ GATEWAY_SUBGRAPHS: 'a=http://a/graphql,a=http://b/graphql' }))).toThrow(/"a" twice/);
  });

  it('applies the auth rules of the environment', () => {
    expect(() => toGatewaySettings(load({ GATEWAY_SUBGRAPHS: 'a=http://a/graphql', NODE_ENV: 'production' }))).toThrow(ConfigError);
  });
});
