import type { ContextDeclaration } from './context-declaration';
import { isUnderPrefix, ROUTE_PREFIX } from './own-body-routes';
import { ContextDeclarationError } from './service-kit.errors';

const NAME = /^[a-z][a-z0-9_]*$/;
/** The kit's and the gateway's own paths (the gateway serves the event contract on /asyncapi.json): no context route may take them. */
const KIT_PATHS = ['/graphql', '/health', '/metrics', '/asyncapi.json'];

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
    const readsFamilies = (d.topics.consumesFamilies ?? []).length > 0;
    if (readsFamilies && (d.familyConsumerGroup === undefined || d.familyConsumerGroup.trim() === '' || d.familyConsumerGroup === d.consumerGroup)) {
      problems.push(`context ${d.name}: consumes topic families, so it needs a familyConsumerGroup of its own (their members follow runtime data)`);
    }
    if (!readsFamilies && d.familyConsumerGroup !== undefined) problems.push(`context ${d.name}: declares familyConsumerGroup ${d.familyConsumerGroup} but consumes no topic family`);
    const owned = new Set(d.topics.owns.map((topic) => topic.name));
    for (const topic of d.topics.consumes) if (owned.has(topic.name)) problems.push(`context ${d.name}: lists ${topic.name} as owned and consumed (owned topics are read without listing them again)`);
    for (const { prefix, maxBodyBytes } of d.httpRoutes ?? []) {
      if (maxBodyBytes !== undefined && !(Number.isInteger(maxBodyBytes) && maxBodyBytes > 0)) problems.push(`context ${d.name}: route ${prefix} maxBodyBytes ${maxBodyBytes} must be a positive integer`);
      if (!ROUTE_PREFIX.test(prefix)) problems.push(`context ${d.name}: route prefix "${prefix}" must be a path like /scim/v2 (no trailing slash)`);
      else if (KIT_PATHS.some((path) => isUnderPrefix(path, prefix) || isUnderPrefix(prefix, path))) problems.push(`context ${d.name}: route prefix ${prefix} overlaps the kit's ${KIT_PATHS.join(', ')}`);
    }
  }
  const routes = declarations.flatMap((d) => (d.httpRoutes ?? []).filter((route) => ROUTE_PREFIX.test(route.prefix)).map((route) => ({ prefix: route.prefix, name: d.name })));
  for (const [i, a] of routes.entries()) {
    for (const b of routes.slice(i + 1)) {
      if (isUnderPrefix(a.prefix, b.prefix) || isUnderPrefix(b.prefix, a.prefix)) problems.push(`route prefixes ${a.prefix} (${a.name}) and ${b.prefix} (${b.name}) overlap`);
    }
  }
  const describe = (what: string) => ([value, names]: [string, string[]]) => `${what} ${value} is declared by ${names.join(' and ')}`;
  problems.push(...claimedTwice(declarations.map((d) => [d.name, d.name])).map(([name]) => `context name ${name} is declared twice`));
  problems.push(...claimedTwice(declarations.map((d) => [String(d.defaultPort), d.name])).map(describe('port')));
  problems.push(...claimedTwice(declarations.flatMap((d) => d.topics.owns.map((topic) => [topic.name, d.name] as const))).map(describe('owned topic')));
  const groups = declarations.flatMap((d) => [[d.consumerGroup, d.name] as const, ...(d.familyConsumerGroup !== undefined && d.familyConsumerGroup !== d.consumerGroup ? [[d.familyConsumerGroup, d.name] as const] : [])]);
  problems.push(...claimedTwice(groups).map(describe('consumer group')));
  return problems;
}

/** Refuses (ContextDeclarationError) a list with clashing names, ports, owned topics, consumer groups or route prefixes. */
export function checkContextDeclarations(declarations: readonly ContextDeclaration[]): void {
  const problems = contextDeclarationProblems(declarations);
  if (problems.length > 0) throw new ContextDeclarationError(problems);
}
