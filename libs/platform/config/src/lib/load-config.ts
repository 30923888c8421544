import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Static, TObject } from '@sinclair/typebox';
import { ConfigError } from './config.errors';
import type { ConfigProblem } from './config.errors';
import { coerceEnvValue, describeExpected } from './coerce-env';
import { asNode } from './env-schema';

export type Env = Readonly<Record<string, string | undefined>>;

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addKeyword({ keyword: 'secret', schemaType: 'boolean' });
ajv.addKeyword({ keyword: 'expected', schemaType: 'string' });

const validators = new WeakMap<TObject, ValidateFunction>();

function validatorFor(schema: TObject): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(schema, validate);
  }
  return validate;
}

/**
 * Reads the variables named by `schema`'s properties from `env`, converts them to the schema's
 * types, applies defaults and validates. Throws a ConfigError naming every bad variable.
 */
export function loadConfig<T extends TObject>(schema: T, env: Env = process.env): Static<T> {
  const values: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties)) {
    const raw = env[name]?.trim();
    const node = asNode(property);
    // An empty variable (`FOO=`) means "unset": that is how compose files and charts blank a value.
    if (raw === undefined || raw === '') {
      if (node.default !== undefined) values[name] = structuredClone(node.default);
    } else {
      values[name] = coerceEnvValue(node, raw);
    }
  }
  const validate = validatorFor(schema);
  if (!validate(values)) throw new ConfigError(problemsOf(schema, env, validate.errors ?? []));
  return values as Static<T>;
}

function problemsOf(schema: TObject, env: Env, errors: readonly ErrorObject[]): ConfigProblem[] {
  const byVariable = new Map<string, string>();
  for (const error of errors) {
    const problem = problemOf(schema, env, error);
    if (!byVariable.has(problem.variable)) byVariable.set(problem.variable, problem.message);
  }
  const order = Object.keys(schema.properties);
  return [...byVariable]
    .map(([variable, message]) => ({ variable, message }))
    .sort((a, b) => order.indexOf(a.variable) - order.indexOf(b.variable));
}

function problemOf(schema: TObject, env: Env, error: ErrorObject): ConfigProblem {
  const params = error.params as { missingProperty?: string; property?: string };
  if (error.keyword === 'required' && params.missingProperty) {
    return { variable: params.missingProperty, message: `${params.missingProperty} is required` };
  }
  if (error.keyword === 'dependencies' && params.missingProperty) {
    const message = `${params.missingProperty} is required when ${params.property ?? 'another variable'} is set`;
    return { variable: params.missingProperty, message };
  }
  const variable = error.instancePath.split('/')[1] ?? '';
  const property = schema.properties[variable];
  if (!property) return { variable, message: `${variable || 'configuration'} ${error.message ?? 'is invalid'}` };
  const node = asNode(property);
  const got = node.secret ? '' : ` (got ${JSON.stringify(env[variable]?.trim() ?? node.default)})`;
  return { variable, message: `${variable} must be ${describeExpected(node)}${got}` };
}
