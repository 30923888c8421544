import { Inject, Injectable } from '@nestjs/common';
import type { Notice, RenderedMessage } from '../../domain';
import { NotificationError } from '../../domain';
import { claimedDelivery } from '../../domain/delivery';
import type { ClaimDecision } from '../../domain/delivery';
import { NOTIFICATION_SETTINGS } from '../../notification-env';
import type { NotificationSettings } from '../../notification-env';
import { mailMessageId } from '../channels/email/mail-message';
import { deliveryId } from '../delivery-id';
import { DeliveryIntake, DeliveryPlanner, MessageRenderer } from '../ports';
import type { DeliveryPlan } from '../ports';
import { DeliveryAttempts, mailAddressOf } from './delivery-attempts.service';
import { DeliverySendQueue } from './delivery-send-queue';
import { DeliveryStore } from './delivery-store.port';

/** Why a notice cannot reach its recipient on its channel at all (no mail address, an inbox for a non-person), or null. */
function unreachable(notice: Notice): string | null {
  const { recipient, channel } = notice;
  switch (channel) {
    case 'email':
      return mailAddressOf(recipient) === null ? 'no_address' : null;
    case 'in_app':
      return recipient.kind === 'person' ? null : 'no_address';
    case 'webhook':
    case 'slack':
    case 'teams':
      return recipient.kind === 'endpoint' ? null : 'no_address';
  }
}

/**
 * Where notices become deliveries: each is claimed once by its delivery id (a notice already
 * claimed, by a redelivered event or another replica, is skipped), with what the planner decided
 * and the message rendered for the recipient's locale stored on the claim; those to send now are
 * claimed `sending` under this process's lease and handed to the send queue (accept waits only for
 * room there, never for a send). A failing channel leaves a retrying delivery behind, never an exception.
 */
@Injectable()
export class DeliveryIntakeService extends DeliveryIntake {
  constructor(
    private readonly store: DeliveryStore,
    private readonly planner: DeliveryPlanner,
    private readonly renderer: MessageRenderer,
    private readonly attempts: DeliveryAttempts,
    private readonly queue: DeliverySendQueue,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {
    super();
  }

  /** One claimed-check, one plan of every notice (the planner reads each person once), one claim of them all; then the sends queued. */
  async accept(notices: readonly Notice[], now: number): Promise<void> {
    const fresh = new Map<string, Notice>();
    for (const notice of notices) fresh.set(deliveryId(notice.key, notice.recipient, notice.channel), notice);
    const known = await this.store.claimed([...fresh.keys()]);
    const pending = [...fresh].filter(([id]) => !known.has(id)).map(([id, notice]) => ({ id, notice, unreachable: unreachable(notice) }));
    const reachable = pending.filter((p) => p.unreachable === null);
    const planned = reachable.length === 0 ? [] : await this.planner.planMany(reachable.map((p) => p.notice), now);
    const planOf = new Map(reachable.map((p, i) => [p.id, planned[i]] as const));
    const deliveries = await Promise.all(pending.map(async (p) => claimedDelivery(p.id, p.notice, await this.decide(p, planOf.get(p.id), now), now)));
    const claimed = await this.store.claimMany(deliveries);
    await this.queue.admit(deliveries.filter((delivery) => claimed.has(delivery.id) && delivery.state === 'sending'), now);
  }

  /** What becomes of a notice: suppressed when it cannot reach its recipient at all, else what the planner's `plan` says. */
  private async decide({ id, notice, unreachable: reason }: { id: string; notice: Notice; unreachable: string | null }, plan: DeliveryPlan | undefined, now: number): Promise<ClaimDecision> {
    if (reason !== null) return { kind: 'suppress', reason };
    if (plan === undefined) throw new Error(`the planner answered no plan for notice ${notice.key}`);
    switch (plan.kind) {
      case 'suppress':
        return { kind: 'suppress', reason: plan.reason };
      case 'digest':
        return { kind: 'digest', digestId: plan.digestId };
      case 'send':
      case 'defer':
        return this.rendered(id, notice, plan, now);
    }
  }

  private async rendered(id: string, notice: Notice, plan: Extract<DeliveryPlan, { kind: 'send' | 'defer' }>, now: number): Promise<ClaimDecision> {
    const locale = notice.recipient.kind === 'person' ? (notice.recipient.locale ?? this.settings.defaultLocale) : this.settings.defaultLocale;
    let message: RenderedMessage;
    try {
      message = await this.renderer.render(notice, locale);
    } catch (error: unknown) {
      if (error instanceof NotificationError) return { kind: 'fail', reason: `not rendered: ${error.code} ${error.message}` };
      throw error;
    }
    const messageId = notice.channel === 'email' ? mailMessageId(id, this.attempts.mailDomain) : notice.channel === 'in_app' ? id : `msg_${id}`;
    if (plan.kind === 'defer') return { kind: 'defer', until: plan.until, reason: plan.reason, message, messageId };
    return notice.channel === 'in_app' ? { kind: 'in_app', message } : { kind: 'send', message, messageId, lease: this.attempts.lease(now) };
  }
}
