import type { EventEnvelope } from '@itsm/contracts';
import type { AggregateStore, Loaded, SaveResult } from '@itsm/platform/persistence';
import type { Incident, IncidentEvent } from '../../domain';

/** Incidents as the command handlers need them: one aggregate loaded, saved or created with its events (outbox). */
export abstract class IncidentStore implements AggregateStore<Incident, IncidentEvent> {
  abstract load(id: string): Promise<Loaded<Incident> | undefined>;
  abstract save(loaded: Loaded<Incident>, incident: Incident, events: readonly IncidentEvent[], consumed?: EventEnvelope): Promise<SaveResult>;
  abstract create(incident: Incident, events: readonly IncidentEvent[]): Promise<SaveResult>;
}

/** The incidents a rule applies to (ids only, oldest first), as the handlers select them. */
export abstract class IncidentSelections {
  /** Whether any incident has this one as its parent (a parent cannot become a child). */
  abstract hasChildren(parentId: string): Promise<boolean>;
  /** Active children of a parent incident (resolved with it). */
  abstract activeChildren(parentId: string): Promise<string[]>;
  /** Incidents on hold waiting on the problem (resolved with it). */
  abstract waitingOnProblem(problemId: string): Promise<string[]>;
  /** Resolved incidents whose resolution is at or before `resolvedBefore` (the auto-close candidates). */
  abstract autoCloseCandidates(resolvedBefore: Date, limit: number): Promise<string[]>;
  /** Active incidents (re-prioritised when the matrix changes). */
  abstract activeIds(): Promise<string[]>;
  /** Active incidents opened since `since` on this service or CI (the major-incident cluster rule). */
  abstract countActiveOn(kind: 'service' | 'configuration_item', targetId: string, since: Date): Promise<number>;
}
