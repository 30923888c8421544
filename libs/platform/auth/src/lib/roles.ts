/** What a caller may do, as carried in the token's `roles` claim. */
export type Role =
  | 'requester'
  | 'agent'
  | 'supplier-agent'
  | 'incident-manager'
  | 'problem-manager'
  | 'change-manager'
  | 'cab-member'
  | 'implementer'
  /** Manages the service portfolio and the catalogue (services, offerings, categories, items, entitlements). */
  | 'catalogue-admin'
  /** Manages notification rules, templates, endpoints, on-call schedules and escalation policies. */
  | 'notification-admin'
  | 'admin';

export const ROLES: readonly Role[] = Object.freeze([
  'requester',
  'agent',
  'supplier-agent',
  'incident-manager',
  'problem-manager',
  'change-manager',
  'cab-member',
  'implementer',
  'catalogue-admin',
  'notification-admin',
  'admin',
] as const);

const KNOWN = new Set<string>(ROLES);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && KNOWN.has(value);
}
