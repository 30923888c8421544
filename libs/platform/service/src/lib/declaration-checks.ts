import type { ContextDeclaration } from './context-declaration';
import { ContextDeclarationError } from './service-kit.errors';

const NAME = /^[a-z][a-z0-9_]*$/;

/** Values claimed by more than one declaration: `value -> names`. */
function claimedTwice(claims: readonly (readonly [string, string])[]): [string, string[]][] {
  const owners = new Map<string, string[]>();
  for (const [value, name] of claims) owners.set(value, [...(owners.get(value) ?? []), name]);
  return [...owners.entries()].filter(([, names]) => names.length > 1);
}

/** Everything wrong with a list of declarations (one process's, or the platform's): empty when it can run. */
export function contextDeclarationProblems(declarations: readonly ContextDeclaration[]): string[] {
  const problems: string[] = [];
  for (const d of declarations) {
    if (!NAME.test(d.name)) problems.push(`context name "${d.name}" must be lower-case letters, digits or _ (it names its database)`);
    if (!Number.isInteger(d.defaultPort) || d.defaultPort < 1 || d.defaultPort > 65_535) problems.push(`context ${d.name}: default port ${d.defaultPort} is not a TCP port`);
    if (d.consumerGroup.trim() === '') problems.push(`context ${d.name}: consumer group is empty`);
    const owned = new Set(d.topics.owns.map((topic) => topic.name));
    for (const topic of d.topics.consumes) if (owned.has(topic.name)) problems.push(`context ${d.name}: lists ${topic.name} as owned and consumed (owned topics are read without listing them again)`);
  }
  const describe = (what: string) => ([value, names]: [string, string[]]) => `${what} ${value} is declared by ${names.join(' and ')}`;
  problems.push(...claimedTwice(declarations.map((d) => [d.name, d.name])).map(([name]) => `context name ${name} is declared twice`));
  problems.push(...claimedTwice(declarations.map((d) => [String(d.defaultPort), d.name])).map(describe('port')));
  problems.push(...claimedTwice(declarations.flatMap((d) => d.topics.owns.map((topic) => [topic.name, d.name] as const))).map(describe('owned topic')));
  problems.push(...claimedTwice(declarations.map((d) => [d.consumerGroup, d.name])).map(describe('consumer group')));
  return problems;
}

/** Refuses (ContextDeclarationError) a list with clashing names, ports, owned topics or consumer groups. */
export function checkContextDeclarations(declarations: readonly ContextDeclaration[]): void {
  const problems = contextDeclarationProblems(declarations);
  if (problems.length > 0) throw new ContextDeclarationError(problems);
}
