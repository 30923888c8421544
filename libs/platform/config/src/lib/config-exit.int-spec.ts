import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../../../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const fixture = join(__dirname, '../test-fixtures/boot.ts');

function boot(env: Record<string, string>) {
  const { PATH, HOME } = process.env;
  return spawnSync(tsx, [fixture], { cwd: root, env: { PATH, HOME, ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('loadConfigOrExit in a real process', () => {
  it('exits 78 naming the missing variable', () => {
    const result = boot({});
    expect(result.stderr).toContain('Configuration error:\n  - KAFKA_BROKERS is required');
    expect(result.status).toBe(78);
  });

  it('exits 0 when the configuration is valid', () => {
    const result = boot({ KAFKA_BROKERS: 'localhost:9092' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('brokers=localhost:9092\n');
    expect(result.status).toBe(0);
  });
});
