import type { Session } from '../auth/session';

/** Internal staff (not a supplier's agent): they read work notes, problems and the CMDB, and run every incident action. */
const INTERNAL = ['agent', 'incident-manager', 'problem-manager', 'admin'];
/** Who may resolve, close and cancel problems (the API's problem managers). */
const PROBLEM_MANAGERS = ['problem-manager', 'admin'];

export const isInternal = (session: Pick<Session, 'roles'>): boolean => session.roles.some((role) => INTERNAL.includes(role));
export const managesProblems = (session: Pick<Session, 'roles'>): boolean => session.roles.some((role) => PROBLEM_MANAGERS.includes(role));
