/**
 * `npm run -s token -- --role agent [--role admin] [--org acme-supplier] [--sub u-alice] [--name "Alice"]
 * [--ttl 3600] [--key-file path]`: prints a dev JWT (and nothing else) on stdout, signed with the dev
 * key the services verify with (created on first use). Issuer, audience and the key file default to
 * what the services read from AUTH_ISSUER, AUTH_AUDIENCE and AUTH_DEV_KEY_FILE.
 */
import { AuthEnv, DEFAULT_DEV_KEY_FILE, DEV_TOKEN_USAGE, issueDevToken, parseDevTokenArgs } from '@itsm/platform/auth';
import { loadConfigOrExit } from '@itsm/platform/config';

const EX_USAGE = 2;

async function main(argv: readonly string[]): Promise<number> {
  const command = parseDevTokenArgs(argv);
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${DEV_TOKEN_USAGE}\n`);
      return 0;
    case 'usage-error':
      process.stderr.write(`token: ${command.message}\n${DEV_TOKEN_USAGE}\n`);
      return EX_USAGE;
    case 'issue': {
      const env = loadConfigOrExit(AuthEnv);
      const keyFile = command.keyFile ?? env.AUTH_DEV_KEY_FILE ?? DEFAULT_DEV_KEY_FILE;
      const token = await issueDevToken(keyFile, command.claims, { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE });
      process.stdout.write(`${token}\n`);
      return 0;
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
