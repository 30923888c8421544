import type { SourceEvent } from '../notice';
import type { ConditionScalar, RuleCondition } from './notification-rule';
import type { TicketFacts } from './ticket-facts';
import { valueAt } from './ticket-profiles';

/** What conditions are evaluated against: the event, and its ticket's facts before and after it. */
export interface ConditionSubject {
  readonly event: Pick<SourceEvent, 'data'>;
  readonly before: TicketFacts | null;
  readonly after: TicketFacts | null;
}

/** `event.priority` -> ['event', 'priority']; anything else -> null. */
export function splitField(field: string): { readonly root: 'event' | 'ticket'; readonly path: string } | null {
  const match = /^(event|ticket)\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)$/.exec(field);
  return match === null ? null : { root: match[1] as 'event' | 'ticket', path: match[2] as string };
}

function read(subject: ConditionSubject, field: string): unknown {
  const split = splitField(field);
  if (split === null) return undefined;
  return valueAt(split.root === 'event' ? subject.event.data : (subject.after?.fields ?? {}), split.path);
}

const isScalar = (value: unknown): value is ConditionScalar => value === null || ['string', 'number', 'boolean'].includes(typeof value);

function compare(actual: unknown, expected: unknown): number | null {
  if (typeof actual === 'number' && typeof expected === 'number') return actual - expected;
  if (typeof actual === 'string' && typeof expected === 'string') return actual < expected ? -1 : actual > expected ? 1 : 0;
  return null;
}

/** Whether one condition holds (a missing field satisfies only `ne`, `not_in` and `exists: false`). */
export function conditionHolds(condition: RuleCondition, subject: ConditionSubject): boolean {
  const actual = read(subject, condition.field);
  const { value } = condition;
  switch (condition.operator) {
    case 'eq':
      return actual === value;
    case 'ne':
      return actual !== value;
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const order = compare(actual, value);
      if (order === null) return false;
      return condition.operator === 'lt' ? order < 0 : condition.operator === 'lte' ? order <= 0 : condition.operator === 'gt' ? order > 0 : order >= 0;
    }
    case 'in':
      return Array.isArray(value) && isScalar(actual) && value.includes(actual);
    case 'not_in':
      return Array.isArray(value) && !(isScalar(actual) && value.includes(actual));
    case 'exists':
      return (actual !== undefined && actual !== null) === (value === true);
    case 'changed_to': {
      const path = splitField(condition.field)?.path ?? '';
      const previous = valueAt(subject.before?.fields ?? {}, path);
      const now = read(subject, condition.field);
      return now === value && previous !== value;
    }
  }
}

/** Whether every condition holds (no conditions: always). */
export function conditionsHold(conditions: readonly RuleCondition[], subject: ConditionSubject): boolean {
  return conditions.every((condition) => conditionHolds(condition, subject));
}
