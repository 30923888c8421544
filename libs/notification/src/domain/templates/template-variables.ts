import type { TSchema } from '@sinclair/typebox';
import { fieldTypes } from '../event-fields';
import { NOTICE_LINKS } from '../notice';
import { NotificationErrorCode, notificationError } from '../notification.errors';
import type { TemplatePart } from './notification-template';

/** A variable a template reads, as the engine lists it statically: `ticket.link` is ['ticket', 'link']. */
export type VariablePath = readonly (string | number)[];

/** Where a variable was found, for the error's details. */
export interface VariableUse {
  readonly locale: string;
  readonly part: TemplatePart;
  readonly paths: readonly VariablePath[];
}

type Shape = 'string' | 'number' | 'event' | 'formatted' | { readonly [field: string]: Shape } | { readonly each: Shape };

const TICKET: Shape = { number: 'string', title: 'string', link: 'string', topic: 'string', id: 'string' };
const ITEM: Shape = { event: 'event', ticket: TICKET, actor: 'string', formatted: 'formatted' };
/**
 * The context every template has beside `event.*` (the payload): the ticket, the recipient, who
 * acted, and for digests and storms `count` and `items` (each with its event, ticket, actor and
 * formatted dates); `formatted.*` holds the event's dates in the recipient's locale and zone;
 * `links.acknowledge` an on-call page's signed acknowledgement link (empty elsewhere).
 */
const FIXED: Readonly<Record<string, Shape>> = {
  event: 'event',
  ticket: TICKET,
  recipient: { name: 'string', locale: 'string', timeZone: 'string' },
  actor: 'string',
  count: 'number',
  formatted: 'formatted',
  items: { each: ITEM },
  links: Object.fromEntries(NOTICE_LINKS.map((link) => [link, 'string'])),
};

/** The payload date fields formatted for the recipient under `formatted.<field>`, beside `formatted.time` (the event's time). */
export const EVENT_TIME_FIELD = 'time';

interface SchemaNode {
  readonly format?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
}

const alternatives = (node: SchemaNode): readonly SchemaNode[] => (node.anyOf ?? node.oneOf)?.flatMap(alternatives) ?? [node];

/** The top-level payload fields of `schema` that hold an ISO date-time (what `formatted.*` carries). */
export function dateTimeFields(schema: TSchema): readonly string[] {
  const fields = alternatives(schema as SchemaNode).flatMap((node) => Object.entries(node.properties ?? {}));
  return [...new Set(fields.filter(([, field]) => alternatives(field).some((alt) => alt.format === 'date-time')).map(([name]) => name))];
}

const ARRAY_PICKS = new Set(['first', 'last']);

/** True when `path` names a field (or its `size`, `first`, `last`) of the payload `schema`. */
function inPayload(schema: TSchema, path: readonly string[]): boolean {
  const walked: string[] = [];
  for (const [i, segment] of path.entries()) {
    const types = fieldTypes(schema, walked);
    if (segment === 'size' && i === path.length - 1 && (types.includes('array') || types.includes('string'))) return true;
    walked.push(ARRAY_PICKS.has(segment) && types.includes('array') ? '0' : segment);
    if (fieldTypes(schema, walked).length === 0) return false;
  }
  return true;
}

function fits(shape: Shape, path: readonly string[], schemas: readonly TSchema[]): boolean {
  if (shape === 'event') return path.length > 0 && schemas.length > 0 && schemas.every((schema) => inPayload(schema, path));
  if (shape === 'formatted') {
    if (path.length !== 1) return false;
    const [field = ''] = path;
    return field === EVENT_TIME_FIELD || (schemas.length > 0 && schemas.every((schema) => dateTimeFields(schema).includes(field)));
  }
  if (shape === 'string' || shape === 'number') return path.length === 0 || (shape === 'string' && path.length === 1 && path[0] === 'size');
  if (path.length === 0) return 'each' in shape;
  const [head = '', ...rest] = path;
  if ('each' in shape) {
    if (head === 'size') return rest.length === 0;
    return (ARRAY_PICKS.has(head) || /^\d+$/.test(head)) && fits(shape.each as Shape, rest, schemas);
  }
  const field = Object.prototype.hasOwnProperty.call(shape, head) ? (shape as Readonly<Record<string, Shape>>)[head] : undefined;
  return field !== undefined && fits(field, rest, schemas);
}

/**
 * Checks every variable a template reads: `event.*` must exist in the payload schema of EVERY
 * event type it is written for (none listed: no `event.*` at all), anything else in the fixed
 * context. The first unknown one is NOTIFICATION.UNKNOWN_TEMPLATE_VARIABLE with `details.variable`,
 * `details.locale` and `details.part`.
 */
export function checkTemplateVariables(uses: readonly VariableUse[], schemas: readonly TSchema[]): void {
  for (const use of uses) {
    for (const raw of use.paths) {
      const path = raw.map(String);
      if (fits(FIXED, path, schemas)) continue;
      const variable = path.join('.');
      throw notificationError(NotificationErrorCode.UnknownTemplateVariable, `the ${use.locale} ${use.part} reads "${variable}", which the event types and the fixed context do not have`, { variable, locale: use.locale, part: use.part });
    }
  }
}
