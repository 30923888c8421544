/**
 * Preloaded into the all-in-one by bench:soak (`node --require .../heap-probe.js`): every
 * SOAK_PROBE_GC_MS a full collection, then one line on stderr,
 * `soak-probe {"at":<epoch ms>,"heapUsedBytes":..,"externalBytes":..,"arrayBuffersBytes":..,"rssBytes":..,"gcMs":..}`: the heap right after
 * a full collection is the live data, whatever the collector's own timing (a sample between
 * collections also counts garbage); `external` (C++ objects bound to JS, Buffers included) and
 * `arrayBuffers` tell RSS growth off the JS heap apart from the rest (native allocations, fragmentation). Touches nothing of the platform; without the variable it does
 * nothing.
 */
import { writeSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const PROBE_PREFIX = 'soak-probe ';

const every = Number(process.env['SOAK_PROBE_GC_MS']);
if (Number.isInteger(every) && every >= 1_000) {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  setInterval(() => {
    const started = performance.now();
    collect();
    const gcMs = +(performance.now() - started).toFixed(1);
    const memory = process.memoryUsage();
    writeSync(2, `${PROBE_PREFIX}${JSON.stringify({ at: Date.now(), heapUsedBytes: memory.heapUsed, externalBytes: memory.external, arrayBuffersBytes: memory.arrayBuffers, rssBytes: memory.rss, gcMs })}\n`);
  }, every).unref();
}
