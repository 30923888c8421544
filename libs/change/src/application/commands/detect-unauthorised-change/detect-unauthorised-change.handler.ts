import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EventEnvelope } from '@itsm/contracts';
import { detectUnauthorisedChange, isDiscoverySource } from '../../../domain';
import { ChangeLookups, UnauthorisedChangeStore } from '../../ports/unauthorised-change-store.port';
import type { DetectUnauthorisedChangeCommand } from './detect-unauthorised-change.command';

export type DetectionOutcome = { readonly outcome: 'recorded'; readonly id: string } | { readonly outcome: 'duplicate'; readonly id: string } | { readonly outcome: 'not-discovery' | 'authorised' };

/**
 * The record id of a CMDB event: its detection time (ms, zero-padded, so ids sort by it) and a
 * digest of the event's stream position (source, subject, sequence), so a redelivered or replayed
 * event names the same record.
 */
export function unauthorisedChangeId(event: Pick<EventEnvelope, 'source' | 'subject' | 'sequence'>, at: Date): string {
  const digest = createHash('sha256').update(`${event.source}\u0000${event.subject}\u0000${event.sequence}`).digest('hex').slice(0, 16);
  return `uc-${String(at.getTime()).padStart(15, '0')}-${digest}`;
}

/**
 * Flags a CI changed by discovery while no change naming it is implementing (the change store is
 * asked when the event is consumed): one record per CMDB event, created with that event recorded,
 * so a duplicate changes nothing.
 */
@Injectable()
export class DetectUnauthorisedChangeHandler {
  constructor(
    private readonly records: UnauthorisedChangeStore,
    private readonly changes: ChangeLookups,
  ) {}

  async execute(command: DetectUnauthorisedChangeCommand): Promise<DetectionOutcome> {
    const { event } = command;
    const d = event.data;
    if (!isDiscoverySource(d.source)) return { outcome: 'not-discovery' };
    const implementing = await this.changes.implementingOn(d.ciId);
    const at = new Date(d.at);
    const id = unauthorisedChangeId(event, at);
    const decision = detectUnauthorisedChange(id, { ciId: d.ciId, ciName: d.name, classId: d.classId, source: d.source, changes: d.changes, by: d.by, at }, implementing);
    if (decision === null) return { outcome: 'authorised' };
    const result = await this.records.create(decision.record, decision.events, event);
    return { outcome: result.status === 'saved' ? 'recorded' : 'duplicate', id };
  }
}
