// Writes the platform's AsyncAPI 3.0 document (the one the gateway serves on /asyncapi.json) to a file,
// for tools that want it on disk (code generators, docs sites):
//   npm run asyncapi                  -> docs/asyncapi.json
//   npm run asyncapi -- <path>        -> <path>
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { platformAsyncApiDocument } from '@itsm/contracts';

async function main(): Promise<void> {
  const target = resolve(process.argv[2] ?? 'docs/asyncapi.json');
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, `${JSON.stringify(platformAsyncApiDocument(), null, 2)}\n`);
  console.log(`asyncapi: wrote ${target}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
