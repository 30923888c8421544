import { spawnSync } from 'node:child_process';
import type { CheckResult } from './deploy-model';
import { result } from './deploy-model';

const CHECK = 'compose: docker-compose config -q accepts docker-compose.yml';

/**
 * Compose's own validation (Debian's docker-compose 1.29, installed by tools/setup.sh): the file
 * at `root`, or `text` given on stdin with `root` as the project directory (the self-test).
 */
export function checkComposeConfig(root: string, text?: string): CheckResult {
  const args = text === undefined ? ['-f', 'docker-compose.yml', 'config', '-q'] : ['-f', '-', '--project-directory', root, 'config', '-q'];
  const run = spawnSync('docker-compose', args, { cwd: root, input: text, encoding: 'utf8', timeout: 60_000 });
  if (run.error !== undefined) {
    const missing = (run.error as NodeJS.ErrnoException).code === 'ENOENT';
    return result(CHECK, [missing ? 'docker-compose is not installed: run `npm run setup` (apt-get install docker-compose)' : run.error.message]);
  }
  if (run.status !== 0) return result(CHECK, [`docker-compose exited with ${String(run.status)}: ${`${run.stderr}${run.stdout}`.trim()}`]);
  return result(CHECK, []);
}
