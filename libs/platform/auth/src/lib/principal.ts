import type { Role } from './roles';

/** The verified caller of a request. */
export interface Principal {
  readonly userId: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** The caller's organisation; always set for a supplier agent. */
  readonly orgId: string | undefined;
}

/** True when the principal holds at least one of `roles`. */
export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}
