import { createEnvelope } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { objectIdFromKey } from '@itsm/platform/persistence';
import type { ArmRequest, DueItem } from '@itsm/platform/scheduling';
import { escalationFacts } from '../../domain/escalation/escalation';
import type { Escalation } from '../../domain/escalation/escalation';
import { escalationPartition } from './escalation-partition';

/**
 * Where the escalation timers' events come from: a stream of its own per escalation (numbered by
 * the wheel's claims), apart from the aggregate's own events (`/itsm/notification`, numbered by it).
 */
export const ESCALATION_TIMER_SOURCE = '/itsm/notification/escalation-timers';

/** A level whose delay passes at `dueAt`. */
export interface LevelDue extends DueItem {
  readonly level: number;
}

/** What the level-due event says about its escalation. */
export type EscalationTimerData = Omit<ReturnType<typeof escalationFacts>, 'by' | 'at'>;

/** What the wheel arms for an escalation: the current level's due instant while it pages, nothing after. */
export function escalationArmRequest(e: Escalation): ArmRequest<EscalationTimerData, LevelDue> {
  const current = e.paged[e.paged.length - 1];
  const due: LevelDue[] = e.state === 'paging' && current !== undefined ? [{ key: `level-${current.level}`, dueAt: current.nextLevelAt, level: current.level }] : [];
  const { by: _by, at: _at, ...data } = escalationFacts(e, 'system', e.startedAt);
  return { key: e.id, partition: escalationPartition(e.id), open: false, due, data };
}

/** The escalation-level-due event of a level; the same level always gets the same id, whichever replica fires it. */
export function levelDueEnvelope(data: EscalationTimerData, item: LevelDue, sequence: number, firedAt: Date): EventEnvelope {
  return createEnvelope({
    id: objectIdFromKey('escalation-level-due', data.escalationId, String(item.level)).toHexString(),
    source: ESCALATION_TIMER_SOURCE,
    type: 'itsm.notification.escalation-level-due.v1',
    subject: data.escalationId,
    time: firedAt,
    data: { ...data, level: item.level, dueAt: new Date(item.dueAt).toISOString(), by: 'system', at: firedAt.toISOString() },
    sequence,
    correlationid: `escalation:${data.escalationId}`,
  });
}
