export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

/** Every missing or malformed environment variable at once, so one restart fixes them all. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(['Configuration error:', ...problems.map((p) => `  - ${p.message}`)].join('\n'));
  }
}
