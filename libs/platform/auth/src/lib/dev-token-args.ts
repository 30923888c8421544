import { parseArgs } from 'node:util';
import type { DevTokenClaims } from './dev-key';
import { ROLES, isRole } from './roles';
import type { Role } from './roles';

export const DEV_TOKEN_USAGE = [
  'usage: npm run -s token -- --role <role> [--role <role> ...] [--org <org-id>] [--sub <user-id>]',
  '                           [--name <display name>] [--ttl <seconds>] [--key-file <path>]',
  `roles: ${ROLES.join(', ')} (supplier-agent needs --org)`,
  'Prints only the signed JWT, e.g. TOKEN=$(npm run -s token -- --role agent)',
].join('\n');

export type DevTokenCommand =
  | { readonly kind: 'issue'; readonly claims: DevTokenClaims; readonly keyFile: string | undefined }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string };

const usageError = (message: string): DevTokenCommand => ({ kind: 'usage-error', message });

/** `agent` -> "Demo Agent", `supplier-agent` -> "Demo Supplier Agent". */
function displayName(role: Role): string {
  const words = role.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return ['Demo', ...words].join(' ');
}

/** Parses the arguments of `npm run token`; sub and name default from the first role (`agent` -> `u-agent`). */
export function parseDevTokenArgs(argv: readonly string[]): DevTokenCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        role: { type: 'string', multiple: true },
        org: { type: 'string' },
        sub: { type: 'string' },
        name: { type: 'string' },
        ttl: { type: 'string' },
        'key-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error: unknown) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { kind: 'help' };
  const requested = values.role ?? [];
  const unknown = requested.filter((role) => !isRole(role));
  if (unknown.length > 0) return usageError(`unknown role: ${unknown.join(', ')}`);
  const roles = [...new Set(requested.filter(isRole))];
  const [first] = roles;
  if (first === undefined) return usageError('at least one --role is required');
  for (const option of ['org', 'sub', 'name', 'key-file'] as const) {
    if (values[option]?.trim() === '') return usageError(`--${option} must not be empty`);
  }
  if (roles.includes('supplier-agent') && values.org === undefined) return usageError('--role supplier-agent needs --org <org-id>');
  const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0)) return usageError(`--ttl must be a positive number of seconds, got "${values.ttl}"`);
  const claims: DevTokenClaims = {
    sub: values.sub ?? `u-${first}`,
    name: values.name ?? displayName(first),
    roles,
    ...(values.org !== undefined ? { org: values.org } : {}),
    ...(ttl !== undefined ? { ttlSeconds: ttl } : {}),
  };
  return { kind: 'issue', claims, keyFile: values['key-file'] };
}
