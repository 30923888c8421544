import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { Secret } from '../env-schema';

export const MongoEnv = Type.Object({
  /** Unset: the embedded MongoDB-wire server is used. Secret because URLs usually carry credentials. */
  MONGO_URL: Type.Optional(
    Secret(Type.String({ pattern: '^mongodb(\\+srv)?://.+', expected: 'a URL starting with mongodb:// or mongodb+srv://' })),
  ),
  /** Each service's database is `<prefix>-<service>`. */
  MONGO_DB_PREFIX: Type.String({ default: 'itsm', pattern: '^[A-Za-z0-9_-]+$', expected: 'letters, digits, _ or -' }),
});
export type MongoEnv = Static<typeof MongoEnv>;

export interface MongoSettings {
  readonly url: string | undefined;
  readonly dbPrefix: string;
}

export function toMongoSettings(env: MongoEnv): MongoSettings {
  return { url: env.MONGO_URL, dbPrefix: env.MONGO_DB_PREFIX };
}
