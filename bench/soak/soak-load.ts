/**
 * The mixed load of bench:soak, open loop: request slots at a fixed rate from a seeded, repeating
 * pattern of kinds, each sent at its scheduled instant whatever earlier requests are doing, and its
 * latency counted from that instant (a late send is the system's delay too: no coordinated
 * omission). Incidents follow a scripted life (assign, work notes, resolve) on the update slots;
 * queries read incident lists and details (with their SLA clocks and affected services) and the CMDB
 * (CI details, lists by class, impact analysis, service maps).
 */
import type { GraphqlClient, Outcome } from './gql-client';
import { field, list } from './gql-client';
import type { RequestSample } from './figures';

export const SOAK_GROUP = 'soak-desk';
export const SOAK_ASSIGNEES = ['u-soak-1', 'u-soak-2', 'u-soak-3'] as const;

/** One cycle of slot kinds (20 slots): 10 % opens, 35 % lifecycle updates, 55 % queries. */
const PATTERN = ['open', 'open', ...Array<'update'>(7).fill('update'), 'list', 'list', 'list', 'detail', 'detail', 'ci_detail', 'ci_detail', 'ci_list', 'impact', 'impact', 'service_map'] as const;
type SlotKind = (typeof PATTERN)[number];

export interface CmdbFacts {
  readonly ciIds: readonly string[];
  readonly classIds: readonly string[];
  readonly businessServiceIds: readonly string[];
}

type Step = { readonly kind: 'assign'; readonly atMs: number; readonly assignee: string } | { readonly kind: 'note'; readonly atMs: number } | { readonly kind: 'resolve'; readonly atMs: number };

interface SoakIncident {
  readonly id: string;
  readonly steps: Step[];
  busy: boolean;
  resolved: boolean;
}

export interface LoadOptions {
  readonly client: GraphqlClient;
  readonly token: string;
  readonly ratePerS: number;
  readonly durationMs: number;
  readonly random: () => number;
  readonly cmdb: CmdbFacts;
}

const OPEN = 'mutation($i: OpenIncidentInput!) { openIncident(input: $i) { id number state priority } }';
const ASSIGN = 'mutation($i: AssignIncidentInput!) { assignIncident(input: $i) { id state assigneeId } }';
const NOTE = 'mutation($i: AddNoteInput!) { addIncidentNote(input: $i) { id version } }';
const RESOLVE = 'mutation($i: ResolveIncidentInput!) { resolveIncident(input: $i) { id state } }';
const LIST =
  'query($f: IncidentFilter) { incidents(first: 20, filter: $f) { edges { node { id number state priority assigneeId slas { definitionId stage remainingSeconds } } } pageInfo { hasNextPage endCursor } } }';
const DETAIL =
  'query($id: ID!) { incident(id: $id) { id number state priority notes { kind body at } slas { definitionId stage elapsedSeconds breachAt thresholds { percent reachedAt } } affectedServices { name depth } } }';
const CI = 'query($id: ID!) { configurationItem(id: $id) { id name classId state attributes { name value source } relationships { typeId direction otherCiName } } }';
const CI_LIST = 'query($c: String) { configurationItems(classId: $c, first: 50) { edges { node { id name state } } pageInfo { hasNextPage } } }';
const IMPACT = 'query($i: ImpactAnalysisInput!) { impactAnalysis(input: $i) { totalImpacted totalServices impacted { name depth explanation } } }';
const SERVICE_MAP = 'query($s: ID!) { serviceMap(serviceId: $s, maxDepth: 6, first: 50) { totalImpacted impacted { name depth } } }';

const hasId = (answer: Record<string, unknown> | undefined): boolean => typeof answer?.['id'] === 'string';

/** The open-loop load: run() resolves once every scheduled request has answered or timed out. */
export class SoakLoad {
  readonly samples: RequestSample[] = [];
  /** Per error kind, the count and a first example. */
  readonly errors = new Map<string, { count: number; example: string }>();
  readonly incidents: SoakIncident[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private started = 0;
  private readonly pattern: SlotKind[];

  constructor(private readonly options: LoadOptions) {
    // The same kinds every cycle, in a seeded order (Fisher-Yates), so the mix is fixed in every window.
    this.pattern = [...PATTERN];
    for (let i = this.pattern.length - 1; i > 0; i--) {
      const j = Math.floor(options.random() * (i + 1));
      [this.pattern[i], this.pattern[j]] = [this.pattern[j] as SlotKind, this.pattern[i] as SlotKind];
    }
  }

  get openCount(): number {
    return this.incidents.filter((incident) => !incident.resolved).length;
  }

  /** `origin`: the performance.now() instant of slot 0. */
  async run(origin: number): Promise<void> {
    const { ratePerS, durationMs } = this.options;
    const intervalMs = 1000 / ratePerS;
    const total = Math.floor((durationMs / 1000) * ratePerS);
    this.started = origin;
    for (let slot = 0; slot < total; slot++) {
      const dueMs = slot * intervalMs;
      const wait = this.started + dueMs - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      this.dispatch(this.pattern[slot % this.pattern.length] as SlotKind, dueMs);
    }
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Resolves every soak incident still open (after the measured run; not part of its figures). */
  async drain(): Promise<number> {
    let failed = 0;
    for (const incident of this.incidents.filter((i) => !i.resolved)) {
      const outcome = await this.resolve(incident);
      if (!outcome.ok) {
        failed += 1;
        this.recordError(`drain_${outcome.kind}`, outcome.detail);
      }
    }
    return failed;
  }

  recordError(kind: string, detail: string): void {
    const entry = this.errors.get(kind);
    if (entry) entry.count += 1;
    else this.errors.set(kind, { count: 1, example: detail });
  }

  private dispatch(slot: SlotKind, dueMs: number): void {
    const sent = performance.now() - this.started;
    const [kind, operation] = this.operation(slot, dueMs);
    const done = operation().then(
      (outcome) => {
        const latencyMs = performance.now() - this.started - dueMs;
        if (!outcome.ok) this.recordError(`${kind}:${outcome.kind}`, outcome.detail);
        this.samples.push({ kind, dueMs, latencyMs, sendLagMs: sent - dueMs, error: outcome.ok ? null : outcome.kind });
      },
      (error: unknown) => {
        this.recordError(`${kind}:exception`, error instanceof Error ? error.message : String(error));
        this.samples.push({ kind, dueMs, latencyMs: performance.now() - this.started - dueMs, sendLagMs: sent - dueMs, error: 'exception' });
      },
    );
    const tracked = done.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.options.random() * items.length)] as T;
  }

  /** The request a slot sends: an update slot takes the most overdue lifecycle step, else a work note on an open incident. */
  private operation(slot: SlotKind, dueMs: number): [string, () => Promise<Outcome<unknown>>] {
    const { client, token, cmdb } = this.options;
    switch (slot) {
      case 'open':
        return ['open', () => this.open(dueMs)];
      case 'update': {
        const next = this.dueStep(dueMs);
        if (next !== undefined) return [next.step.kind, () => this.runStep(next.incident, next.step)];
        const idle = this.incidents.filter((i) => !i.resolved && !i.busy);
        if (idle.length > 0) {
          const incident = this.pick(idle);
          return ['note', () => this.guarded(incident, () => this.note(incident))];
        }
        return ['list', () => this.listQuery()];
      }
      case 'list':
        return ['list', () => this.listQuery()];
      case 'detail': {
        const incident = this.incidents.length > 0 ? this.pick(this.incidents.slice(-200)) : undefined;
        if (incident === undefined) return ['list', () => this.listQuery()];
        return ['detail', () => client.request(token, DETAIL, { id: incident.id }, (d) => (hasId(field(d, 'incident')) ? d : 'no incident'))];
      }
      case 'ci_detail':
        return ['ci_detail', () => client.request(token, CI, { id: this.pick(cmdb.ciIds) }, (d) => (hasId(field(d, 'configurationItem')) ? d : 'no configuration item'))];
      case 'ci_list':
        return ['ci_list', () => client.request(token, CI_LIST, { c: this.pick(cmdb.classIds) }, (d) => (list(field(d, 'configurationItems'), 'edges') ? d : 'no edges'))];
      case 'impact':
        return [
          'impact',
          () =>
            client.request(token, IMPACT, { i: { ciIds: [this.pick(cmdb.ciIds)], maxDepth: 10, first: 20 } }, (d) =>
              typeof field(d, 'impactAnalysis')?.['totalImpacted'] === 'number' ? d : 'no totalImpacted',
            ),
        ];
      case 'service_map':
        return ['service_map', () => client.request(token, SERVICE_MAP, { s: this.pick(cmdb.businessServiceIds) }, (d) => (list(field(d, 'serviceMap'), 'impacted') ? d : 'no impacted list'))];
    }
  }

  private listQuery(): Promise<Outcome<unknown>> {
    const filters = [{ states: ['new', 'in_progress'], assignmentGroupId: SOAK_GROUP }, { states: ['resolved'] }, { assigneeId: this.pick(SOAK_ASSIGNEES) }, { text: 'soak' }];
    return this.options.client.request(this.options.token, LIST, { f: this.pick(filters) }, (d) => (list(field(d, 'incidents'), 'edges') ? d : 'no edges'));
  }

  private async open(dueMs: number): Promise<Outcome<unknown>> {
    const { client, token, cmdb, random } = this.options;
    const cis = [this.pick(cmdb.ciIds), ...(random() < 0.3 ? [this.pick(cmdb.ciIds)] : [])];
    const input = {
      title: `soak incident at ${(dueMs / 1000).toFixed(1)} s`,
      description: 'opened by bench:soak',
      impact: 2 + Math.floor(random() * 2),
      urgency: 2 + Math.floor(random() * 2),
      assignmentGroupId: SOAK_GROUP,
      configurationItemIds: [...new Set(cis)],
    };
    const outcome = await client.request(token, OPEN, { i: input }, (d) => {
      const opened = field(d, 'openIncident');
      return typeof opened?.['id'] === 'string' && opened['state'] === 'new' ? { id: opened['id'] } : 'not opened as new';
    });
    if (outcome.ok) this.incidents.push({ id: outcome.data.id, steps: this.plan(dueMs), busy: false, resolved: false });
    return outcome;
  }

  /** The incident's life from its open instant: maybe an assignment (which starts the work), one or two work notes, the resolution. */
  private plan(openMs: number): Step[] {
    const r = this.options.random;
    const resolveAt = openMs + 20_000 + r() * 150_000;
    const steps: Step[] = [{ kind: 'resolve', atMs: resolveAt }];
    if (r() < 0.8) steps.push({ kind: 'assign', atMs: Math.min(openMs + 5_000 + r() * 70_000, resolveAt - 2_000), assignee: this.pick(SOAK_ASSIGNEES) });
    const notes = r() < 0.5 ? 2 : 1;
    for (let n = 0; n < notes; n++) steps.push({ kind: 'note', atMs: openMs + 5_000 + r() * (resolveAt - openMs - 7_000) });
    return steps.sort((a, b) => a.atMs - b.atMs);
  }

  private dueStep(nowMs: number): { incident: SoakIncident; step: Step } | undefined {
    let best: { incident: SoakIncident; step: Step } | undefined;
    for (const incident of this.incidents) {
      const step = incident.steps[0];
      if (incident.busy || incident.resolved || step === undefined || step.atMs > nowMs) continue;
      if (best === undefined || step.atMs < best.step.atMs) best = { incident, step };
    }
    if (best) best.incident.steps.shift();
    return best;
  }

  /** One request at a time per incident (as one agent works a ticket). */
  private async guarded(incident: SoakIncident, send: () => Promise<Outcome<unknown>>): Promise<Outcome<unknown>> {
    incident.busy = true;
    try {
      return await send();
    } finally {
      incident.busy = false;
    }
  }

  private runStep(incident: SoakIncident, step: Step): Promise<Outcome<unknown>> {
    const { client, token } = this.options;
    return this.guarded(incident, () => {
      switch (step.kind) {
        case 'assign':
          return client.request(token, ASSIGN, { i: { id: incident.id, groupId: SOAK_GROUP, assigneeId: step.assignee } }, (d) =>
            field(d, 'assignIncident')?.['state'] === 'in_progress' ? d : 'not in progress after assignment',
          );
        case 'note':
          return this.note(incident);
        case 'resolve':
          return this.resolve(incident);
      }
    });
  }

  private note(incident: SoakIncident): Promise<Outcome<unknown>> {
    const body = `work note ${Math.floor(this.options.random() * 1e6)}: checked the logs, still investigating`;
    return this.options.client.request(this.options.token, NOTE, { i: { id: incident.id, kind: 'work_note', body } }, (d) => (hasId(field(d, 'addIncidentNote')) ? d : 'note not added'));
  }

  private async resolve(incident: SoakIncident): Promise<Outcome<unknown>> {
    const outcome = await this.options.client.request(this.options.token, RESOLVE, { i: { id: incident.id, code: 'fixed', notes: 'resolved by bench:soak' } }, (d) =>
      field(d, 'resolveIncident')?.['state'] === 'resolved' ? d : 'not resolved',
    );
    if (outcome.ok) {
      incident.resolved = true;
      incident.steps.length = 0;
    }
    return outcome;
  }
}
