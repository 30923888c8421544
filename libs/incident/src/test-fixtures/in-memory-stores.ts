import type { EventEnvelope } from '@itsm/contracts';
import type { Loaded, SaveResult } from '@itsm/platform/persistence';
import { PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import { Clock } from '../application/clock';
import type { IncidentSelections, IncidentStore } from '../application/ports/incident-store.port';
import type { ProblemStore } from '../application/ports/problem-store.port';
import type { PriorityMatrices } from '../application/ports/reference-data.port';
import type { Incident, IncidentCommand, IncidentEvent, OpenIncidentInput, OpenProblemInput, Problem, ProblemEvent, PriorityMatrix, Viewer } from '../domain';
import { DEFAULT_PRIORITY_MATRIX, executeIncident, openIncident, openProblem } from '../domain';
import type { PriorityMatrixSetting } from '../persistence/reference-data.repository';

/** A clock the test sets (never today's date). */
export class FixedClock extends Clock {
  constructor(public current: Date) {
    super();
  }

  now(): Date {
    return this.current;
  }
}

export const T0 = new Date('2031-05-05T08:00:00.000Z');
export const DAY = 86_400_000;

export const AGENT: Viewer = { userId: 'u-agent', roles: ['agent'], orgId: 'contoso' };
export const REQUESTER: Viewer = { userId: 'u-caller', roles: ['requester'], orgId: 'fabrikam' };
export const INCIDENT_MANAGER: Viewer = { userId: 'u-im', roles: ['incident-manager'], orgId: 'contoso' };
export const PROBLEM_MANAGER: Viewer = { userId: 'u-pm', roles: ['problem-manager'], orgId: 'contoso' };

export interface Saved<E> {
  readonly id: string;
  readonly events: readonly E[];
  readonly consumed?: EventEnvelope;
}

/**
 * One aggregate per id in memory, versioned by its `sequence`. `loseNextSave(change)` makes the next
 * save lose the race to a writer that applies `change` first (what a concurrent request does).
 */
class InMemoryAggregates<A extends { readonly id: string; readonly sequence: number }, E> {
  readonly items = new Map<string, A>();
  readonly saved: Saved<E>[] = [];
  private readonly applied = new Set<string>();
  private races: ((current: A) => A)[] = [];

  add(...aggregates: A[]): this {
    for (const aggregate of aggregates) this.items.set(aggregate.id, aggregate);
    return this;
  }

  loseNextSave(change: (current: A) => A): this {
    this.races.push(change);
    return this;
  }

  load(id: string): Promise<Loaded<A> | undefined> {
    const aggregate = this.items.get(id);
    if (aggregate === undefined) return Promise.resolve(undefined);
    // This very event (the repository's rule, any later sequence of the stream too, is not needed by the specs).
    const hasApplied = (event: Pick<EventEnvelope, 'source' | 'subject' | 'sequence'>) => this.applied.has(`${id}:${event.source}:${event.subject}:${event.sequence}`);
    return Promise.resolve({ id: new Types.ObjectId(), aggregate, version: aggregate.sequence, unpublished: [], hasApplied });
  }

  save(loaded: Loaded<A>, aggregate: A, events: readonly E[], consumed?: EventEnvelope): Promise<SaveResult> {
    const race = this.races.shift();
    if (race) {
      this.items.set(aggregate.id, race(loaded.aggregate));
      return Promise.reject(new PersistenceError(PersistenceErrorCode.Conflict, 'lost the race'));
    }
    if (consumed && this.applied.has(`${aggregate.id}:${consumed.id}`)) return Promise.resolve({ status: 'duplicate' });
    if (consumed) this.applied.add(`${aggregate.id}:${consumed.id}`).add(`${aggregate.id}:${consumed.source}:${consumed.subject}:${consumed.sequence}`);
    this.items.set(aggregate.id, aggregate);
    this.saved.push({ id: aggregate.id, events, ...(consumed ? { consumed } : {}) });
    return Promise.resolve({ status: 'saved', version: aggregate.sequence });
  }

  create(aggregate: A, events: readonly E[]): Promise<SaveResult> {
    this.items.set(aggregate.id, aggregate);
    this.saved.push({ id: aggregate.id, events });
    return Promise.resolve({ status: 'saved', version: aggregate.sequence });
  }

  /** The events saved, by type, in order. */
  savedTypes(): string[] {
    return this.saved.flatMap((s) => s.events.map((e) => (e as { type: string }).type));
  }
}

export class InMemoryIncidents extends InMemoryAggregates<Incident, IncidentEvent> implements IncidentStore, IncidentSelections {
  private active(): Incident[] {
    return [...this.items.values()].filter((i) => ['new', 'in_progress', 'on_hold'].includes(i.state));
  }

  hasChildren(parentId: string): Promise<boolean> {
    return Promise.resolve([...this.items.values()].some((i) => i.parentId === parentId));
  }

  activeChildren(parentId: string): Promise<string[]> {
    return Promise.resolve(this.active().filter((i) => i.parentId === parentId).map((i) => i.id));
  }

  waitingOnProblem(problemId: string): Promise<string[]> {
    return Promise.resolve(this.active().filter((i) => i.problemId === problemId && i.holdReason === 'awaiting_problem').map((i) => i.id));
  }

  autoCloseCandidates(resolvedBefore: Date, limit: number): Promise<string[]> {
    const due = [...this.items.values()].filter((i) => i.state === 'resolved' && i.resolution !== null && i.resolution.at <= resolvedBefore);
    return Promise.resolve(due.slice(0, limit).map((i) => i.id));
  }

  activeIds(): Promise<string[]> {
    return Promise.resolve(this.active().map((i) => i.id));
  }

  countActiveOn(kind: 'service' | 'configuration_item', targetId: string, since: Date): Promise<number> {
    const on = (i: Incident) => (kind === 'service' ? i.serviceIds : i.configurationItemIds).includes(targetId);
    return Promise.resolve(this.active().filter((i) => on(i) && i.openedAt >= since).length);
  }
}

export class InMemoryProblems extends InMemoryAggregates<Problem, ProblemEvent> implements ProblemStore {}

/** The priority matrix in memory (organisations and groups: InMemoryDirectory). */
export class InMemoryReferenceData implements PriorityMatrices {
  setting: PriorityMatrixSetting = { matrix: DEFAULT_PRIORITY_MATRIX, version: 0, updatedBy: null, updatedAt: null };

  priorityMatrix(): Promise<PriorityMatrixSetting> {
    return Promise.resolve(this.setting);
  }

  replacePriorityMatrix(matrix: PriorityMatrix, expectedVersion: number, by: string, at: Date): Promise<boolean> {
    if (expectedVersion !== this.setting.version) return Promise.resolve(false);
    this.setting = { matrix, version: expectedVersion + 1, updatedBy: by, updatedAt: at };
    return Promise.resolve(true);
  }
}

let counter = 0;

/** A new incident (opened by the agent at `at`), with its own id. */
export function anIncident(input: Partial<OpenIncidentInput> = {}, at = T0): Incident {
  counter += 1;
  const id = new Types.ObjectId().toHexString();
  const number = `INC${String(counter).padStart(7, '0')}`;
  return openIncident(
    { id, number, title: 'VPN drops', description: 'Since this morning.', callerId: REQUESTER.userId, callerOrgId: 'fabrikam', category: null, impact: 2, urgency: 2, serviceId: null, configurationItemIds: [], group: null, assigneeId: null, ...input },
    DEFAULT_PRIORITY_MATRIX,
    { by: AGENT.userId, at },
  ).incident;
}

/** A new problem (opened by the agent at `at`), with its own id. */
export function aProblem(input: Partial<OpenProblemInput> = {}, at = T0): Problem {
  counter += 1;
  const id = new Types.ObjectId().toHexString();
  return openProblem(
    { id, number: `PRB${String(counter).padStart(7, '0')}`, title: 'Mail relay throttling', description: '', impact: 2, urgency: 2, group: null, serviceId: null, configurationItemIds: [], ...input },
    DEFAULT_PRIORITY_MATRIX,
    { by: AGENT.userId, at },
  ).problem;
}

/** The incident after the agent ran these domain commands on it, one minute apart from `at`. */
export function after(incident: Incident, at: Date, ...commands: IncidentCommand[]): Incident {
  return commands.reduce((current, command, i) => executeIncident(current, command, { by: AGENT.userId, at: new Date(at.getTime() + (i + 1) * 60_000) }).incident, incident);
}

/** The envelope of an event a reaction consumes (only what the handlers read of it). */
export function anEnvelope(subject: string, type: string, sequence = 2): EventEnvelope {
  counter += 1;
  return { specversion: '1.0', id: `evt-${counter}`, source: '/itsm/incident', type, subject, time: T0.toISOString(), datacontenttype: 'application/json', data: {}, sequence, correlationid: `corr-${counter}` };
}
