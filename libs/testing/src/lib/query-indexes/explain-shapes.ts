import { shapeKey } from '@itsm/platform/persistence';
import type { CollectionIndexes } from '@itsm/platform/persistence';
import { mongo } from 'mongoose';
import type { Connection } from 'mongoose';
import type { RecordedShape } from './index-coverage';

/** Every `stage` of an explain's winning plan (classic and slot-based formats). */
export function winningPlanStages(explain: unknown): string[] {
  const stages: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'stage' && typeof value === 'string') stages.push(value);
        else walk(value);
      }
    }
  };
  walk((explain as { queryPlanner?: { winningPlan?: unknown } }).queryPlanner?.winningPlan);
  return stages;
}

export interface ExplainedShape {
  readonly context: string;
  readonly collection: string;
  readonly shape: string;
  readonly origin: string;
  readonly stages: readonly string[];
}

/**
 * Explains each recorded shape (its first filter and sort, as a `find`) on a real MongoDB, in a
 * scratch database per context holding exactly the declared indexes, so the planner's choice rests
 * on the declarations alone. Allow-listed scans are left out. Drops the scratch databases.
 */
export async function explainRecordedShapes(
  connection: Connection,
  recorded: readonly RecordedShape[],
  declarations: ReadonlyMap<string, readonly CollectionIndexes[]>,
): Promise<ExplainedShape[]> {
  const out: ExplainedShape[] = [];
  const suffix = Math.random().toString(36).slice(2, 8);
  for (const context of new Set(recorded.map((r) => r.context))) {
    const db = connection.useDb(`idxcheck_${suffix}_${context}`.slice(0, 60), { useCache: false });
    const declared = declarations.get(context) ?? [];
    try {
      for (const collection of new Set([...declared.map((d) => d.collection), ...recorded.filter((r) => r.context === context).map((r) => r.shape.collection)])) {
        await db.createCollection(collection);
        const indexes = declared.find((d) => d.collection === collection)?.indexes ?? [];
        if (indexes.length > 0) {
          await db.collection(collection).createIndexes(
            indexes.map((i) => ({ key: Object.fromEntries(i.keys), ...(i.partialFilterExpression ? { partialFilterExpression: { ...i.partialFilterExpression } } : {}) })),
          );
        }
      }
      const native = db.db;
      if (native === undefined) throw new Error(`explain: the connection to ${db.name} is not open`);
      const explained = new Set<string>();
      for (const { shape, sample, origin } of recorded.filter((r) => r.context === context)) {
        const key = shapeKey(shape);
        if (explained.has(`${shape.collection} ${key}`)) continue;
        explained.add(`${shape.collection} ${key}`);
        if (declared.find((d) => d.collection === shape.collection)?.scans.some((scan) => scan.shape === key)) continue;
        const { filter, sort } = mongo.BSON.EJSON.parse(sample, { relaxed: false }) as { filter: Record<string, unknown>; sort: Record<string, 1 | -1> };
        const explain = await native.command({ explain: { find: shape.collection, filter, sort }, verbosity: 'queryPlanner' });
        out.push({ context, collection: shape.collection, shape: key, origin, stages: winningPlanStages(explain) });
      }
    } finally {
      await db.dropDatabase();
    }
  }
  return out;
}
