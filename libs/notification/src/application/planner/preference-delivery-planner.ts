import { DirectoryProjection } from '@itsm/platform/persistence';
import type { ProjectedPerson } from '@itsm/platform/persistence';
import { PINO_LOGGER } from '@itsm/platform/observability';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Notice, PersonChannel, PersonRecipient } from '../../domain';
import { fixedWindow, scheduledDigestWindow, stormDigestWindow } from '../../domain/digests';
import type { DigestWindow } from '../../domain/digests';
import { channelEnabled, defaultPreferences, digestFor, quietUntil, resolveZone } from '../../domain/preferences';
import type { NotificationPreferences } from '../../domain/preferences';
import { DigestStore } from '../digests/digest-store.port';
import { DeliveryPlanner } from '../ports';
import type { DeliveryPlan } from '../ports';
import { PreferenceStore } from '../preferences/preference-store.port';
import { PlannerSettings } from './planner-settings';
import { WindowSlots } from './window-slots.port';

type PersonNotice = Notice & { readonly recipient: PersonRecipient; readonly channel: PersonChannel };

const isPersonNotice = (notice: Notice): notice is PersonNotice => notice.recipient.kind === 'person' && (notice.channel === 'email' || notice.channel === 'in_app');

/**
 * A person's preferences applied to one notice, in this order: an inactive person or a channel the
 * person switched off for the category suppresses it (so does mail without an address); a category
 * the person gathers into a digest joins it (not urgent ones); the sixth notice and later on one
 * ticket root within a storm window join that storm's digest (not on-call pages nor digests); quiet
 * hours defer it to their end (urgent ones go out when the person lets them); past the rate limit
 * it waits for the next window. Endpoints and fixed addresses have no preferences: sent.
 */
@Injectable()
export class PreferenceDeliveryPlanner extends DeliveryPlanner {
  constructor(
    private readonly directory: DirectoryProjection,
    private readonly preferences: PreferenceStore,
    private readonly digests: DigestStore,
    private readonly slots: WindowSlots,
    private readonly settings: PlannerSettings,
    @Inject(PINO_LOGGER) private readonly logger: Pick<Logger, 'warn'>,
  ) {
    super();
  }

  /**
   * One directory read and one preferences read for every person among the notices; each person's
   * notices are then planned in their order (their windows and digests), different people at once.
   */
  async planMany(notices: readonly Notice[], now: number): Promise<DeliveryPlan[]> {
    const plans: DeliveryPlan[] = notices.map((): DeliveryPlan => ({ kind: 'send' }));
    const byPerson = new Map<string, number[]>();
    notices.forEach((notice, i) => {
      if (!isPersonNotice(notice)) return;
      const indexes = byPerson.get(notice.recipient.personId);
      if (indexes === undefined) byPerson.set(notice.recipient.personId, [i]);
      else indexes.push(i);
    });
    if (byPerson.size === 0) return plans;
    const people = await this.directory.people([...byPerson.keys()]);
    const saved = await this.preferences.findMany([...people.values()].filter((p) => p.active).map((p) => p.id));
    await Promise.all(
      [...byPerson].map(async ([personId, indexes]) => {
        const person = people.get(personId);
        const preferences = saved.get(personId) ?? defaultPreferences(personId);
        for (const i of indexes) plans[i] = await this.planFor(notices[i] as PersonNotice, person, preferences, now);
      }),
    );
    return plans;
  }

  private async planFor(notice: PersonNotice, person: ProjectedPerson | undefined, preferences: NotificationPreferences, now: number): Promise<DeliveryPlan> {
    if (person === undefined || !person.active) return { kind: 'suppress', reason: 'inactive_recipient' };
    if (!channelEnabled(preferences, notice.category, notice.channel)) return { kind: 'suppress', reason: 'preference_off' };
    if (notice.channel === 'email' && (person.email ?? notice.recipient.email) === null) return { kind: 'suppress', reason: 'no_address' };
    const zone = this.zoneOf(preferences, person, notice);
    const gathered = await this.gather(notice, preferences, zone, now);
    if (gathered !== null) return gathered;
    const quietEnd = preferences.quietHours === null || (notice.urgent && preferences.urgentBreaksQuietHours) ? null : quietUntil(preferences.quietHours, zone, now);
    if (quietEnd !== null) return { kind: 'defer', until: quietEnd, reason: 'quiet_hours' };
    const rate = this.settings.limits.rate[notice.channel];
    const window = fixedWindow(rate.windowMs, now);
    const within = await this.slots.take(`rate|${notice.recipient.personId}|${notice.channel}`, window.start, window.end, notice.key, rate.limit);
    return within ? { kind: 'send' } : { kind: 'defer', until: window.end, reason: 'rate_limit' };
  }

  /** The person's digest of the category, else a storm's digest: the plan when the notice joined one. */
  private async gather(notice: PersonNotice, preferences: NotificationPreferences, zone: string, now: number): Promise<DeliveryPlan | null> {
    if (notice.category === 'digest') return null;
    const scheduled = notice.urgent ? null : scheduledDigestWindow(digestFor(preferences, notice.category), zone, now);
    if (scheduled !== null) return this.join(notice, scheduled, now);
    const root = notice.items[0]?.ticket.rootId;
    if (root === undefined || notice.category === 'on_call') return null;
    const { storm } = this.settings.limits;
    const window = fixedWindow(storm.windowMs, now);
    const within = await this.slots.take(`storm|${notice.recipient.personId}|${notice.channel}|${root}`, window.start, window.end, notice.key, storm.threshold);
    return within ? null : this.join(notice, stormDigestWindow(this.settings.limits, root, now), now);
  }

  private async join(notice: PersonNotice, window: DigestWindow, now: number): Promise<DeliveryPlan> {
    const entry = { recipient: notice.recipient, channel: notice.channel, window, noticeKey: notice.key, category: notice.category, items: notice.items };
    const { digestId, at } = await this.digests.join(entry, now);
    return { kind: 'digest', digestId, at };
  }

  private zoneOf(preferences: NotificationPreferences, person: ProjectedPerson, notice: PersonNotice): string {
    const { zone, rejected } = resolveZone([preferences.quietHours?.timeZone, person.timeZone, notice.recipient.timeZone], this.settings.defaultTimeZone);
    if (rejected.length > 0) this.logger.warn({ personId: person.id, rejected, zone }, 'a time zone of the person is not an IANA zone; using the next one');
    return zone;
  }
}
