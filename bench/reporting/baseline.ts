/**
 * The baseline: the bench's two reports computed by MongoDB aggregations over the raw incident
 * events (the topic's envelopes as stored, indexed { type, data.at } and { subject }), with the
 * projection's meaning: an incident counts as resolved at its first resolution (a later reopening
 * does not move it), its time to resolve is from its opening to then, for the organisation that had
 * it then (its latest assignment before that resolution, or the opening's); an organisation's
 * handover is an assignment from it to another.
 * Instants are compared as the events' ISO strings (one format: their order is the time order).
 * No $lookup: CongoDB answers one by testing every foreign document per input document; each report
 * is one pass grouping the events it needs by incident (the scorecard's handovers a second, by index).
 */
import type { PeriodBucket } from '@itsm/reporting';
import type { Collection, Document } from 'mongodb';

export const RAW_EVENTS = 'bench_incident_events';
const OPENED = 'itsm.incident.opened.v1';
const ASSIGNED = 'itsm.incident.assigned.v1';
const RESOLVED = 'itsm.incident.resolved.v1';

export interface Resolutions {
  readonly resolved: number;
  readonly mttrMs: number | null;
}
export interface ScorecardMonth extends Resolutions {
  readonly handedOver: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const whenType = (type: string | string[], value: unknown): Document => ({ $cond: [Array.isArray(type) ? { $in: ['$type', type] } : { $eq: ['$type', type] }, value, null] });
const toMs = (field: string): Document => ({ $toLong: { $toDate: field } });
const mean = (sum: number, count: number): number | null => (count === 0 ? null : Math.round(sum / count));

/** "<sequence + 10^9>|<value>": in sequence order as text (one incident's events). */
const bySequence = (value: unknown): Document => ({ $concat: [{ $toString: { $add: [1_000_000_000, '$sequence'] } }, '|', value] });
const afterBar = (field: unknown): Document => ({ $arrayElemAt: [{ $split: [field, '|'] }, 1] });

/**
 * Per incident (events grouped by subject): its opening, priority, first resolution, and the
 * organisation that had it then (the greatest "<sequence>|<org>" of the opening and assignments
 * below the first resolution's).
 */
const perIncident: Document[] = [
  {
    $group: {
      _id: '$subject',
      openedAt: { $max: whenType(OPENED, '$data.at') },
      priority: { $max: whenType(OPENED, '$data.priority') },
      firstResolved: { $min: whenType(RESOLVED, bySequence('$data.at')) },
      owners: { $push: whenType([OPENED, ASSIGNED], bySequence({ $ifNull: ['$data.orgId', '$data.assignedOrgId', ''] })) },
    },
  },
  { $match: { firstResolved: { $ne: null } } },
  {
    $project: {
      openedAt: 1,
      priority: 1,
      resolvedAt: afterBar('$firstResolved'),
      holder: { $max: { $filter: { input: '$owners', cond: { $and: [{ $ne: ['$$this', null] }, { $lt: ['$$this', '$firstResolved'] }] } } } },
    },
  },
];
/** Those first resolved in [from, to). */
const resolvedIn = (from: number, to: number): Document => ({
  $match: { $expr: { $and: [{ $gte: ['$resolvedAt', iso(from)] }, { $lt: ['$resolvedAt', iso(to)] }] } },
});

/**
 * The month's resolutions and MTTR per priority: one pass over the openings and resolutions. (Picking the month's resolved incidents first and then `subject: { $in: [...] }`
 * would use the { subject } index on MongoDB, but CongoDB's $in tests each event against the whole
 * list: 16 s instead of 2 s at 20,000 incidents, a baseline slower than it need be.)
 */
export async function monthByPriority(events: Collection, month: PeriodBucket): Promise<Map<string, Resolutions>> {
  const rows = await events
    .aggregate<{ _id: number; resolved: number; resolveMs: number }>([
      { $match: { type: { $in: [OPENED, RESOLVED] } } },
      ...perIncident,
      resolvedIn(month.start, month.end),
      { $group: { _id: '$priority', resolved: { $sum: 1 }, resolveMs: { $sum: { $subtract: [toMs('$resolvedAt'), toMs('$openedAt')] } } } },
    ])
    .toArray();
  return new Map(rows.map((r) => [String(r._id), { resolved: r.resolved, mttrMs: mean(r.resolveMs, r.resolved) }]));
}

/**
 * A supplier's scorecard by month over `months`: resolutions and MTTR of the incidents it had when first resolved,
 * and its handovers (assignments from it to another organisation), each bucketed by month.
 */
export async function supplierScorecard(events: Collection, supplier: string, months: readonly PeriodBucket[]): Promise<Map<string, ScorecardMonth>> {
  const first = months[0] as PeriodBucket;
  const last = months.at(-1) as PeriodBucket;
  const boundaries = [...months.map((m) => m.start), last.end];
  const byMonth = (output: Document): Document => ({ $bucket: { groupBy: '$atMs', boundaries, default: 'outside', output } });
  const [resolutions, handovers] = await Promise.all([
    events
      .aggregate<{ _id: number | string; resolved: number; resolveMs: number }>([
        { $match: { type: { $in: [OPENED, ASSIGNED, RESOLVED] } } },
        ...perIncident,
        resolvedIn(first.start, last.end),
        { $project: { org: afterBar('$holder'), atMs: toMs('$resolvedAt'), resolveMs: { $subtract: [toMs('$resolvedAt'), toMs('$openedAt')] } } },
        { $match: { org: supplier } },
        byMonth({ resolved: { $sum: 1 }, resolveMs: { $sum: '$resolveMs' } }),
      ])
      .toArray(),
    events
      .aggregate<{ _id: number | string; handedOver: number }>([
        { $match: { type: ASSIGNED, 'data.at': { $gte: iso(first.start), $lt: iso(last.end) }, 'data.previousOrgId': supplier, 'data.orgId': { $ne: supplier } } },
        { $project: { atMs: toMs('$data.at') } },
        byMonth({ handedOver: { $sum: 1 } }),
      ])
      .toArray(),
  ]);
  const label = new Map(months.map((m) => [m.start, m.label]));
  const out = new Map<string, ScorecardMonth>();
  const monthOf = (start: number | string): string | undefined => (typeof start === 'number' ? label.get(start) : undefined);
  for (const r of resolutions) {
    const name = monthOf(r._id);
    if (name !== undefined) out.set(name, { resolved: r.resolved, mttrMs: mean(r.resolveMs, r.resolved), handedOver: 0 });
  }
  for (const h of handovers) {
    const name = monthOf(h._id);
    if (name !== undefined) out.set(name, { resolved: out.get(name)?.resolved ?? 0, mttrMs: out.get(name)?.mttrMs ?? null, handedOver: h.handedOver });
  }
  return out;
}
