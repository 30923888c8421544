import type { Static, TObject } from '@sinclair/typebox';
import { ConfigError } from './config.errors';
import { loadConfig } from './load-config';
import type { Env } from './load-config';

/** sysexits.h EX_CONFIG: the process cannot start with this configuration; restarting will not help. */
export const EX_CONFIG = 78;

/** `loadConfig` for a process entry point: a ConfigError is printed and ends the process with 78. */
export function loadConfigOrExit<T extends TObject>(
  schema: T,
  env: Env = process.env,
  exit: (code: number) => never = (code) => process.exit(code),
  write: (text: string) => void = (text) => process.stderr.write(text),
): Static<T> {
  try {
    return loadConfig(schema, env);
  } catch (error: unknown) {
    if (!(error instanceof ConfigError)) throw error;
    write(`${error.message}\n`);
    return exit(EX_CONFIG);
  }
}

/**
 * For variables a fragment leaves optional but this process needs (e.g. KAFKA_BROKERS in a
 * microservice, where unset would mean the all-in-one's in-process bus): exits 78 naming each.
 */
export function requireOrExit<T extends object>(
  config: T,
  names: readonly (keyof T & string)[],
  why: string,
  exit: (code: number) => never = (code) => process.exit(code),
  write: (text: string) => void = (text) => process.stderr.write(text),
): void {
  const missing = names.filter((name) => config[name] === undefined);
  if (missing.length === 0) return;
  write(`${new ConfigError(missing.map((variable) => ({ variable, message: `${variable} is required (${why})` }))).message}\n`);
  exit(EX_CONFIG);
}
