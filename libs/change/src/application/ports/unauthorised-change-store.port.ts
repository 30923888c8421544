import type { EventEnvelope } from '@itsm/contracts';
import type { AggregateStore, Loaded, SaveResult } from '@itsm/platform/persistence';
import type { LinkableChange, UnauthorisedChange, UnauthorisedChangeEvent, UnauthorisedChangeStatus } from '../../domain';

/** Unauthorised-change records as aggregates (state and events in one write, `_id` = changeSubject('unauthorised-change', id)). */
export abstract class UnauthorisedChangeStore implements AggregateStore<UnauthorisedChange, UnauthorisedChangeEvent> {
  abstract load(id: string): Promise<Loaded<UnauthorisedChange> | undefined>;
  /** Creates a record from the CMDB event `consumed`: `duplicate` when that event created it already. */
  abstract create(record: UnauthorisedChange, events: readonly UnauthorisedChangeEvent[], consumed: EventEnvelope): Promise<SaveResult>;
  abstract save(loaded: Loaded<UnauthorisedChange>, record: UnauthorisedChange, events: readonly UnauthorisedChangeEvent[]): Promise<SaveResult>;
}

/** Typed list filters (values, never operators); absent: any. */
export interface UnauthorisedChangeFilter {
  readonly statuses?: readonly UnauthorisedChangeStatus[];
  readonly ciId?: string;
}

export interface UnauthorisedChangePage {
  readonly items: readonly UnauthorisedChange[];
  readonly hasNextPage: boolean;
}

/** The change manager's list: newest first (record ids sort by detection time), `after` an id. */
export abstract class UnauthorisedChangeReads {
  abstract byId(id: string): Promise<UnauthorisedChange | undefined>;
  abstract list(filter: UnauthorisedChangeFilter, first: number, after: string | undefined): Promise<UnauthorisedChangePage>;
}

/** What unauthorised-change detection and linking read of the change store. */
export abstract class ChangeLookups {
  /** The ids of changes in state `implement` that name the CI (as a CI or as a service). */
  abstract implementingOn(ciId: string): Promise<readonly string[]>;
  /** The change `id` as linking needs it, or undefined when there is none. */
  abstract linkable(id: string): Promise<LinkableChange | undefined>;
}
