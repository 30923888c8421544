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

/** The ticket root a notice counts towards in storm windows; null for on-call pages and digests (never coalesced). */
const stormRootOf = (notice: PersonNotice): string | null => (notice.category === 'on_call' || notice.category === 'digest' ? null : (notice.items[0]?.ticket.rootId ?? null));

/** A person's notice past the refusals, with what the later steps read. */
interface Planning {
  readonly i: number;
  readonly notice: PersonNotice;
  readonly preferences: NotificationPreferences;
  readonly zone: string;
}

/** A notice joining a digest, and the digest's window. */
interface Join {
  readonly planning: Planning;
  readonly window: DigestWindow;
}

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
   * One directory read and one preferences read for every person among the notices, then one take
   * of all storm windows and one of all rate windows (each in the notices' order); digests are
   * joined per person in order, different people at once.
   */
  async planMany(notices: readonly Notice[], now: number): Promise<DeliveryPlan[]> {
    const plans: (DeliveryPlan | undefined)[] = notices.map((notice) => (isPersonNotice(notice) ? undefined : { kind: 'send' }));
    const personal = notices.flatMap((notice, i) => (isPersonNotice(notice) ? [{ i, notice }] : []));
    if (personal.length > 0) {
      const open = await this.unrefused(personal, plans);
      const { joins, rest } = await this.gathered(open, now);
      await this.limited(rest, plans, now);
      await this.joinAll(joins, plans, now);
    }
    return plans.map((plan, i) => {
      if (plan === undefined) throw new Error(`notice ${notices[i]?.key ?? i} left unplanned`);
      return plan;
    });
  }

  /** The people and their preferences read once; refused notices get their plan, the others go on. */
  private async unrefused(personal: readonly { i: number; notice: PersonNotice }[], plans: (DeliveryPlan | undefined)[]): Promise<Planning[]> {
    const people = await this.directory.people([...new Set(personal.map(({ notice }) => notice.recipient.personId))]);
    const saved = await this.preferences.findMany([...people.values()].filter((p) => p.active).map((p) => p.id));
    const open: Planning[] = [];
    for (const { i, notice } of personal) {
      const person = people.get(notice.recipient.personId);
      const preferences = saved.get(notice.recipient.personId) ?? defaultPreferences(notice.recipient.personId);
      const refused = this.refusal(notice, person, preferences);
      if (refused !== null || person === undefined) plans[i] = refused ?? { kind: 'suppress', reason: 'inactive_recipient' };
      else open.push({ i, notice, preferences, zone: this.zoneOf(preferences, person, notice) });
    }
    return open;
  }

  /** Those joining the person's digest of the category, else a storm's digest (one take of every storm window); the rest. */
  private async gathered(open: readonly Planning[], now: number): Promise<{ joins: Join[]; rest: Planning[] }> {
    const joins: Join[] = [];
    const storms: Planning[] = [];
    for (const planning of open) {
      const { notice, preferences, zone } = planning;
      const scheduled = notice.category === 'digest' || notice.urgent ? null : scheduledDigestWindow(digestFor(preferences, notice.category), zone, now);
      if (scheduled !== null) joins.push({ planning, window: scheduled });
      else if (stormRootOf(notice) !== null) storms.push(planning);
    }
    const { storm } = this.settings.limits;
    const window = fixedWindow(storm.windowMs, now);
    const within = await this.slots.takeMany(storms.map(({ notice }) => ({ counter: `storm|${notice.recipient.personId}|${notice.channel}|${stormRootOf(notice) ?? ''}`, windowStart: window.start, windowEnd: window.end, itemKey: notice.key, limit: storm.threshold })));
    storms.forEach((planning, at) => {
      if (within[at] !== true) joins.push({ planning, window: stormDigestWindow(this.settings.limits, stormRootOf(planning.notice) ?? '', now) });
    });
    const joining = new Set(joins.map(({ planning }) => planning.i));
    return { joins: joins.sort((x, y) => x.planning.i - y.planning.i), rest: open.filter(({ i }) => !joining.has(i)) };
  }

  /** Quiet hours defer; the rest take their rate windows (one take of all): sent, or deferred to the next window. */
  private async limited(rest: readonly Planning[], plans: (DeliveryPlan | undefined)[], now: number): Promise<void> {
    const rated: { i: number; notice: PersonNotice; limit: number; window: { start: number; end: number } }[] = [];
    for (const { i, notice, preferences, zone } of rest) {
      const quietEnd = preferences.quietHours === null || (notice.urgent && preferences.urgentBreaksQuietHours) ? null : quietUntil(preferences.quietHours, zone, now);
      const rate = this.settings.limits.rate[notice.channel];
      if (quietEnd !== null) plans[i] = { kind: 'defer', until: quietEnd, reason: 'quiet_hours' };
      else rated.push({ i, notice, limit: rate.limit, window: fixedWindow(rate.windowMs, now) });
    }
    const within = await this.slots.takeMany(rated.map(({ notice, limit, window }) => ({ counter: `rate|${notice.recipient.personId}|${notice.channel}`, windowStart: window.start, windowEnd: window.end, itemKey: notice.key, limit })));
    rated.forEach(({ i, window }, at) => {
      plans[i] = within[at] === true ? { kind: 'send' } : { kind: 'defer', until: window.end, reason: 'rate_limit' };
    });
  }

  /** Why the person gets no notice at all (inactive, the channel switched off, mail without an address), or null. */
  private refusal(notice: PersonNotice, person: ProjectedPerson | undefined, preferences: NotificationPreferences): DeliveryPlan | null {
    if (person === undefined || !person.active) return { kind: 'suppress', reason: 'inactive_recipient' };
    if (!channelEnabled(preferences, notice.category, notice.channel)) return { kind: 'suppress', reason: 'preference_off' };
    if (notice.channel === 'email' && (person.email ?? notice.recipient.email) === null) return { kind: 'suppress', reason: 'no_address' };
    return null;
  }

  /** Each person's digest joins in the notices' order, different people at once. */
  private async joinAll(joins: readonly Join[], plans: (DeliveryPlan | undefined)[], now: number): Promise<void> {
    const byPerson = new Map<string, Join[]>();
    for (const join of joins) byPerson.set(join.planning.notice.recipient.personId, [...(byPerson.get(join.planning.notice.recipient.personId) ?? []), join]);
    await Promise.all(
      [...byPerson.values()].map(async (own) => {
        for (const { planning, window } of own) plans[planning.i] = await this.join(planning.notice, window, now);
      }),
    );
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
