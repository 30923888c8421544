import { Injectable } from '@nestjs/common';
import { evolveChangeFact, evolveIncidentChangeLink, evolveRequestFact, evolveUnauthorisedFact, isChangeRecordEvent } from '../domain';
import type { ChangeTopicEvent, IncidentEvent, RequestEvent } from '../domain';
import { ChangeFactStore, IncidentChangeLinkStore, RequestFactStore, UnauthorisedChangeStore } from './change-request-projection.ports';
import { projectFacts } from './sequenced-facts';

const isUnauthorisedEvent = (event: ChangeTopicEvent): boolean => event.type === 'itsm.change.unauthorised-change-detected.v1' || event.type === 'itsm.change.unauthorised-change-resolved.v1';

const isLinkEvent = (event: IncidentEvent): boolean =>
  event.type === 'itsm.incident.canceled.v1' || ((event.type === 'itsm.incident.linked.v1' || event.type === 'itsm.incident.unlinked.v1') && event.data.kind === 'change');

/**
 * Folds the change and request streams (and the incident stream's links to changes) into their
 * facts, each event once per subject's sequence. CAB meetings' events add no figure: no-ops.
 */
@Injectable()
export class ChangeRequestProjector {
  constructor(
    private readonly changes: ChangeFactStore,
    private readonly unauthorised: UnauthorisedChangeStore,
    private readonly links: IncidentChangeLinkStore,
    private readonly requests: RequestFactStore,
  ) {}

  async applyChanges(events: readonly ChangeTopicEvent[]): Promise<void> {
    await projectFacts(this.changes, events.filter(isChangeRecordEvent), evolveChangeFact);
    await projectFacts(this.unauthorised, events.filter(isUnauthorisedEvent), evolveUnauthorisedFact);
  }

  applyRequests(events: readonly RequestEvent[]): Promise<void> {
    return projectFacts(this.requests, events, evolveRequestFact);
  }

  /** Only links, unlinks and cancellations move a link fact: other incident events are not even read for. */
  applyIncidentLinks(events: readonly IncidentEvent[]): Promise<void> {
    return projectFacts(this.links, events.filter(isLinkEvent), evolveIncidentChangeLink);
  }
}
