import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { ConfigError } from '../config.errors';
import { Secret } from '../env-schema';

export const MongoEnv = Type.Object({
  /** Unset: the embedded MongoDB-wire server is used. Secret because URLs usually carry credentials. */
  MONGO_URL: Type.Optional(
    Secret(Type.String({ pattern: '^mongodb(\\+srv)?://.+', expected: 'a URL starting with mongodb:// or mongodb+srv://' })),
  ),
  /** Each service's database is `<prefix>-<service>`. */
  MONGO_DB_PREFIX: Type.String({ default: 'itsm', pattern: '^[A-Za-z0-9_-]+$', expected: 'letters, digits, _ or -' }),
  /** Tests only: append the shape of every query and each context's declared indexes to this file (the integration tier's index check). */
  MONGO_QUERY_SHAPES_FILE: Type.Optional(Type.String({ minLength: 1, expected: 'a file path' })),
});
export type MongoEnv = Static<typeof MongoEnv>;

/** Where a process's contexts keep their data: one database per context, `<dbPrefix>_<context>`. */
export interface MongoSettings {
  readonly url: string;
  readonly dbPrefix: string;
  /** Where the index check's query shapes go (tests only); unset: queries are not monitored. */
  readonly queryShapesFile?: string;
}

/** `fallbackUrl`: the all-in-one's embedded server, used when MONGO_URL is unset. */
export function toMongoSettings(env: MongoEnv, fallbackUrl?: string): MongoSettings {
  const url = env.MONGO_URL ?? fallbackUrl;
  if (url === undefined) throw new ConfigError([{ variable: 'MONGO_URL', message: 'MONGO_URL is required' }]);
  return { url, dbPrefix: env.MONGO_DB_PREFIX, ...(env.MONGO_QUERY_SHAPES_FILE === undefined ? {} : { queryShapesFile: env.MONGO_QUERY_SHAPES_FILE }) };
}
