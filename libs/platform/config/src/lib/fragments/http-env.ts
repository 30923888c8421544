import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
export type NodeEnv = 'development' | 'production' | 'test';

/** Each service has its own default port, so the fragment is built per service. */
export function httpEnv(defaultPort: number) {
  return Type.Object({
    PORT: Type.Integer({ minimum: 1, maximum: 65535, default: defaultPort }),
    LOG_LEVEL: Type.Union(
      [
        Type.Literal('fatal'),
        Type.Literal('error'),
        Type.Literal('warn'),
        Type.Literal('info'),
        Type.Literal('debug'),
        Type.Literal('trace'),
      ],
      { default: 'info' },
    ),
    NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], {
      default: 'development',
    }),
  });
}
export type HttpEnv = Static<ReturnType<typeof httpEnv>>;

export interface HttpSettings {
  readonly port: number;
  readonly logLevel: LogLevel;
  readonly nodeEnv: NodeEnv;
}

export function toHttpSettings(env: HttpEnv): HttpSettings {
  return { port: env.PORT, logLevel: env.LOG_LEVEL, nodeEnv: env.NODE_ENV };
}
