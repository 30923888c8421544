import { appendFileSync } from 'node:fs';
import { mongo } from 'mongoose';
import type { Connection } from 'mongoose';
import type { MongoSettings } from '@itsm/platform/config';
import type { CollectionIndexes } from './index-declaration';
import { queriesOfCommand, shapeKey } from './query-shape';
import type { ObservedQuery, QueryShape } from './query-shape';

/**
 * Where a process reports what its contexts declare and query, for the index check of the
 * integration tier: off in production (no sink, no command monitoring).
 */
export interface QueryShapeSink {
  /** The indexes a context's repositories declare (when its connection opens). */
  declared(context: string, collections: readonly CollectionIndexes[]): void;
  observed(context: string, query: ObservedQuery): void;
}

/** One line of a query-shapes file (JSON lines). */
export type QueryShapeRecord =
  | { readonly type: 'declared'; readonly context: string; readonly collections: readonly CollectionIndexes[] }
  | {
      readonly type: 'query';
      readonly context: string;
      readonly shape: QueryShape;
      /** The first filter and sort seen with this shape, as canonical Extended JSON (types kept for `explain`). */
      readonly sample: string;
      /** The test running when it was first seen, when known (in-process specs). */
      readonly test?: string;
    };

/**
 * Appends each new shape (per context and collection, once per process) and each declaration to a
 * JSON-lines file. Synchronous appends of a few hundred bytes, only for shapes not seen before: the
 * monitored process does not slow down noticeably.
 */
export class QueryShapeFile implements QueryShapeSink {
  private readonly seen = new Set<string>();

  constructor(
    readonly path: string,
    /** The name of the test running now, when there is one. */
    private readonly currentTest: () => string | undefined = () => undefined,
  ) {}

  declared(context: string, collections: readonly CollectionIndexes[]): void {
    this.append({ type: 'declared', context, collections });
  }

  observed(context: string, query: ObservedQuery): void {
    const key = `${context}\u0000${query.shape.collection}\u0000${shapeKey(query.shape)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const test = this.currentTest();
    const sample = mongo.BSON.EJSON.stringify({ filter: query.filter, sort: query.sort }, { relaxed: false });
    this.append({ type: 'query', context, shape: query.shape, sample, ...(test === undefined ? {} : { test }) });
  }

  private append(record: QueryShapeRecord): void {
    try {
      appendFileSync(this.path, `${JSON.stringify(record)}\n`);
    } catch (error) {
      process.emitWarning(`query shapes could not be recorded to ${this.path}: ${(error as Error).message}`);
    }
  }
}

let installed: QueryShapeSink | undefined;
const files = new Map<string, QueryShapeFile>();

/** In-process tests: every context connection opened from now on reports to `sink` (undefined: stop). */
export function installQueryShapeSink(sink: QueryShapeSink | undefined): void {
  installed = sink;
}

/** The sink for a context connection: the installed one, else the settings' file (MONGO_QUERY_SHAPES_FILE), else none. */
export function queryShapeSinkFor(settings: Pick<MongoSettings, 'queryShapesFile'>): QueryShapeSink | undefined {
  if (installed !== undefined) return installed;
  const path = settings.queryShapesFile;
  if (path === undefined) return undefined;
  let file = files.get(path);
  if (file === undefined) files.set(path, (file = new QueryShapeFile(path)));
  return file;
}

/**
 * Reports the shape of every query the connection issues on its database (driver command
 * monitoring: the connection must have been opened with `monitorCommands`).
 */
export function monitorQueryShapes(connection: Connection, context: string, sink: QueryShapeSink): void {
  connection.getClient().on('commandStarted', (event) => {
    if (event.databaseName !== connection.name) return;
    for (const query of queriesOfCommand(event.commandName, event.command)) sink.observed(context, query);
  });
}
