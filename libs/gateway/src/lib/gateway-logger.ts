import type { GatewayConfig } from '@apollo/gateway';

/** The logger Apollo Gateway and Apollo Server accept (a pino logger fits). */
export type GatewayLogger = NonNullable<GatewayConfig['logger']>;
