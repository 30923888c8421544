import { Type } from '@sinclair/typebox';
import { ConfigError } from './config.errors';
import { CommaList, RenamedTo, Secret, envSchema } from './env-schema';
import { httpEnv } from './fragments/http-env';
import { KafkaEnv, toKafkaSettings } from './fragments/kafka-env';
import { MongoEnv, toMongoSettings } from './fragments/mongo-env';
import { loadConfig } from './load-config';
import { loadConfigOrExit } from './load-config-or-exit';
import { redactConfig } from './redact-config';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.message);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  const schema = Type.Object({
    COUNT: Type.Integer(),
    RATIO: Type.Number(),
    ENABLED: Type.Boolean(),
    HOSTS: CommaList(Type.String()),
    MODE: Type.Union([Type.Literal('fast'), Type.Literal('safe')]),
    LEVEL: Type.Union([Type.Literal(1), Type.Literal(2)]),
  });

  it('coerces strings to the schema types', () => {
    const config = loadConfig(schema, {
      COUNT: '42',
      RATIO: ' 0.5 ',
      ENABLED: 'true',
      HOSTS: 'a:1, b:2,,',
      MODE: 'safe',
      LEVEL: '2',
    });
    expect(config).toEqual({ COUNT: 42, RATIO: 0.5, ENABLED: true, HOSTS: ['a:1', 'b:2'], MODE: 'safe', LEVEL: 2 });
  });

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('reads boolean %s as %s', (raw, expected) => {
    expect(loadConfig(Type.Object({ FLAG: Type.Boolean() }), { FLAG: raw }).FLAG).toBe(expected);
  });

  it('applies defaults when a variable is unset or empty', () => {
    const withDefaults = Type.Object({
      NAME: Type.String({ default: 'itsm' }),
      PORT: Type.Integer({ default: 3000 }),
      ON: Type.Boolean({ default: true }),
    });
    expect(loadConfig(withDefaults, { NAME: '', ON: 'false' })).toEqual({ NAME: 'itsm', PORT: 3000, ON: false });
  });

  it('lists every missing and malformed variable by name', () => {
    const problems = problemsOf(() =>
      loadConfig(schema, { RATIO: 'half', ENABLED: 'yes', HOSTS: 'a', MODE: 'fast', LEVEL: '3' }),
    );
    expect(problems).toEqual([
      'COUNT is required',
      'RATIO must be a number (got "half")',
      'ENABLED must be true, false, 1 or 0 (got "yes")',
      'LEVEL must be one of 1, 2 (got "3")',
    ]);
  });

  it('refuses a renamed variable, naming its new name, and accepts it unset', () => {
    // Composed as every service composes its fragments.
    const renamed = envSchema(Type.Object({ NEW_NAME: Type.Boolean({ default: false }), OLD_NAME: RenamedTo('NEW_NAME') }), Type.Object({ OTHER: Type.Integer({ default: 1 }) }));
    expect(problemsOf(() => loadConfig(renamed, { OLD_NAME: 'true' }))).toEqual(['OLD_NAME must be unset: renamed to NEW_NAME (got "true")']);
    expect(loadConfig(renamed, { NEW_NAME: 'true' })).toEqual({ NEW_NAME: true, OTHER: 1 });
    expect(loadConfig(renamed, { OLD_NAME: '' })).toEqual({ NEW_NAME: false, OTHER: 1 });
  });

  it('describes integer ranges', () => {
    const port = Type.Object({ PORT: Type.Integer({ minimum: 1, maximum: 65535 }) });
    expect(problemsOf(() => loadConfig(port, { PORT: 'abc' }))).toEqual([
      'PORT must be an integer between 1 and 65535 (got "abc")',
    ]);
    expect(problemsOf(() => loadConfig(port, { PORT: '70000' }))).toEqual([
      'PORT must be an integer between 1 and 65535 (got "70000")',
    ]);
    expect(problemsOf(() => loadConfig(port, { PORT: '1.5' }))).toHaveLength(1);
  });

  it('rejects an unknown enum value with the allowed list', () => {
    expect(problemsOf(() => loadConfig(httpEnv(3000), { LOG_LEVEL: 'loud' }))).toEqual([
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace (got "loud")',
    ]);
  });

  it('never echoes the value of a secret', () => {
    const secretSchema = Type.Object({ TOKEN: Secret(Type.String({ minLength: 10 })) });
    const [problem] = problemsOf(() => loadConfig(secretSchema, { TOKEN: 'hunter2' }));
    expect(problem).toBe('TOKEN must be at least 10 characters long');
    expect(problem).not.toContain('hunter2');
  });

  it('reads process.env by default', () => {
    expect(loadConfig(Type.Object({ PATH: Type.String() })).PATH).toBe(process.env['PATH']);
  });
});

describe('redactConfig', () => {
  it('replaces set secrets with *** and leaves the rest', () => {
    const schema = envSchema(KafkaEnv, MongoEnv);
    const config = loadConfig(schema, {
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'svc',
      KAFKA_SASL_PASSWORD: 'pw',
      MONGO_URL: 'mongodb://u:p@db:27017',
    });
    const redacted = redactConfig(schema, config);
    expect(redacted).toMatchObject({ KAFKA_SASL_USERNAME: 'svc', KAFKA_SASL_PASSWORD: '***', MONGO_URL: '***' });
    expect(config.KAFKA_SASL_PASSWORD).toBe('pw');
    expect(redactConfig(KafkaEnv, loadConfig(KafkaEnv, {}))).not.toHaveProperty('KAFKA_SASL_PASSWORD');
  });
});

describe('KafkaEnv', () => {
  it('defaults to an idempotent client named itsm without brokers', () => {
    expect(toKafkaSettings(loadConfig(KafkaEnv, {}))).toEqual({
      brokers: undefined,
      clientId: 'itsm',
      ssl: false,
      idempotent: true,
    });
  });

  it('maps brokers, ssl and SASL', () => {
    const env = { KAFKA_BROKERS: 'k1:9092,[::1]:9093', KAFKA_SSL: '1', KAFKA_IDEMPOTENT: 'false' };
    const sasl = { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' };
    expect(toKafkaSettings(loadConfig(KafkaEnv, { ...env, ...sasl }))).toEqual({
      brokers: ['k1:9092', '[::1]:9093'],
      clientId: 'itsm',
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' },
      idempotent: false,
    });
  });

  it('validates each broker', () => {
    expect(problemsOf(() => loadConfig(KafkaEnv, { KAFKA_BROKERS: 'k1:9092,k2' }))).toEqual([
      'KAFKA_BROKERS must be a comma-separated list of host:port (got "k1:9092,k2")',
    ]);
  });

  it('requires username and password once a SASL mechanism is set', () => {
    expect(problemsOf(() => loadConfig(KafkaEnv, { KAFKA_SASL_MECHANISM: 'plain' }))).toEqual([
      'KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM is set',
      'KAFKA_SASL_PASSWORD is required when KAFKA_SASL_MECHANISM is set',
    ]);
  });

  it('keeps the cross-field check when merged with other fragments', () => {
    const schema = envSchema(KafkaEnv, MongoEnv, httpEnv(4000));
    expect(problemsOf(() => loadConfig(schema, { KAFKA_SASL_MECHANISM: 'gssapi', PORT: '0' }))).toEqual([
      'KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512 (got "gssapi")',
      'KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM is set',
      'KAFKA_SASL_PASSWORD is required when KAFKA_SASL_MECHANISM is set',
      'PORT must be an integer between 1 and 65535 (got "0")',
    ]);
    expect(problemsOf(() => loadConfig(schema, { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' }))).toEqual([
      'KAFKA_SASL_PASSWORD is required when KAFKA_SASL_MECHANISM is set',
    ]);
  });
});

describe('MongoEnv and httpEnv', () => {
  it('maps mongo settings and checks the URL scheme', () => {
    expect(toMongoSettings(loadConfig(MongoEnv, { MONGO_URL: 'mongodb+srv://c.example' }))).toEqual({
      url: 'mongodb+srv://c.example',
      dbPrefix: 'itsm',
    });
    expect(problemsOf(() => loadConfig(MongoEnv, { MONGO_URL: 'http://db' }))).toEqual([
      'MONGO_URL must be a URL starting with mongodb:// or mongodb+srv://',
    ]);
  });

  it('uses the service default port', () => {
    expect(loadConfig(httpEnv(4010), {})).toEqual({ PORT: 4010, LOG_LEVEL: 'info', NODE_ENV: 'development' });
  });
});

describe('loadConfigOrExit', () => {
  const schema = Type.Object({ KAFKA_BROKERS: CommaList(Type.String()), PORT: Type.Integer({ minimum: 1 }) });
  const exit = (code: number): never => {
    throw new Error(`exit ${code}`);
  };

  it('prints every problem and exits with EX_CONFIG', () => {
    const written: string[] = [];
    expect(() => loadConfigOrExit(schema, { PORT: 'x' }, exit, (s) => written.push(s))).toThrow('exit 78');
    expect(written.join('')).toBe(
      'Configuration error:\n  - KAFKA_BROKERS is required\n  - PORT must be an integer >= 1 (got "x")\n',
    );
  });

  it('returns the config when valid and rethrows anything that is not a ConfigError', () => {
    expect(loadConfigOrExit(schema, { KAFKA_BROKERS: 'a:1', PORT: '1' }, exit)).toEqual({ KAFKA_BROKERS: ['a:1'], PORT: 1 });
    const broken = Type.Object({ X: Type.String({ format: 'no-such-format' }) });
    expect(() => loadConfigOrExit(broken, {}, exit)).toThrow(/unknown format/);
  });
});
