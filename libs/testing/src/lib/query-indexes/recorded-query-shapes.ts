import { installQueryShapeSink, QueryShapeFile } from '@itsm/platform/persistence';
import type { CollectionIndexes, QueryShapeRecord } from '@itsm/platform/persistence';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PEERS_ENV } from '../peers/test-peers';
import type { RecordedShape } from './index-coverage';

const ROOT = join(__dirname, '..', '..', '..', '..', '..');
/** File names: `<spec path, URI-encoded>~<who>~<random>.jsonl`. */
const SEPARATOR = '~';

function currentSpec(): string | undefined {
  const path = expect.getState().testPath;
  return path === undefined ? undefined : relative(ROOT, path);
}

/** A new file in the run's query-shapes directory for `who` (a process) of the running spec; undefined outside the integration tier. */
export function queryShapesFile(who: string): string | undefined {
  const dir = process.env[PEERS_ENV.queryShapes];
  const spec = currentSpec();
  if (dir === undefined || spec === undefined) return undefined;
  return join(dir, [encodeURIComponent(spec), encodeURIComponent(who), randomUUID().slice(0, 8)].join(SEPARATOR) + '.jsonl');
}

/** The environment that makes a started app (the service kit) record its query shapes for the index check. */
export function queryShapesEnv(who: string): Record<string, string> {
  const file = queryShapesFile(who);
  return file === undefined ? {} : { MONGO_QUERY_SHAPES_FILE: file };
}

/**
 * The integration tier's per-spec setup (jest `setupFilesAfterEnv`): every context connection this
 * spec opens in process records its declarations and query shapes, with the test that issued them.
 */
export function recordQueryShapesOfThisSpec(): void {
  const file = queryShapesFile('in-process');
  if (file === undefined) return;
  installQueryShapeSink(new QueryShapeFile(file, () => expect.getState().currentTestName));
}

export interface RecordedRun {
  /** Per context: the union of what its processes declared. */
  readonly declarations: Map<string, CollectionIndexes[]>;
  readonly shapes: RecordedShape[];
  /** The spec files that recorded anything. */
  readonly specs: Set<string>;
}

function mergeDeclarations(into: Map<string, CollectionIndexes[]>, context: string, collections: readonly CollectionIndexes[]): void {
  const known = into.get(context) ?? [];
  for (const declared of collections) {
    const same = known.find((entry) => entry.collection === declared.collection);
    if (same === undefined) {
      known.push(declared);
      continue;
    }
    const indexes = [...same.indexes, ...declared.indexes.filter((candidate) => !same.indexes.some((kept) => JSON.stringify(kept) === JSON.stringify(candidate)))];
    const scans = [...same.scans, ...declared.scans.filter((candidate) => !same.scans.some((kept) => kept.shape === candidate.shape))];
    known.splice(known.indexOf(same), 1, { collection: same.collection, indexes, scans });
  }
  into.set(context, known);
}

/** Everything the run's processes recorded in `dir` (files of specs in `except` are left out). */
export function readRecordedRun(dir: string, except: readonly string[] = []): RecordedRun {
  const run: RecordedRun = { declarations: new Map(), shapes: [], specs: new Set() };
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.jsonl')).sort()) {
    const [specPart, whoPart] = name.split(SEPARATOR);
    const spec = decodeURIComponent(specPart ?? name);
    if (except.includes(spec)) continue;
    const who = decodeURIComponent(whoPart ?? '');
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const record = JSON.parse(line) as QueryShapeRecord;
      run.specs.add(spec);
      if (record.type === 'declared') mergeDeclarations(run.declarations, record.context, record.collections);
      else run.shapes.push({ context: record.context, shape: record.shape, sample: record.sample, origin: `${spec} (${record.test === undefined ? who : `${who}: ${record.test}`})` });
    }
  }
  return run;
}
