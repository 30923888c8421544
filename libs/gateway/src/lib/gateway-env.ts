import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { ROLES, toAuthSettings } from '@itsm/platform/auth';
import type { AuthEnv, AuthSettings } from '@itsm/platform/auth';
import { CommaList, ConfigError } from '@itsm/platform/config';
import type { HttpEnv, NodeEnv } from '@itsm/platform/config';
import type { HttpForward } from '@itsm/platform/service';
import { loadTrustedDocuments } from './trusted-documents';
import type { TrustedDocuments } from './trusted-documents';
import type { LiveEventSource } from './live/live-events';

const SUBGRAPH = '^[A-Za-z][A-Za-z0-9_-]*=https?://[^\\s,]+$';

export const GatewayEnv = Type.Object({
  /** `name=url` per subgraph, e.g. `incident=http://incident:4101/graphql`. */
  GATEWAY_SUBGRAPHS: CommaList(Type.String({ pattern: SUBGRAPH, expected: 'name=http(s)://host:port/path' })),
  GATEWAY_MAX_DEPTH: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  GATEWAY_MAX_COST: Type.Integer({ minimum: 1, default: 5000 }),
  GATEWAY_MAX_ALIASES: Type.Integer({ minimum: 0, maximum: 1000, default: 10 }),
  /**
   * A trusted documents manifest (Apollo persisted query manifest, or `{ "<sha256>": "<document>" }`):
   * when set, the gateway executes only the operations it registers, sent by id.
   */
  GATEWAY_TRUSTED_DOCUMENTS: Type.Optional(Type.String({ minLength: 1, expected: 'path of a JSON manifest' })),
  /** With trusted documents on: roles that may still send ad-hoc operations (e.g. admin,integration). */
  GATEWAY_AD_HOC_ROLES: Type.Optional(CommaList(Type.Union(ROLES.map((role) => Type.Literal(role))))),
});
export type GatewayEnv = Static<typeof GatewayEnv>;

export interface SubgraphEndpoint {
  readonly name: string;
  readonly url: string;
}

/** Validation limits every operation must pass before any subgraph is called. */
export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxCost: number;
  readonly maxAliases: number;
}

export interface GatewaySettings {
  readonly subgraphs: readonly SubgraphEndpoint[];
  readonly auth: AuthSettings;
  readonly limits: QueryLimits;
  /** 'production' turns introspection and stack traces off. */
  readonly nodeEnv: NodeEnv;
  /**
   * How long the gateway's start waits for the first supergraph (default 5 000 ms). After that it
   * serves, not ready, and keeps composing in the background; 0 never waits (all-in-one mode,
   * where the subgraphs answer on the same server once it listens).
   */
  readonly composeTimeoutMs?: number;
  /** Re-introspects the subgraphs this often to pick up schema changes (default 30 000 ms; 0 = never). */
  readonly pollIntervalMs?: number;
  /** Upper bound of one subgraph HTTP call (default 10 000 ms). */
  readonly subgraphTimeoutMs?: number;
  /** Contexts' routes served on the gateway's port too (the all-in-one's /scim/v2); none by default. */
  readonly forwards?: readonly HttpForward[];
  /** Upper bound until a forwarded route's answer starts, and of silence after (default 30 000 ms). */
  readonly forwardTimeoutMs?: number;
  /** When set, only these operations run (by id), except for callers with an ad-hoc role. */
  readonly trustedDocuments?: TrustedDocuments;
  /** The changes subscriptions follow; without it every subscription answers GATEWAY.SUBSCRIPTIONS_UNAVAILABLE. */
  readonly liveEvents?: LiveEventSource;
}

export function parseSubgraphs(entries: readonly string[]): SubgraphEndpoint[] {
  const subgraphs = entries.map((entry) => {
    const at = entry.indexOf('=');
    return { name: entry.slice(0, at), url: entry.slice(at + 1) };
  });
  const seen = new Set<string>();
  for (const { name } of subgraphs) {
    if (seen.has(name)) {
      throw new ConfigError([{ variable: 'GATEWAY_SUBGRAPHS', message: `GATEWAY_SUBGRAPHS names the subgraph "${name}" twice` }]);
    }
    seen.add(name);
  }
  return subgraphs;
}

/** The settings every gateway reads from GatewayEnv whatever its subgraphs: limits and trusted documents. */
export function gatewayEdgeSettings(env: Omit<GatewayEnv, 'GATEWAY_SUBGRAPHS'>): Pick<GatewaySettings, 'limits' | 'trustedDocuments'> {
  return {
    limits: { maxDepth: env.GATEWAY_MAX_DEPTH, maxCost: env.GATEWAY_MAX_COST, maxAliases: env.GATEWAY_MAX_ALIASES },
    ...(env.GATEWAY_TRUSTED_DOCUMENTS
      ? { trustedDocuments: { documents: loadTrustedDocuments(env.GATEWAY_TRUSTED_DOCUMENTS), adHocRoles: env.GATEWAY_AD_HOC_ROLES ?? [] } }
      : {}),
  };
}

export function toGatewaySettings(env: GatewayEnv & AuthEnv & Pick<HttpEnv, 'NODE_ENV'>): GatewaySettings {
  return {
    subgraphs: parseSubgraphs(env.GATEWAY_SUBGRAPHS),
    auth: toAuthSettings(env, env.NODE_ENV),
    nodeEnv: env.NODE_ENV,
    ...gatewayEdgeSettings(env),
  };
}
