import type { Attributes, CiObservation } from '../../../domain';

/** A relationship a discovery payload reports, to a CI named by identifying attributes. */
export interface ObservedRelationship {
  readonly typeId: string;
  readonly direction: 'outbound' | 'inbound';
  readonly classId: string;
  readonly identifiers: Attributes;
}

/** What a discovery source (GraphQL or the bulk feed) reports about one CI and its relationships. */
export interface Discovery extends CiObservation {
  readonly relationships: readonly ObservedRelationship[];
}

/** Report a CI a discovery source found: identified, then created or merged under source precedence. */
export class ReportDiscoveredCiCommand {
  constructor(readonly discovery: Discovery) {}
}
