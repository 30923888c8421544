import type { AggregateStore, Loaded, SaveResult } from '@itsm/platform/persistence';
import type { ChangeModel } from '../../domain/change.model';
import type { AgendaCandidate, CabMeeting, CabMeetingEvent } from '../../domain/cab';

/** CAB meetings as aggregates: state and events (outbox, on the meeting's own stream) in one write. */
export abstract class CabMeetingStore implements AggregateStore<CabMeeting, CabMeetingEvent> {
  abstract load(id: string): Promise<Loaded<CabMeeting> | undefined>;
  abstract save(loaded: Loaded<CabMeeting>, meeting: CabMeeting, events: readonly CabMeetingEvent[]): Promise<SaveResult>;
  /** CHANGE.CONFLICT when the id is taken. */
  abstract create(meeting: CabMeeting): Promise<void>;
  abstract byId(id: string): Promise<CabMeeting | undefined>;
  /** Meetings by name (active ones only unless `includeInactive`). */
  abstract list(includeInactive: boolean): Promise<readonly CabMeeting[]>;
}

/** The changes a CAB agenda is built from, read from the change store. */
export abstract class CabAgendaChanges {
  /** Changes in state `authorize` of one of `models`, at most `limit`. */
  abstract awaitingAuthorisation(models: readonly ChangeModel[], limit: number): Promise<readonly AgendaCandidate[]>;
  abstract byIds(ids: readonly string[]): Promise<readonly AgendaCandidate[]>;
}

/** The core's authorisation commands, which a CAB decision calls (`authorise-change`, `reject-change`). */
export abstract class ChangeAuthorisation {
  abstract authorise(changeId: string, by: string, reason: string | null): Promise<void>;
  abstract reject(changeId: string, by: string, reason: string): Promise<void>;
}
