import type { ChangeFact, IncidentChangeLink, RequestFact, UnauthorisedChangeFact } from '../domain';
import { SequencedFactStore } from './sequenced-facts';

/** The change facts (`reporting_change_facts`). */
export abstract class ChangeFactStore extends SequencedFactStore<ChangeFact> {
  /** The changes with an instant (requested, implemented, closed, canceled) on a UTC day in [fromDay, toDay]. */
  abstract inDays(fromDay: number, toDay: number): Promise<readonly ChangeFact[]>;
}

/** The unauthorised-change records (`reporting_unauthorised_changes`). */
export abstract class UnauthorisedChangeStore extends SequencedFactStore<UnauthorisedChangeFact> {
  abstract inDays(fromDay: number, toDay: number): Promise<readonly UnauthorisedChangeFact[]>;
}

/** The incidents linked to changes as caused by them (`reporting_incident_change_links`). */
export abstract class IncidentChangeLinkStore extends SequencedFactStore<IncidentChangeLink> {
  /** The links naming any of these changes. */
  abstract ofChanges(changeIds: readonly string[]): Promise<readonly IncidentChangeLink[]>;
}

/** The request facts, their items and tasks inside (`reporting_request_facts`). */
export abstract class RequestFactStore extends SequencedFactStore<RequestFact> {
  abstract inDays(fromDay: number, toDay: number): Promise<readonly RequestFact[]>;
}
