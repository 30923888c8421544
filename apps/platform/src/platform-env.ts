import { Type } from '@sinclair/typebox';
import { GatewayEnv } from '@itsm/gateway';

/** All-in-one settings: the gateway's limits (its subgraphs are this process's own) and the demo data switch. */
export const PlatformEnv = Type.Composite([
  Type.Omit(GatewayEnv, ['GATEWAY_SUBGRAPHS']),
  Type.Object({
    /** Load demo organisations, groups and incidents on first start (skipped when incidents exist). */
    PLATFORM_DEMO_DATA: Type.Boolean({ default: true }),
  }),
]);
