import { Module } from '@nestjs/common';
import type { DynamicModule, InjectionToken, OnApplicationShutdown, Provider } from '@nestjs/common';
import type { Connection, Model, Schema } from 'mongoose';
import type { StoredDocument } from './aggregate-repository';
import { ensureIndexes, schemaIndexes } from './index-declaration';
import type { AllowedScan, CollectionIndexes } from './index-declaration';
import { connectContext } from './mongo-connection';
import type { MongoSettings } from './mongo-connection';
import { MongoOutboxStore } from './outbox';
import type { OutboxStore } from './outbox';
import { monitorQueryShapes, queryShapeSinkFor } from './query-shape-recorder';

/** Where aggregate collections register their outboxes: the process's outbox relay (MessagingModule provides it). */
export interface OutboxRegistry {
  register(store: OutboxStore): void;
  /** Wakes the relay after a commit (a repository's afterCommit). */
  readonly notify: () => void;
}

export const OUTBOX_REGISTRY = Symbol('OUTBOX_REGISTRY');

/** How long closing a context's connection may wait for in-flight operations before it is forced. */
export const CONNECTION_CLOSE_TIMEOUT_MS = 2_000;

/**
 * One repository of a context, built on the context's connection (and, for aggregates, the outbox
 * relay), with the indexes its queries need: created when the connection opens, and what the
 * integration tier's index check holds every recorded query against.
 */
export interface ContextRepository {
  readonly provide: InjectionToken;
  readonly outbox: boolean;
  readonly indexes: readonly CollectionIndexes[];
  readonly build: (connection: Connection, outbox: OutboxRegistry | undefined) => unknown;
}

/**
 * A repository over collections of the context's connection that it uses itself (no outbox).
 * `indexes`: one entry per collection it queries (`collectionIndexes(...)`), even when `_id` serves all.
 */
export function contextRepository<R>(provide: InjectionToken<R>, create: (connection: Connection) => R, indexes: readonly CollectionIndexes[]): ContextRepository {
  return { provide, outbox: false, indexes, build: (connection) => create(connection) };
}

/**
 * An aggregate repository: its collection's model is registered on the context's connection and its
 * outbox on the relay (before the app starts), and the repository wakes the relay after each commit.
 */
export function outboxRepository<D, R>(
  provide: InjectionToken<R>,
  collection: { readonly model: string; readonly schema: Schema<D>; readonly topic: string; readonly scans?: readonly AllowedScan[] },
  create: (model: Model<StoredDocument<D>>, afterCommit: () => void) => R,
): ContextRepository {
  return {
    provide,
    outbox: true,
    // The schema's own `index(...)` lines (mongoose builds them), the outbox's pending index included.
    indexes: [schemaIndexes(collection.schema as Schema, collection.scans)],
    build: (connection, outbox) => {
      if (outbox === undefined) throw new Error(`${collection.model}: an outbox repository needs OUTBOX_REGISTRY (MessagingModule)`);
      const model = connection.model(collection.model, collection.schema) as unknown as Model<StoredDocument<D>>;
      outbox.register(new MongoOutboxStore(collection.topic, model as never));
      return create(model, outbox.notify);
    },
  };
}

export interface ContextPersistenceOptions {
  /** The context's name: its database is `<dbPrefix>_<context>`. */
  readonly context: string;
  readonly mongo: MongoSettings;
  /** The token the context's modules inject its mongoose Connection by. */
  readonly connection: InjectionToken;
  readonly repositories: readonly ContextRepository[];
}

/**
 * Opens the context's connection and creates the indexes its plain repositories declare (mongoose
 * builds the schemas' own). With a query-shape sink (tests), reports the declarations and monitors
 * every command.
 */
async function openContextConnection(options: ContextPersistenceOptions): Promise<Connection> {
  const sink = queryShapeSinkFor(options.mongo);
  const connection = await connectContext(options.mongo, options.context, { monitorCommands: sink !== undefined });
  await ensureIndexes(connection, options.repositories.filter((repository) => !repository.outbox).flatMap((repository) => repository.indexes));
  if (sink !== undefined) {
    sink.declared(options.context, options.repositories.flatMap((repository) => repository.indexes));
    monitorQueryShapes(connection, options.context, sink);
  }
  return connection;
}

/**
 * Closes the context's connection on shutdown, after the context's own shutdown hooks (its module
 * imports this one, so Nest calls it later) and after the outbox relay stopped (before shutdown).
 * Bounded: a dead server cannot hold the process (operations in flight are abandoned after the timeout).
 */
export class ContextConnectionCloser implements OnApplicationShutdown {
  constructor(
    private readonly connection: Connection,
    private readonly timeoutMs = CONNECTION_CLOSE_TIMEOUT_MS,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.timeoutMs)));
    const outcome = await Promise.race([this.connection.close().then(() => 'closed' as const, () => 'failed' as const), timedOut]);
    clearTimeout(timer);
    if (outcome !== 'closed') await this.connection.close(true).catch(() => undefined);
  }
}

/**
 * One context's persistence: its connection (to its own database), its repositories, the outboxes
 * of its aggregate collections registered on the relay, and the connection closed on shutdown.
 * Exports the connection token and every repository.
 */
@Module({})
export class ContextPersistenceModule {
  static forRoot(options: ContextPersistenceOptions): DynamicModule {
    const closer = Symbol(`${options.context} connection closer`);
    const providers: Provider[] = [
      { provide: options.connection, useFactory: () => openContextConnection(options) },
      { provide: closer, inject: [options.connection], useFactory: (connection: Connection) => new ContextConnectionCloser(connection) },
      ...options.repositories.map(
        (repository): Provider => ({
          provide: repository.provide,
          inject: repository.outbox ? [options.connection, OUTBOX_REGISTRY] : [options.connection],
          useFactory: (connection: Connection, outbox?: OutboxRegistry) => repository.build(connection, outbox),
        }),
      ),
    ];
    return {
      module: ContextPersistenceModule,
      providers,
      exports: [options.connection, ...options.repositories.map((repository) => repository.provide)],
    };
  }
}
