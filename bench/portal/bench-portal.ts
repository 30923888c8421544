import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runBench } from '@itsm/bench-kit';

/** The budget for the portal's first load of JavaScript, gzipped. */
export const FIRST_LOAD_BUDGET_KB = 300;

const ROOT = join(__dirname, '..', '..', '..');
const WEB = join(ROOT, 'dist', 'apps', 'portal', 'web');

/**
 * `npm run bench:portal`: the JavaScript the portal's index.html loads before its first render (its
 * module scripts and modulepreload links, as `node tools/build.mjs` built them), gzipped at level 9
 * as a server would send it. Last line: one JSON object.
 */
async function main(): Promise<number> {
  const html = readFileSync(join(WEB, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((match) => match[1] ?? match[2] ?? '');
  if (scripts.length === 0) throw new Error(`no script in ${join(WEB, 'index.html')}: build the portal first (node tools/build.mjs)`);
  let raw = 0;
  let gzip = 0;
  for (const script of scripts) {
    const bytes = readFileSync(join(WEB, script.replace(/^\//, '')));
    const zipped = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += zipped;
    console.log(`${script}: ${(bytes.length / 1024).toFixed(1)} kB, ${(zipped / 1024).toFixed(1)} kB gzipped`);
  }
  const figures = {
    bench: 'portal',
    first_load_files: scripts.length,
    first_load_js_raw_kb: Number((raw / 1024).toFixed(1)),
    first_load_js_gzip_kb: Number((gzip / 1024).toFixed(1)),
    budget_kb: FIRST_LOAD_BUDGET_KB,
    budget_ratio: Number((gzip / 1024 / FIRST_LOAD_BUDGET_KB).toFixed(3)),
  };
  console.log(JSON.stringify(figures));
  return figures.first_load_js_gzip_kb <= FIRST_LOAD_BUDGET_KB ? 0 : 1;
}

runBench(main);
