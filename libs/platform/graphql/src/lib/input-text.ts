import { checkText, CodedError, TEXT_KINDS } from '@itsm/contracts';
import type { TextKind, TextProblem } from '@itsm/contracts';
import { Extensions } from '@nestjs/graphql';
import { getNullableType, isInputObjectType, isListType, isScalarType } from 'graphql';
import type { GraphQLArgument, GraphQLInputType } from 'graphql';

/** The GraphQL code clients already get for input the schema refuses. */
export const BAD_USER_INPUT = 'BAD_USER_INPUT';

/** A text input that breaks the platform's text rule: `extensions.details` names the field. */
export class InputTextError extends CodedError<typeof BAD_USER_INPUT> {
  override readonly name = 'InputTextError';

  constructor(path: string, problem: TextProblem) {
    const field = path.split('.').filter((part) => !/^[0-9]+$/.test(part)).at(-1) ?? path;
    super(
      BAD_USER_INPUT,
      problem.reason === 'too_long' ? `${path} has more than ${problem.max} characters` : `${path} contains a control character (only tab and newline are allowed)`,
      { field, path, reason: problem.reason, ...(problem.reason === 'too_long' ? { max: problem.max } : { index: problem.index }) },
    );
  }
}

const TEXT_KIND = 'textKind';
const TEXT_ARGS = 'textArgs';

/** The text kind of an input field whose default (ID: id, String: name) does not fit, e.g. `@InputText('text') description`. */
export function InputText(kind: TextKind): PropertyDecorator {
  return Extensions({ [TEXT_KIND]: kind });
}

/** The text kinds of a query's or mutation's own string arguments, e.g. `@InputTextArgs({ ics: 'document' })`. */
export function InputTextArgs(kinds: Readonly<Record<string, TextKind>>): MethodDecorator {
  return Extensions({ [TEXT_ARGS]: kinds });
}

function asKind(value: unknown): TextKind | undefined {
  return TEXT_KINDS.find((kind) => kind === value);
}

/**
 * Normalises (NFC, newlines) and checks every String and ID value in a field's arguments, nested
 * input objects and lists included, in place; throws InputTextError at the first that breaks the rule.
 */
export function cleanArguments(definitions: readonly GraphQLArgument[], extensions: Readonly<Record<string, unknown>>, args: Record<string, unknown>): void {
  const argKinds = extensions[TEXT_ARGS];
  for (const definition of definitions) {
    if (args[definition.name] === undefined) continue;
    const kind = typeof argKinds === 'object' && argKinds !== null ? asKind((argKinds as Record<string, unknown>)[definition.name]) : undefined;
    args[definition.name] = clean(args[definition.name], definition.type, kind, definition.name);
  }
}

function clean(value: unknown, type: GraphQLInputType, kind: TextKind | undefined, path: string): unknown {
  if (value === null || value === undefined) return value;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    return Array.isArray(value) ? value.map((item: unknown, index) => clean(item, nullable.ofType, kind, `${path}.${index}`)) : clean(value, nullable.ofType, kind, path);
  }
  if (isInputObjectType(nullable)) {
    if (typeof value !== 'object') return value;
    const object = value as Record<string, unknown>;
    for (const field of Object.values(nullable.getFields())) {
      if (object[field.name] === undefined) continue;
      object[field.name] = clean(object[field.name], field.type, asKind(field.extensions[TEXT_KIND]), `${path}.${field.name}`);
    }
    return object;
  }
  if (isScalarType(nullable) && (nullable.name === 'String' || nullable.name === 'ID') && typeof value === 'string') {
    const checked = checkText(value, kind ?? (nullable.name === 'ID' ? 'id' : 'name'));
    if ('problem' in checked) throw new InputTextError(path, checked.problem);
    return checked.value;
  }
  return value;
}
