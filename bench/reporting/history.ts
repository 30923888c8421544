/**
 * A deterministic year of incident events (seeded PRNG), streamed in time order: incidents open
 * through the year (more on weekdays and in office hours), each gets its whole history when it
 * opens (opened, assigned, work started, notes, maybe passed to another organisation's group, put on
 * hold and resumed, resolved, sometimes reopened and resolved again, closed three days later; a few
 * canceled), and a min-heap releases the events of every open incident in time order. Only the
 * incidents in flight are held in memory, never the year. Events at or after the year's end are not
 * emitted (those incidents stay open or unclosed). No reprioritisation: an incident keeps the
 * priority it opened with (the baseline aggregation reads it from the opening).
 */
import { createEnvelope } from '@itsm/contracts';
import type { IncidentEvent } from '@itsm/reporting';
import { seededRandom } from '@itsm/testing';

export const YEAR_START = Date.UTC(2025, 0, 1);
export const YEAR_END = Date.UTC(2026, 0, 1);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const INTERNAL_ORG = 'org-internal';
const SERVICE_DESK = 'grp-service-desk';
/** 6 organisations, 20 groups: the internal IT's 8 (the service desk first) and 5 suppliers'. */
export const ORGANISATIONS: readonly { readonly id: string; readonly groups: readonly string[] }[] = [
  { id: INTERNAL_ORG, groups: [SERVICE_DESK, 'grp-network', 'grp-server', 'grp-database', 'grp-apps', 'grp-workplace', 'grp-security', 'grp-identity'] },
  { id: 'org-northwind', groups: ['grp-northwind-network', 'grp-northwind-dc', 'grp-northwind-voice'] },
  { id: 'org-contoso', groups: ['grp-contoso-erp', 'grp-contoso-crm', 'grp-contoso-hr'] },
  { id: 'org-fabrikam', groups: ['grp-fabrikam-print', 'grp-fabrikam-field'] },
  { id: 'org-tailspin', groups: ['grp-tailspin-cloud', 'grp-tailspin-backup'] },
  { id: 'org-litware', groups: ['grp-litware-mail', 'grp-litware-collab'] },
];
export const SUPPLIERS: readonly string[] = ORGANISATIONS.filter((o) => o.id !== INTERNAL_ORG).map((o) => o.id);
const SECOND_LEVEL = ORGANISATIONS.flatMap((o) => o.groups.filter((g) => g !== SERVICE_DESK).map((groupId) => ({ groupId, orgId: o.id })));
const INTERNAL_SECOND_LEVEL = SECOND_LEVEL.filter((g) => g.orgId === INTERNAL_ORG);
const SUPPLIER_GROUPS = SECOND_LEVEL.filter((g) => g.orgId !== INTERNAL_ORG);
const SERVICES = Array.from({ length: 50 }, (_, i) => `svc-${String(i + 1).padStart(2, '0')}`);
const CUSTOMERS = Array.from({ length: 30 }, (_, i) => `cust-${String(i + 1).padStart(2, '0')}`);
/** Share of incidents per priority 1..4, and the typical minutes to acknowledge and hours to resolve. */
const PRIORITY_SHARE = [0.03, 0.15, 0.5, 0.32];
const ACK_MINUTES = [8, 25, 90, 240];
const RESOLVE_HOURS = [4, 10, 30, 80];
const NOTES = ['Called the user back.', 'Checked the logs, no errors since the restart.', 'Waiting for the vendor to confirm.', 'Workaround applied.'];

type Random = () => number;
type IncidentType = IncidentEvent['type'];
type IncidentState = IncidentEvent['data']['state'];

interface Planned {
  readonly at: number;
  readonly type: IncidentType;
  readonly state: IncidentState;
  readonly data: Record<string, unknown>;
  readonly by: string;
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
/** A duration around `typical` (log-normal-ish, median `typical`, long tail). */
function around(random: Random, typical: number, spread: number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return typical * Math.exp(normal * spread);
}
const agent = (random: Random): string => `u-agent-${String(Math.floor(random() * 200)).padStart(3, '0')}`;

/** The opening instants of `count` incidents over the year, sorted: weekdays x4, 07-19 UTC x3. */
function openings(count: number, random: Random): Float64Array {
  const at = new Float64Array(count);
  for (let i = 0; i < count; ) {
    const t = YEAR_START + Math.floor(random() * (YEAR_END - YEAR_START - DAY) / 1000) * 1000;
    const date = new Date(t);
    const weight = ([0, 6].includes(date.getUTCDay()) ? 1 : 4) * (date.getUTCHours() >= 7 && date.getUTCHours() < 19 ? 3 : 1);
    if (random() * 12 < weight) at[i++] = t;
  }
  return at.sort();
}

/** One incident's whole history (its instants strictly increasing), from its opening at `openedAt`. */
function plan(index: number, openedAt: number, random: Random): Planned[] {
  const out: Planned[] = [];
  const priority = 1 + PRIORITY_SHARE.findIndex((_, i, shares) => random() < shares[i]! / shares.slice(i).reduce((a, b) => a + b, 0));
  const takenAtOpening = random() < 0.1;
  const desk = agent(random);
  const push = (at: number, type: IncidentType, state: IncidentState, data: Record<string, unknown>, by = desk): void => void out.push({ at: Math.round(at), type, state, data, by });
  const impactUrgency = [1, 1, 2, 3][priority - 1] as number;
  push(openedAt, 'itsm.incident.opened.v1', takenAtOpening ? 'in_progress' : 'new', {
    number: `INC${String(index + 1).padStart(7, '0')}`,
    title: `Incident ${index + 1}`,
    description: 'Reported through the portal.',
    callerId: `u-caller-${String(Math.floor(random() * 5000)).padStart(4, '0')}`,
    callerOrgId: pick(random, CUSTOMERS),
    impact: impactUrgency,
    urgency: impactUrgency,
    priority,
    category: null,
    serviceId: random() < 0.05 ? null : pick(random, SERVICES),
    configurationItemIds: [],
    assignmentGroupId: SERVICE_DESK,
    assignedOrgId: INTERNAL_ORG,
    assigneeId: takenAtOpening ? desk : null,
  });
  let t = openedAt;
  if (random() < 0.03) {
    push(t + around(random, 20 * MIN, 0.7) + MIN, 'itsm.incident.canceled.v1', 'canceled', { reason: 'Duplicate of another incident.' });
    return out;
  }
  // First assignment: kept at the service desk (to a person), or to a second-level group, internal or a supplier's.
  let holder = { groupId: SERVICE_DESK, orgId: INTERNAL_ORG };
  const roll = random();
  const next = roll < 0.45 ? holder : roll < 0.8 ? pick(random, INTERNAL_SECOND_LEVEL) : pick(random, SUPPLIER_GROUPS);
  const assignee = next === holder || random() < 0.5 ? agent(random) : null;
  t += around(random, ACK_MINUTES[priority - 1]! * MIN, 0.6) + MIN;
  push(t, 'itsm.incident.assigned.v1', assignee === null ? 'new' : 'in_progress', { groupId: next.groupId, orgId: next.orgId, assigneeId: assignee, previousGroupId: holder.groupId, previousOrgId: holder.orgId, previousAssigneeId: takenAtOpening ? desk : null });
  holder = next;
  t += around(random, 10 * MIN, 0.5) + MIN;
  push(t, 'itsm.incident.work-started.v1', 'in_progress', {});
  const resolveAt = Math.max(t + 10 * MIN, openedAt + around(random, RESOLVE_HOURS[priority - 1]! * HOUR, 0.8));
  // What happens between work started and the resolution, at sorted instants in between.
  const middle: ('note' | 'pass' | 'hold')[] = Array.from({ length: Math.floor(random() * 10) }, () => 'note' as const);
  if (random() < 0.15) middle.push('pass');
  if (random() < 0.2) middle.push('hold');
  for (let i = middle.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [middle[i], middle[j]] = [middle[j]!, middle[i]!];
  }
  const slots = middle.length + middle.filter((k) => k === 'hold').length;
  const instants = Array.from({ length: slots }, () => t + random() * (resolveAt - t)).sort((a, b) => a - b);
  let slot = 0;
  let noteCount = 0;
  const stamp = (): number => (t = Math.max(t + 1000, instants[slot++]!));
  for (const kind of middle) {
    if (kind === 'note') {
      noteCount += 1;
      push(stamp(), 'itsm.incident.note-added.v1', 'in_progress', { noteId: `note-${index}-${noteCount}`, kind: random() < 0.7 ? 'work_note' : 'comment', body: pick(random, NOTES) });
    } else if (kind === 'pass') {
      const others = SECOND_LEVEL.filter((g) => g.orgId !== holder.orgId);
      const to = pick(random, others);
      push(stamp(), 'itsm.incident.assigned.v1', 'in_progress', { groupId: to.groupId, orgId: to.orgId, assigneeId: null, previousGroupId: holder.groupId, previousOrgId: holder.orgId, previousAssigneeId: assignee });
      holder = to;
    } else {
      push(stamp(), 'itsm.incident.put-on-hold.v1', 'on_hold', { reason: random() < 0.5 ? 'awaiting_caller' : 'awaiting_vendor' });
      push(stamp(), 'itsm.incident.resumed.v1', 'in_progress', { trigger: random() < 0.5 ? 'manual' : 'caller_reply' });
    }
  }
  const resolved = { resolutionCode: 'fixed', resolutionNotes: 'Fixed.', cause: 'manual', causeId: null };
  t = Math.max(t + MIN, resolveAt);
  push(t, 'itsm.incident.resolved.v1', 'resolved', resolved);
  if (random() < 0.06) {
    t += around(random, 8 * HOUR, 0.8) + MIN;
    push(t, 'itsm.incident.reopened.v1', 'in_progress', { reason: 'Still failing.', reopenCount: 1 }, `u-caller-${index % 5000}`);
    t += around(random, 4 * HOUR, 0.8) + MIN;
    push(t, 'itsm.incident.resolved.v1', 'resolved', resolved);
  }
  push(t + 3 * DAY, 'itsm.incident.closed.v1', 'closed', { automatic: true }, 'system');
  return out;
}

/** The incident id of the index: 24 hex digits, as the incident context's ObjectIds. */
const incidentId = (index: number): string => `65${index.toString(16).padStart(22, '0')}`;

interface Pending {
  readonly at: number;
  readonly index: number;
  readonly sequence: number;
  readonly planned: Planned;
}

const before = (x: Pending, y: Pending): boolean => x.at < y.at || (x.at === y.at && (x.index < y.index || (x.index === y.index && x.sequence < y.sequence)));

/** A binary min-heap of pending events (time, then incident, then sequence). */
class EventHeap {
  private readonly items: Pending[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): Pending | undefined {
    return this.items[0];
  }
  push(item: Pending): void {
    const items = this.items;
    items.push(item);
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }
  pop(): Pending | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && before(items[l]!, items[m]!)) m = l;
        if (r < items.length && before(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top;
  }
}

function envelope(p: Pending): IncidentEvent {
  const subject = incidentId(p.index);
  const at = new Date(p.at);
  const iso = at.toISOString();
  return createEnvelope({
    id: `${subject}-${p.sequence}`,
    source: '/itsm/incident',
    type: p.planned.type,
    subject,
    time: at,
    data: { ...p.planned.data, state: p.planned.state, by: p.planned.by, at: iso },
    sequence: p.sequence,
    correlationid: subject,
  }) as unknown as IncidentEvent;
}

/** The year's events of `incidents` incidents in time order, `batch` at a time (the last may be shorter). */
export function* incidentYear(incidents: number, seed: number, batch: number): Generator<IncidentEvent[]> {
  const random = seededRandom(seed);
  const opens = openings(incidents, random);
  const heap = new EventHeap();
  let out: IncidentEvent[] = [];
  const release = (until: number): IncidentEvent[][] => {
    const full: IncidentEvent[][] = [];
    for (let top = heap.peek(); top !== undefined && top.at < until; top = heap.peek()) {
      out.push(envelope(heap.pop() as Pending));
      if (out.length === batch) {
        full.push(out);
        out = [];
      }
    }
    return full;
  };
  for (let index = 0; index < incidents; index += 1) {
    const openedAt = opens[index] as number;
    yield* release(openedAt);
    plan(index, openedAt, random).forEach((planned, i) => {
      if (planned.at < YEAR_END) heap.push({ at: planned.at, index, sequence: i + 1, planned });
    });
  }
  yield* release(Infinity);
  if (out.length > 0) yield out;
}
