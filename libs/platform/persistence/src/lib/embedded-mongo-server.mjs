// The embedded MongoDB-wire server (CongoDB, in memory) as its own process: the package is ESM-only
// and its CPU and memory stay off the service's event loop. Prints "url=<mongodb url>" when
// listening; stops when the parent closes stdin (or dies), and on SIGTERM/SIGINT unless --managed:
// a managed server ignores the signals a terminal or supervisor sends to the whole process group,
// so its final snapshot comes after its parent's contexts stopped writing, not before.
//
// Usage: embedded-mongo-server.mjs <port> [--managed] [--data-dir <dir> [--persist-interval-ms <ms>] [--reset]]
// With a data directory its memory is snapshotted there (embedded-mongo-snapshot.mjs) every
// interval when something changed, and once more when it stops; it starts from the last snapshot,
// or empty with --reset (the snapshot is deleted first).
import { congodb } from '@push.rocks/smartmongo';
import { resolve } from 'node:path';
import { projectPerBatch } from './embedded-mongo-batch-projection.mjs';
import { pullByElementQuery } from './embedded-mongo-pull-conditions.mjs';
import { serveLookupsByKey } from './embedded-mongo-id-lookups.mjs';
import { lockDataDir, resetDataDir, SnapshotError, SnapshotStore } from './embedded-mongo-snapshot.mjs';

function fail(message, code = 2) {
  process.stderr.write(`embedded-mongo: ${message}\n`);
  process.exit(code);
}

function parseArgs(argv) {
  const [portArg, ...rest] = argv;
  const port = Number(portArg);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`a port is required (got ${portArg})`);
  const options = { port, managed: false, dataDir: undefined, intervalMs: 1000, reset: false };
  for (let i = 0; i < rest.length; i += 1) {
    const flag = rest[i];
    if (flag === '--reset') options.reset = true;
    else if (flag === '--managed') options.managed = true;
    else if (flag === '--data-dir' && rest[i + 1]) options.dataDir = resolve(rest[(i += 1)]);
    else if (flag === '--persist-interval-ms' && /^\d+$/.test(rest[i + 1] ?? '')) options.intervalMs = Number(rest[(i += 1)]);
    else fail(`unknown or incomplete argument ${flag}`);
  }
  if (options.intervalMs < 50) fail(`--persist-interval-ms must be at least 50 (got ${options.intervalMs})`);
  if (options.reset && options.dataDir === undefined) fail('--reset needs --data-dir');
  return options;
}

// CongoDB sorts strings with localeCompare (ICU: case folded, punctuation and NUL ignored); MongoDB
// compares them by code point (its default, simple collation), as its $gt/$lt filters do here too.
// A cursor key such as `name\0id` must sort as MongoDB sorts it, or the page after a cursor skips or
// repeats documents. (JavaScript compares UTF-16 code units: the same order except between
// characters above U+FFFF and those from U+E000 to U+FFFF.)
const localeCompareValues = congodb.QueryEngine.compareValues;
congodb.QueryEngine.compareValues = function compareValues(a, b) {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return localeCompareValues.call(this, a, b);
};

const options = parseArgs(process.argv.slice(2));
const server = new congodb.CongoServer({ host: '127.0.0.1', port: options.port });
serveLookupsByKey(server);
projectPerBatch(server, congodb.QueryEngine);
pullByElementQuery(congodb.UpdateEngine, congodb.QueryEngine);
let snapshots;
let unlock = () => undefined;
try {
  if (options.dataDir !== undefined) {
    unlock = await lockDataDir(options.dataDir);
    process.once('exit', () => unlock());
    if (options.reset) resetDataDir(options.dataDir);
    snapshots = new SnapshotStore(server.getStorage(), options.dataDir, congodb.plugins.bson);
    const { documents } = await snapshots.restore();
    process.stdout.write(`restored=${documents}\n`);
  }
} catch (error) {
  fail(error instanceof SnapshotError ? error.message : (error.stack ?? String(error)), 3);
}
await server.start();
snapshots?.start(options.intervalMs);
// CongoDB's hello reply invites the driver's streaming server monitor, which it cannot serve: each
// failed check clears the connection pool under load. Polling checks work.
process.stdout.write(`url=mongodb://127.0.0.1:${options.port}/?serverMonitoringMode=poll\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  let code = 0;
  // Connections close first: the final snapshot holds every write that was answered.
  await server.stop();
  try {
    await snapshots?.flush();
  } catch (error) {
    process.stderr.write(`embedded-mongo: the final snapshot failed: ${error.message}\n`);
    code = 1;
  }
  unlock();
  process.exit(code);
};
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, options.managed ? () => undefined : stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
