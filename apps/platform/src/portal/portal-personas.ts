import { CodedError } from '@itsm/contracts';
import type { DevTokenClaims, Role } from '@itsm/platform/auth';

interface Persona {
  readonly sub: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly org: string;
}

/**
 * The portal's sign-in personas in the all-in-one mode (development key only): each is a person of
 * the demo data (libs/directory/src/demo), with that person's roles and organisation, so a persona
 * sees the demo's tickets as that person would.
 */
export const PORTAL_PERSONAS = {
  requester: { sub: 'u-requester', name: 'Rita Requester', roles: ['requester'], org: 'fabrikam' },
  agent: { sub: 'u-agent', name: 'Agnes Agent', roles: ['agent'], org: 'contoso' },
  'supplier-agent': { sub: 'u-supplier-agent', name: 'Sam Supplier', roles: ['supplier-agent'], org: 'northwind-networks' },
  'change-manager': { sub: 'u-change-manager', name: 'Chris Change', roles: ['change-manager'], org: 'contoso' },
  'cab-member': { sub: 'u-cab-1', name: 'Carla CAB', roles: ['cab-member'], org: 'contoso' },
  admin: { sub: 'u-admin', name: 'Ada Admin', roles: ['admin'], org: 'contoso' },
} as const satisfies Record<string, Persona>;

export type PersonaId = keyof typeof PORTAL_PERSONAS;

export enum PersonaErrorCode {
  UnknownPersona = 'PORTAL.UNKNOWN_PERSONA',
}

export class PersonaError extends CodedError<PersonaErrorCode> {
  override readonly name = 'PersonaError';
}

const isPersona = (value: unknown): value is PersonaId => typeof value === 'string' && Object.prototype.hasOwnProperty.call(PORTAL_PERSONAS, value);

/** The persona a sign-in request (`{ "persona": "agent" }`) names; PersonaError when it names none. */
export function personaOf(body: unknown): { readonly id: PersonaId; readonly claims: DevTokenClaims } {
  const persona = typeof body === 'object' && body !== null ? (body as { persona?: unknown }).persona : undefined;
  if (!isPersona(persona)) {
    throw new PersonaError(PersonaErrorCode.UnknownPersona, `persona must be one of ${Object.keys(PORTAL_PERSONAS).join(', ')}`, { field: 'persona' });
  }
  const { sub, name, roles, org } = PORTAL_PERSONAS[persona];
  return { id: persona, claims: { sub, name, roles: [...roles], org } };
}
