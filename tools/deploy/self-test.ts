import { checkComposeConfig } from './compose-cli';
import type { CheckResult, DeployModel } from './deploy-model';
import { result } from './deploy-model';
import { checkRuntimeImports } from './image-checks';
import type { LoadedRepository } from './load-model';
import { parseManifests } from './load-model';
import type { Check } from './checks';
import { CHECKS } from './checks';
import type { Mutation } from './self-test-mutations';
import { CLEAN_SOURCES, MUTATIONS, copy } from './self-test-mutations';

/** The self-test of the runtime-import check uses the clean fixture sources, not the repository's. */
function baseline(model: DeployModel, check: Check): DeployModel {
  return check === checkRuntimeImports ? { ...model, sources: CLEAN_SOURCES, productionDependencies: ['@nestjs/core'] } : model;
}

function runMutation(model: DeployModel, mutation: Mutation): string[] {
  const base = baseline(model, mutation.check);
  if (mutation.check(copy(base)).problems.length > 0) return [`${mutation.name}: the unbroken copy already fails this check`];
  const broken = mutation.check(mutation.mutate(copy(base)));
  if (broken.problems.some((problem) => problem.includes(mutation.expect))) return [];
  return [`${mutation.name}: "${broken.check}" did not report "${mutation.expect}" (got: ${broken.problems.join('; ') || 'nothing'})`];
}

/** Text-level breakages: a YAML syntax error, and a compose file docker-compose itself refuses. */
function textMutations(root: string, repository: LoadedRepository): CheckResult[] {
  const { deployTexts, composeText } = repository.raw;
  const brokenYaml = { ...deployTexts, 'deploy/base/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: itsm\n' };
  const yamlCaught = parseManifests(brokenYaml).check.problems.length > 0;
  const brokenCompose = composeText.replace('service_completed_successfully', 'service_completed');
  const composeCaught = brokenCompose !== composeText && checkComposeConfig(root, brokenCompose).problems.some((p) => p.includes('service_completed'));
  return [
    result('self-test: a YAML syntax error fails the parse check', yamlCaught ? [] : ['not caught']),
    result('self-test: docker-compose config refuses an invalid depends_on condition', composeCaught ? [] : ['not caught']),
  ];
}

/** Proves every check fails on a deliberately broken in-memory copy of the repository's files. */
export function runSelfTest(root: string, repository: LoadedRepository): CheckResult[] {
  const problems = MUTATIONS.flatMap((mutation) => {
    try {
      return runMutation(repository.model, mutation);
    } catch (error) {
      return [`${mutation.name}: ${error instanceof Error ? error.message : String(error)}`];
    }
  });
  for (const check of CHECKS.filter((c) => !MUTATIONS.some((mutation) => mutation.check === c))) {
    problems.push(`${check.name} has no mutation proving it can fail`);
  }
  return [...textMutations(root, repository), result(`self-test: ${MUTATIONS.length} broken copies, each caught by its check (${CHECKS.length} checks covered)`, problems)];
}
