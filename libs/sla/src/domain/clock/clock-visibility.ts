import type { SlaClock } from './derive-clocks';
import type { TicketTimeline } from './ticket-timeline';

/** Who is looking, as the visibility rule needs it. */
export interface SlaViewer {
  readonly userId: string;
  readonly roles: readonly string[];
  readonly orgId: string | undefined;
}

/** Staff who see every clock of every ticket. */
const INTERNAL = ['agent', 'incident-manager', 'problem-manager', 'admin'];
/** Who also sees every clock of service requests, their items and tasks (the catalogue's admins). */
const REQUEST_ADMINS = ['catalogue-admin'];

/**
 * Which clocks of a ticket a viewer sees, the one rule of every read of clocks (`slas` on the
 * ticket types, `requestSlas`): internal staff all of them (catalogue admins too, on service
 * requests, their items and tasks); a supplier agent only the underpinning-contract clocks of its
 * own organisation's segments; the person the ticket is for, and whoever ordered a request for
 * them, only the customer-facing SLA clocks. Anyone else none (the ticket itself is guarded by its
 * own service). The engine knows no group membership, so internal staff are not narrowed to the
 * groups of a request's tasks as the catalogue's reads are.
 */
export function visibleClocks(viewer: SlaViewer, timeline: Pick<TicketTimeline, 'ticketType' | 'callerId' | 'orderedById'>, clocks: readonly SlaClock[]): SlaClock[] {
  const admins = timeline.ticketType === 'incident' ? INTERNAL : [...INTERNAL, ...REQUEST_ADMINS];
  if (viewer.roles.some((r) => admins.includes(r))) return [...clocks];
  if (viewer.roles.includes('supplier-agent')) {
    return viewer.orgId === undefined ? [] : clocks.filter((c) => c.kind === 'UC' && c.segment?.orgId === viewer.orgId);
  }
  if (timeline.callerId === viewer.userId || timeline.orderedById === viewer.userId) return clocks.filter((c) => c.kind === 'SLA');
  return [];
}
