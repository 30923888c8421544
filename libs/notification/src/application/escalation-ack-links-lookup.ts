import { DirectoryProjection } from '@itsm/platform/persistence';
import { Injectable } from '@nestjs/common';
import { NotificationErrorCode, notificationError } from '../domain';
import type { Escalation } from '../domain/escalation/escalation';
import { EscalationAckLinks } from './escalation-ack-links';
import { EscalationStore } from './ports/escalation-store.port';

/** What an acknowledgement link names: the escalation, the level that paged and the person it acknowledges as. */
export interface AckLinkSubject {
  readonly escalation: Escalation;
  readonly level: number;
  readonly personId: string;
}

/**
 * Reads an acknowledgement link without acting on it (the page a GET shows, what a POST acknowledges):
 * NOTIFICATION.INVALID_SIGNATURE for a token that does not verify or names nobody paged,
 * NOTIFICATION.NOT_FOUND for an escalation no longer kept (the link has expired).
 */
@Injectable()
export class EscalationAckLookup {
  constructor(
    private readonly links: EscalationAckLinks,
    private readonly escalations: EscalationStore,
    private readonly directory: DirectoryProjection,
  ) {}

  async subject(token: string): Promise<AckLinkSubject> {
    const target = this.links.read(token);
    const invalid = () => notificationError(NotificationErrorCode.InvalidSignature, 'This acknowledgement link is not valid', {});
    if (target === null) throw invalid();
    const loaded = await this.escalations.load(target.escalationId);
    if (loaded === undefined) throw notificationError(NotificationErrorCode.NotFound, 'This acknowledgement link has expired: its escalation is no longer kept', { escalationId: target.escalationId });
    const personId = loaded.aggregate.paged.find((p) => p.level === target.level)?.personIds[target.index];
    // A signed link always names a paged person; anything else is not ours.
    if (personId === undefined) throw invalid();
    return { escalation: loaded.aggregate, level: target.level, personId };
  }

  /** The directory's display names of `personIds` (an id it does not know stands for itself). */
  async names(personIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const people = await this.directory.people([...new Set(personIds)]);
    return new Map(personIds.map((id) => [id, people.get(id)?.displayName ?? id]));
  }
}
