import type { EventEnvelope } from '@itsm/contracts';
import { notificationTopic } from '@itsm/contracts';
import type { Clock } from '@itsm/platform/config';
import type { PartitionAssignment } from '@itsm/platform/messaging';
import { PartitionTimerWheel } from '@itsm/platform/scheduling';
import type { ArmRequest, TimerClaimStore, Timers, WheelLogger } from '@itsm/platform/scheduling';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Escalation } from '../../domain/escalation/escalation';
import type { EscalationStore } from '../ports/escalation-store.port';
import { escalationArmRequest, levelDueEnvelope } from './escalation-level-due';
import type { EscalationTimerData, LevelDue } from './escalation-level-due';

/** The TimerClaimStore the escalation wheel claims in (one provider, in notification-on-call.ts). */
export const ESCALATION_TIMER_CLAIMS = Symbol('ESCALATION_TIMER_CLAIMS');

export interface EscalationTimerDependencies {
  readonly store: Pick<EscalationStore, 'paging'>;
  readonly claims: TimerClaimStore;
  /** Publishes on itsm.notification.v1, in order. */
  readonly publish: (envelopes: readonly EventEnvelope[]) => Promise<void>;
  readonly clock: Clock;
  readonly logger: WheelLogger;
  readonly timers?: Timers;
  /** How often publish checkpoints are saved (default 1 s). */
  readonly checkpointMs?: number;
}

/**
 * The escalation timers of the itsm.notification.v1 partitions this replica owns: a partition timer
 * wheel keyed by escalation whose one owed item is the current level's due instant. When it passes,
 * the item is claimed (once across replicas and restarts) and escalation-level-due is published;
 * its consumer pages the next level unless someone acknowledged. Follows the consumer group
 * (`onAssignment`), arms from storage on takeover, and is armed again by each escalation event.
 */
export class EscalationTimers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly wheel: PartitionTimerWheel<EscalationTimerData, LevelDue>;

  constructor(private readonly deps: EscalationTimerDependencies) {
    this.wheel = new PartitionTimerWheel<EscalationTimerData, LevelDue>({
      name: 'Escalation',
      topic: notificationTopic.name,
      claims: deps.claims,
      stored: (partitions) => this.stored(partitions),
      envelope: (timer, item, sequence, firedAt) => levelDueEnvelope(timer.data, item, sequence, firedAt),
      publish: deps.publish,
      clock: deps.clock,
      ...(deps.timers ? { timers: deps.timers } : {}),
      logger: deps.logger,
      checkpointMs: deps.checkpointMs ?? 1_000,
      batchSize: 200,
    });
  }

  onApplicationBootstrap(): void {
    this.wheel.start();
  }

  /** Before the connections close (the wheel's last checkpoints still reach MongoDB). */
  beforeApplicationShutdown(): Promise<void> {
    return this.wheel.stop();
  }

  /** Follows the consumer group (itsm.notification.v1's partitions): loads newly owned partitions' paging escalations. */
  onAssignment = (assignments: readonly PartitionAssignment[]): void => this.wheel.onAssignment(assignments);

  ownedPartitions(): number[] {
    return this.wheel.ownedPartitions();
  }

  /** Resolves once the partition's timers are loaded. */
  whenReady(partition: number): Promise<void> {
    return this.wheel.whenReady(partition);
  }

  /** (Re)arms an escalation from its current state (a paging one owes its level's due instant; any other owes nothing and is released). */
  async arm(escalation: Escalation): Promise<void> {
    const request = escalationArmRequest(escalation);
    if (!this.wheel.owns(request.partition)) return;
    await this.wheel.whenReady(request.partition);
    this.wheel.arm(request, await this.wheel.claimedKeys(request.key, true));
  }

  private async *stored(partitions: readonly number[]): AsyncGenerator<ArmRequest<EscalationTimerData, LevelDue>> {
    for await (const { escalation } of this.deps.store.paging(partitions)) yield escalationArmRequest(escalation);
  }
}
