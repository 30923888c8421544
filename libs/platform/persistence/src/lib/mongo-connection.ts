import mongoose from 'mongoose';
import type { Connection } from 'mongoose';
import type { MongoSettings } from '@itsm/platform/config';

export type { MongoSettings } from '@itsm/platform/config';

export function databaseName(settings: Pick<MongoSettings, 'dbPrefix'>, context: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(context)) throw new Error(`context name "${context}" must be lower-case letters, digits, _`);
  return `${settings.dbPrefix}_${context}`;
}

/**
 * A connection to one context's database; every model of that context is registered on it.
 * `monitorCommands`: the driver reports every command (the index check's query-shape recorder).
 */
export async function connectContext(settings: MongoSettings, context: string, options: { readonly monitorCommands?: boolean } = {}): Promise<Connection> {
  const connection = mongoose.createConnection(settings.url, {
    dbName: databaseName(settings, context),
    serverSelectionTimeoutMS: 10_000,
    autoIndex: true,
    monitorCommands: options.monitorCommands ?? false,
  });
  await connection.asPromise();
  return connection;
}
