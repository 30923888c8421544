import type { Viewer } from '../domain';

/** The platform acting on its own rules (cascades, auto-close, re-prioritisation). */
export const SYSTEM_VIEWER: Viewer = { userId: 'system', roles: ['admin'], orgId: undefined };
