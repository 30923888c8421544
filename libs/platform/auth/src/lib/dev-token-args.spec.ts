import { parseDevTokenArgs } from './dev-token-args';

describe('parseDevTokenArgs', () => {
  it('defaults sub and name from the first role', () => {
    expect(parseDevTokenArgs(['--role', 'agent'])).toEqual({
      kind: 'issue',
      claims: { sub: 'u-agent', name: 'Demo Agent', roles: ['agent'] },
      keyFile: undefined,
    });
  });

  it('takes every option', () => {
    const argv = ['--role', 'supplier-agent', '--role', 'agent', '--org', 'acme', '--sub', 'u-sam', '--name', 'Sam', '--ttl', '60', '--key-file', 'k.json'];
    expect(parseDevTokenArgs(argv)).toEqual({
      kind: 'issue',
      claims: { sub: 'u-sam', name: 'Sam', roles: ['supplier-agent', 'agent'], org: 'acme', ttlSeconds: 60 },
      keyFile: 'k.json',
    });
  });

  it.each([
    [[], /at least one --role/],
    [['--role', 'root'], /unknown role: root/],
    [['--role', 'supplier-agent'], /needs --org/],
    [['--role', 'agent', '--ttl', '1.5'], /--ttl must be a positive number/],
    [['--role', 'agent', '--ttl', '0'], /--ttl must be a positive number/],
    [['--role', 'agent', '--sub', ' '], /--sub must not be empty/],
    [['--role', 'agent', '--bogus'], /Unknown option/],
    [['--role', 'agent', 'extra'], /positional/],
  ])('refuses %j', (argv, message) => {
    const command = parseDevTokenArgs(argv);
    expect(command.kind).toBe('usage-error');
    expect(command.kind === 'usage-error' && command.message).toMatch(message);
  });

  it('asks for help', () => {
    expect(parseDevTokenArgs(['--help'])).toEqual({ kind: 'help' });
  });
});
