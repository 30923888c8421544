import type { Connection, Schema } from 'mongoose';

/**
 * Registers a collection's mongoose model once per connection: its schema declares the indexes
 * the repository's queries need (created on registration; the repositories query through the driver).
 */
export function registerSlaModel(connection: Connection, name: string, schema: Schema): void {
  if (connection.models[name] === undefined) connection.model(name, schema);
}
