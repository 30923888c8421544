import type { SlaClock } from './derive-clocks';
import type { TicketTimeline } from './ticket-timeline';

/** Who is looking, as the visibility rule needs it. */
export interface SlaViewer {
  readonly userId: string;
  readonly roles: readonly string[];
  readonly orgId: string | undefined;
}

const INTERNAL = ['agent', 'incident-manager', 'problem-manager', 'admin'];

/**
 * Which clocks of a ticket a viewer sees: internal staff all of them; a supplier agent only the
 * underpinning-contract clocks of its own organisation's segments; the ticket's caller only the
 * customer-facing SLA clocks. Anyone else none (the ticket itself is guarded by its own service).
 */
export function visibleClocks(viewer: SlaViewer, timeline: Pick<TicketTimeline, 'callerId'>, clocks: readonly SlaClock[]): SlaClock[] {
  if (viewer.roles.some((r) => INTERNAL.includes(r))) return [...clocks];
  if (viewer.roles.includes('supplier-agent') && viewer.orgId !== undefined) {
    return clocks.filter((c) => c.kind === 'UC' && c.segment?.orgId === viewer.orgId);
  }
  if (viewer.roles.includes('requester') && timeline.callerId === viewer.userId) return clocks.filter((c) => c.kind === 'SLA');
  return [];
}
