import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository: the nearest folder up that holds tools/kafka-mock/build.sh (this also runs built, from dist/libs/...: benches). */
export function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'tools/kafka-mock/build.sh'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no tools/kafka-mock/build.sh above ${__dirname}`);
    dir = parent;
  }
  return dir;
}
