import { ApprovalErrorCode, approvalError } from './approval.errors';

/** A fact the caller supplies about the thing to approve (e.g. `model: 'standard'`, `riskRank: 0`, `serviceIds: [...]`). */
export type FactValue = string | number | boolean | null | readonly string[];
export type Facts = Readonly<Record<string, FactValue>>;

export const COMPARISON_OPERATORS = ['eq', 'ne', 'in', 'not_in', 'lt', 'lte', 'gt', 'gte', 'contains'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export interface Comparison {
  readonly fact: string;
  readonly op: ComparisonOperator;
  readonly value: FactValue;
}

/**
 * A small typed condition tree over facts (no expressions, no eval): comparisons joined by
 * `all`, `any` and `not`. An `all` of nothing holds, an `any` of nothing does not.
 */
export type Condition =
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | Comparison;

export const CONDITION_LIMITS = { depth: 6, nodes: 64, listValues: 100, factName: 64, text: 200 } as const;

/** Whether the condition holds for the facts. A missing fact is null: only `eq null`, `ne x` and `not_in` can hold on it. */
export function evaluateCondition(condition: Condition, facts: Facts): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, facts));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, facts));
  if ('not' in condition) return !evaluateCondition(condition.not, facts);
  return compare(facts[condition.fact] ?? null, condition.op, condition.value);
}

function compare(actual: FactValue, op: ComparisonOperator, expected: FactValue): boolean {
  switch (op) {
    case 'eq':
      return sameValue(actual, expected);
    case 'ne':
      return !sameValue(actual, expected);
    case 'in':
      return Array.isArray(expected) && typeof actual === 'string' && expected.includes(actual);
    case 'not_in':
      return Array.isArray(expected) && !(typeof actual === 'string' && expected.includes(actual));
    case 'contains':
      return Array.isArray(actual) && typeof expected === 'string' && actual.includes(expected);
    case 'lt':
      return typeof actual === 'number' && typeof expected === 'number' && actual < expected;
    case 'lte':
      return typeof actual === 'number' && typeof expected === 'number' && actual <= expected;
    case 'gt':
      return typeof actual === 'number' && typeof expected === 'number' && actual > expected;
    case 'gte':
      return typeof actual === 'number' && typeof expected === 'number' && actual >= expected;
  }
}

function sameValue(a: FactValue, b: FactValue): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => v === b[i]);
  }
  return a === b;
}

/**
 * Reads a condition from outside input (a GraphQL JSON argument, a stored document), refusing
 * with APPROVAL.INVALID_CONDITION anything that is not exactly one of the four shapes, nests deeper
 * than CONDITION_LIMITS.depth or has more than CONDITION_LIMITS.nodes nodes.
 */
export function parseCondition(input: unknown): Condition {
  const counter = { nodes: 0 };
  return parseNode(input, 1, counter, '$');
}

function parseNode(input: unknown, depth: number, counter: { nodes: number }, path: string): Condition {
  if (depth > CONDITION_LIMITS.depth) throw invalid(path, `nests deeper than ${CONDITION_LIMITS.depth}`);
  counter.nodes += 1;
  if (counter.nodes > CONDITION_LIMITS.nodes) throw invalid(path, `has more than ${CONDITION_LIMITS.nodes} nodes`);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid(path, 'is not an object');
  const keys = Object.keys(input);
  const record = input as Record<string, unknown>;
  if (keys.length === 1 && (keys[0] === 'all' || keys[0] === 'any')) {
    const key = keys[0];
    const children = record[key];
    if (!Array.isArray(children)) throw invalid(`${path}.${key}`, 'is not a list');
    const parsed = children.map((c: unknown, i) => parseNode(c, depth + 1, counter, `${path}.${key}[${i}]`));
    return key === 'all' ? { all: parsed } : { any: parsed };
  }
  if (keys.length === 1 && keys[0] === 'not') return { not: parseNode(record['not'], depth + 1, counter, `${path}.not`) };
  if (keys.length === 3 && 'fact' in record && 'op' in record && 'value' in record) return parseComparison(record, path);
  throw invalid(path, 'is none of {all}, {any}, {not}, {fact, op, value}');
}

function parseComparison(record: Record<string, unknown>, path: string): Comparison {
  const { fact, op, value } = record;
  if (typeof fact !== 'string' || !/^[A-Za-z][A-Za-z0-9_.]*$/.test(fact) || fact.length > CONDITION_LIMITS.factName) {
    throw invalid(`${path}.fact`, 'is not a fact name (a letter, then letters, digits, _ or .)');
  }
  if (typeof op !== 'string' || !(COMPARISON_OPERATORS as readonly string[]).includes(op)) {
    throw invalid(`${path}.op`, `is not one of ${COMPARISON_OPERATORS.join(', ')}`);
  }
  const operator = op as ComparisonOperator;
  return { fact, op: operator, value: parseValue(operator, value, `${path}.value`) };
}

function parseValue(op: ComparisonOperator, value: unknown, path: string): FactValue {
  switch (op) {
    case 'in':
    case 'not_in':
      if (!Array.isArray(value) || value.length > CONDITION_LIMITS.listValues || !value.every((v) => isText(v))) {
        throw invalid(path, `is not a list of at most ${CONDITION_LIMITS.listValues} texts`);
      }
      return value as string[];
    case 'contains':
      if (!isText(value)) throw invalid(path, 'is not a text');
      return value;
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(path, 'is not a finite number');
      return value;
    case 'eq':
    case 'ne':
      if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || isText(value)) return value;
      throw invalid(path, 'is not a text, number, boolean or null');
  }
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= CONDITION_LIMITS.text;
}

function invalid(path: string, problem: string) {
  return approvalError(ApprovalErrorCode.InvalidCondition, `The condition at ${path} ${problem}.`, { path, problem });
}
