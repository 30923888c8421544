#!/usr/bin/env node
// Compiles apps/ and libs/ (specs excluded) to dist/ with swc: decorator metadata on (Nest's DI
// reads constructor types at run time, which esbuild/tsx cannot emit) and the `@itsm/*` aliases of
// tsconfig.base.json rewritten to relative paths, so `node dist/apps/<app>/src/main.js` runs as is.
// Type checking is `npm run typecheck`'s job; this is a transpiler pass (~1-2 s for the repo).
// The portal (apps/portal, a browser app) is built by Vite instead, into dist/apps/portal/web
// (~2 s), where the all-in-one serves it; `--no-portal` skips it.
import { transformFile } from '@swc/core';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist');
const { compilerOptions } = JSON.parse(await readFile(join(root, 'tsconfig.base.json'), 'utf8'));
const SKIP = /\.(spec|int-spec)\.ts$|\.d\.ts$/;

const PORTAL = join(root, 'apps', 'portal');

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && path !== PORTAL) yield* walk(path);
    } else yield path;
  }
}

const started = Date.now();
await rm(join(outDir, 'apps'), { recursive: true, force: true });
await rm(join(outDir, 'libs'), { recursive: true, force: true });
await rm(join(outDir, 'bench'), { recursive: true, force: true });
let count = 0;
for (const top of ['apps', 'libs', 'bench']) {
  if (!existsSync(join(root, top))) continue;
  for await (const file of walk(join(root, top))) {
    const target = join(outDir, relative(root, file));
    if (file.endsWith('.ts') && !SKIP.test(file)) {
      const { code, map } = await transformFile(file, {
        swcrc: false,
        sourceMaps: true,
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          baseUrl: root,
          paths: compilerOptions.paths,
        },
        module: { type: 'commonjs' },
      });
      const out = target.replace(/\.ts$/, '.js');
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, `${code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
      if (map) await writeFile(`${out}.map`, map);
      count += 1;
    } else if (/\.(mjs|json|graphql)$/.test(file) && !file.endsWith('project.json')) {
      await mkdir(dirname(target), { recursive: true });
      await copyFile(file, target);
    }
  }
}
let portal = '';
if (!process.argv.includes('--no-portal')) {
  const portalStarted = Date.now();
  // The config imports the portal's TypeScript (its operations and routes): Vite's default loader bundles it.
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = 'true';
  const { build } = await import('vite');
  await build({ configFile: join(PORTAL, 'vite.config.mts'), logLevel: 'warn' });
  portal = `, the portal into dist/apps/portal/web in ${Date.now() - portalStarted} ms`;
}
console.log(`built ${count} files into dist/ in ${Date.now() - started} ms${portal}`);
