import { aggregateDocumentPlugin, connectContext, monitorQueryShapes, MongoOutboxStore, schemaIndexes, shapeKey } from '@itsm/platform/persistence';
import type { AggregateDocumentMeta, CollectionIndexes, ObservedQuery, QueryShapeSink } from '@itsm/platform/persistence';
import { randomUUID } from 'node:crypto';
import { relative, join } from 'node:path';
import { Schema, Types } from 'mongoose';
import type { Connection, Model } from 'mongoose';
import { testPeers } from '../peers/test-peers';
import { explainRecordedShapes } from './explain-shapes';
import { formatIndex, formatUnserved, servingIndex, unservedShapes } from './index-coverage';
import type { RecordedShape } from './index-coverage';
import { readRecordedRun } from './recorded-query-shapes';
import type { RecordedRun } from './recorded-query-shapes';

const THIS_SPEC = relative(join(__dirname, '..', '..', '..', '..', '..'), __filename);
const SKIP_EXPLAIN = 'skipped: the MongoDB peer is the embedded CongoDB, which ignores indexes (set MONGO_URL to a real MongoDB to run it)';

/** A sink kept in memory: the probe's own shapes, checked without files. */
class MemorySink implements QueryShapeSink {
  readonly declarations = new Map<string, CollectionIndexes[]>();
  readonly shapes: RecordedShape[] = [];
  declared(context: string, collections: readonly CollectionIndexes[]): void {
    this.declarations.set(context, [...collections]);
  }
  observed(context: string, query: ObservedQuery): void {
    const sample = JSON.stringify({ filter: query.filter, sort: query.sort });
    this.shapes.push({ context, shape: query.shape, sample, origin: `${THIS_SPEC} (probe)` });
  }
}

/** `declarations` with one index of one collection left out. */
function without(declarations: ReadonlyMap<string, readonly CollectionIndexes[]>, context: string, collection: string, dropped: number): Map<string, CollectionIndexes[]> {
  const copy = new Map([...declarations].map(([name, list]) => [name, [...list]]));
  copy.set(
    context,
    (copy.get(context) ?? []).map((entry) => (entry.collection === collection ? { ...entry, indexes: entry.indexes.filter((_, i) => i !== dropped) } : entry)),
  );
  return copy;
}

/**
 * The index check: every query shape the integration tier's specs issued (recorded by driver
 * command monitoring, in process and in the apps they start) must be served by an index its
 * context's repositories declare, or be an allow-listed scan. Runs last (tools/jest/int-sequencer.cjs).
 */
describe('declared indexes serve every recorded query', () => {
  const peers = testPeers();
  let run: RecordedRun;

  beforeAll(() => {
    if (peers.queryShapesDir === undefined) throw new Error('no query-shapes directory: run the integration tier (jest.int.config.ts)');
    run = readRecordedRun(peers.queryShapesDir, [THIS_SPEC]);
    const contexts = [...run.declarations.keys()].sort();
    console.info(
      run.shapes.length === 0
        ? 'index check: no other spec of this run recorded queries (run the whole tier, or the specs to check with this one)'
        : `index check: ${new Set(run.shapes.map((s) => `${s.context} ${s.shape.collection} ${shapeKey(s.shape)}`)).size} query shapes of ${contexts.length} contexts (${contexts.join(', ')}) from ${run.specs.size} specs`,
    );
    if (!peers.realMongo) console.info(`index check with explain ${SKIP_EXPLAIN}`);
  });

  it('every recorded shape is served by a declared index or allowed as a scan', () => {
    expect(formatUnserved(unservedShapes(run.shapes, run.declarations))).toBe('');
  });

  it('reports a recorded shape once the index serving it is removed from the declarations', () => {
    // A recorded shape that exactly one declared index (not `_id`) serves: dropping it must be reported.
    const target = run.shapes.flatMap((recorded) => {
      const entry = run.declarations.get(recorded.context)?.find((d) => d.collection === recorded.shape.collection);
      if (entry === undefined || entry.scans.some((scan) => scan.shape === shapeKey(recorded.shape))) return [];
      const serving = entry.indexes.flatMap((declared, i) => (servingIndex(recorded.shape, [declared]) === declared ? [i] : []));
      return serving.length === 1 && servingIndex(recorded.shape, []) === undefined ? [{ recorded, dropped: serving[0] as number, entry }] : [];
    })[0];
    if (target === undefined) {
      expect(run.shapes.length).toBe(0); // nothing recorded (this spec alone): the probe below still proves it
      return;
    }
    const { recorded, dropped, entry } = target;
    const reduced = without(run.declarations, recorded.context, entry.collection, dropped);
    const report = unservedShapes(run.shapes, reduced);
    expect(report).toContainEqual(
      expect.objectContaining({ context: recorded.context, collection: entry.collection, shape: shapeKey(recorded.shape), origins: expect.arrayContaining([recorded.origin]) }),
    );
    console.info(`test of the test: without ${formatIndex(entry.indexes[dropped] ?? { keys: [] })} the check reports\n${formatUnserved(report)}`);
  });

  describe('a probe: the platform outbox store, recorded through the driver', () => {
    const sink = new MemorySink();
    let connection: Connection;
    const schema = new Schema({ name: String }, { collection: 'idx_probe' });
    schema.plugin(aggregateDocumentPlugin);

    beforeAll(async () => {
      const context = `idx_${randomUUID().slice(0, 8)}`;
      connection = await connectContext({ url: peers.mongoUrl, dbPrefix: 'itsm_test' }, context, { monitorCommands: true });
      sink.declared('probe', [schemaIndexes(schema)]);
      monitorQueryShapes(connection, 'probe', sink);
      const model = connection.model('IdxProbe', schema) as unknown as Model<AggregateDocumentMeta>;
      await new MongoOutboxStore('probe.topic', model).pending(10);
      await model.findById(new Types.ObjectId()).lean();
    });

    afterAll(async () => {
      await connection.dropDatabase();
      await connection.close();
    });

    it('records the relay poll and the load, both served as declared', () => {
      expect(sink.shapes.map((s) => shapeKey(s.shape))).toEqual(expect.arrayContaining(['find { _outboxPending: eq } sort { _id: 1 }', 'find { _id: eq }']));
      expect(unservedShapes(sink.shapes, sink.declarations)).toEqual([]);
    });

    it('reports the relay poll, naming this spec, when the outbox index is not declared', () => {
      const pendingIndex = (sink.declarations.get('probe')?.[0]?.indexes ?? []).findIndex((declared) => declared.keys[0]?.[0] === '_outboxPending');
      expect(pendingIndex).toBeGreaterThanOrEqual(0);
      expect(unservedShapes(sink.shapes, without(sink.declarations, 'probe', 'idx_probe', pendingIndex))).toEqual([
        expect.objectContaining({ context: 'probe', collection: 'idx_probe', shape: 'find { _outboxPending: eq } sort { _id: 1 }', origins: [`${THIS_SPEC} (probe)`] }),
      ]);
    });
  });

  (peers.realMongo ? it : it.skip)(`explain on the real MongoDB: no recorded shape is a collection scan${peers.realMongo ? '' : ` (${SKIP_EXPLAIN})`}`, async () => {
    const connection = await connectContext({ url: peers.mongoUrl, dbPrefix: 'itsm_test' }, 'idx_explain');
    try {
      const explained = await explainRecordedShapes(connection, run.shapes, run.declarations);
      const scans = explained.filter((e) => e.stages.includes('COLLSCAN'));
      expect(scans.map((s) => `${s.context}.${s.collection}: ${s.shape} -> ${s.stages.join(' > ')} (${s.origin})`).join('\n')).toBe('');
      expect(explained.length > 0 || run.shapes.length === 0).toBe(true);
    } finally {
      await connection.close();
    }
  });
});
