/**
 * `npm run validate:deploy`: static checks of docker-compose.yml, the Dockerfiles and deploy/
 * (no Docker engine or cluster needed), then the self-test proving each check catches a broken
 * copy. One line per check; exit 1 on any failure.
 *
 *   tsx tools/deploy/validate-deploy.ts               checks, then the self-test
 *   tsx tools/deploy/validate-deploy.ts --self-test   the self-test only
 */
import { join } from 'node:path';
import type { CheckResult } from './deploy-model';
import { CHECKS } from './checks';
import { checkComposeConfig } from './compose-cli';
import { loadRepository } from './load-model';
import { runSelfTest } from './self-test';

const root = join(__dirname, '..', '..');

function print(results: readonly CheckResult[]): number {
  for (const { check, problems } of results) {
    console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'}  ${check}`);
    for (const problem of problems) console.log(`        - ${problem}`);
  }
  return results.filter((r) => r.problems.length > 0).length;
}

function main(): void {
  const selfTestOnly = process.argv.includes('--self-test');
  const repository = loadRepository(root);
  let failed = 0;
  if (!selfTestOnly) {
    failed += print([checkComposeConfig(root), ...repository.parseChecks, ...CHECKS.map((check) => check(repository.model))]);
  }
  failed += print(runSelfTest(root, repository));
  console.log(failed === 0 ? 'validate:deploy passed' : `validate:deploy: ${failed} check(s) failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main();
