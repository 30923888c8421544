import { GATEWAY_DEFAULT_PORT, GatewayEnv } from '@itsm/gateway';
import { AuthEnv } from '@itsm/platform/auth';
import { httpEnv, OtelEnv } from '@itsm/platform/config';
import { MICROSERVICE_REQUIRED_ENV, SERVICE_ENV_FRAGMENTS } from '@itsm/platform/service';
import { PLATFORM_CONTEXTS } from '../../apps/platform/src/contexts';
import { keys, requiredKeys } from './config-keys';

/**
 * One deployable app: each context of the platform (its declaration: name, default port, env
 * fragment, the kit's fragments) and the gateway. The compose services, Kubernetes workloads,
 * image build arguments and the gateway's subgraph lists are checked against this list, so adding a
 * context to apps/platform/src/contexts.ts is what makes the validator ask for its deployment.
 */
export interface Deployable {
  readonly name: string;
  readonly port: number;
  /** Every variable the app reads. */
  readonly known: readonly string[];
  /** Variables it refuses to start without (beyond the auth key source). */
  readonly required: readonly string[];
  /** Serves a subgraph the gateway federates. */
  readonly subgraph: boolean;
  /** `name=url` subgraph lists to resolve against Services (the gateway). */
  readonly subgraphList?: string;
}

export const DEPLOYABLES: readonly Deployable[] = [
  ...PLATFORM_CONTEXTS.map((context) => ({
    name: context.name,
    port: context.defaultPort,
    known: [...keys(httpEnv(context.defaultPort)), ...SERVICE_ENV_FRAGMENTS.flatMap(keys), ...keys(context.env), ...keys(OtelEnv)],
    // The kit's runService requires Kafka and MongoDB (the fragments leave them optional for `npm start`).
    required: [...requiredKeys(context.env), ...MICROSERVICE_REQUIRED_ENV],
    subgraph: true,
  })),
  {
    name: 'gateway',
    port: GATEWAY_DEFAULT_PORT,
    known: [...keys(httpEnv(GATEWAY_DEFAULT_PORT)), ...keys(GatewayEnv), ...keys(AuthEnv), ...keys(OtelEnv)],
    required: requiredKeys(GatewayEnv),
    subgraph: false,
    subgraphList: 'GATEWAY_SUBGRAPHS',
  },
];
