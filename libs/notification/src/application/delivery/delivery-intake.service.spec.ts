import type { SendMailOptions } from 'nodemailer';
import { notificationError, NotificationErrorCode } from '../../domain';
import type { Notice, PersonRecipient, RenderedMessage } from '../../domain';
import { claimedDelivery } from '../../domain/delivery';
import type { AttemptOutcome } from '../../domain/delivery';
import { specNotice } from '../../domain/delivery/test-fixtures/spec-notice';
import { SPEC_NOTIFICATION_SETTINGS } from '../../test-fixtures/spec-notification-settings';
import { MailSender } from '../channels/email/mail-sender.port';
import { deliveryId } from '../delivery-id';
import { DeliveryPlanner, EndpointSender, MessageRenderer } from '../ports';
import type { DeliveryPlan, EndpointMessage, EndpointOutcome } from '../ports';
import { DeliveryAttempts } from './delivery-attempts.service';
import { DeliveryIntakeService } from './delivery-intake.service';
import { DeliverySendQueue } from './delivery-send-queue';
import { DeliverySweeper } from './delivery-sweeper';
import { DEFAULT_DELIVERY_TUNING } from './delivery-tuning';
import type { DeliveryTuning } from './delivery-tuning';
import { InMemoryDeliveryStore } from './test-fixtures/in-memory-delivery-store';

const T0 = 1_700_000_000_000;
const SETTINGS = SPEC_NOTIFICATION_SETTINGS;
const alice: PersonRecipient = { kind: 'person', personId: 'n-alice', displayName: 'Alice', email: 'alice@contoso.example', locale: 'de', timeZone: 'Europe/Zurich', chatHandle: null };
const notice = (over: Partial<Notice> = {}): Notice => specNotice({ recipient: alice, ...over });

class FakePlanner extends DeliveryPlanner {
  readonly plans = new Map<string, DeliveryPlan>();
  planMany(notices: readonly Notice[]): Promise<DeliveryPlan[]> {
    return Promise.resolve(notices.map((n) => this.plans.get(`${n.key}/${n.channel}`) ?? { kind: 'send' }));
  }
}
class FakeRenderer extends MessageRenderer {
  readonly locales: string[] = [];
  failing = false;
  render(_n: Notice, locale: string): Promise<RenderedMessage> {
    this.locales.push(locale);
    if (this.failing) return Promise.reject(notificationError(NotificationErrorCode.UnknownTemplateVariable, 'no such variable', { variable: 'x' }));
    return Promise.resolve({ locale, subject: 'Assigned to you', text: 'text', html: '<p>html</p>' });
  }
}
class FakeMail extends MailSender {
  readonly sent: SendMailOptions[] = [];
  readonly outcomes: AttemptOutcome[] = [];
  send(mail: SendMailOptions): Promise<AttemptOutcome> {
    this.sent.push(mail);
    return Promise.resolve(this.outcomes.shift() ?? { kind: 'sent', detail: '250 ok' });
  }
}
class FakeEndpoints extends EndpointSender {
  readonly sent: EndpointMessage[] = [];
  send(message: EndpointMessage): Promise<EndpointOutcome> {
    this.sent.push(message);
    return Promise.reject(new Error('endpoint exploded'));
  }
}

describe('DeliveryIntakeService', () => {
  const tuning: DeliveryTuning = { ...DEFAULT_DELIVERY_TUNING, backoff: { baseMs: 1_000, maxMs: 8_000, jitter: 0 }, maxAttempts: 3 };
  let store: InMemoryDeliveryStore;
  let planner: FakePlanner;
  let renderer: FakeRenderer;
  let mail: FakeMail;
  let endpoints: FakeEndpoints;
  let attempts: DeliveryAttempts;
  let queue: DeliverySendQueue;
  let intake: DeliveryIntakeService;
  const logger = { debug: jest.fn(), warn: jest.fn(), error: jest.fn() } as never;
  const clock = { now: () => new Date(T0) };
  /** accept(), then the send queue drained (accept itself waits for no send). */
  const acceptAndSend = async (notices: readonly Notice[], now: number): Promise<void> => {
    await intake.accept(notices, now);
    await queue.idle();
  };

  beforeEach(() => {
    store = new InMemoryDeliveryStore();
    planner = new FakePlanner();
    renderer = new FakeRenderer();
    mail = new FakeMail();
    endpoints = new FakeEndpoints();
    attempts = new DeliveryAttempts(mail, endpoints, SETTINGS, tuning);
    queue = new DeliverySendQueue(attempts, store, clock, logger);
    intake = new DeliveryIntakeService(store, planner, renderer, attempts, queue, SETTINGS);
  });

  it('claims, renders in the recipient\'s locale and mails a notice once, however often it is accepted', async () => {
    for (let i = 0; i < 5; i += 1) await acceptAndSend([notice(), notice()], T0 + i);
    expect(mail.sent).toHaveLength(1);
    expect(renderer.locales).toEqual(['de']);
    const id = deliveryId('evt-1', alice, 'email');
    expect(mail.sent[0]).toMatchObject({ to: 'alice@contoso.example', messageId: `<d.${id}@itsm.test>`, subject: '[INC0000001] Assigned to you' });
    expect(await store.find(id)).toMatchObject({ state: 'sent', attempts: 1, lease: null });
  });

  it('plans and claims one call\'s notices together, and sends only those this call claimed (another replica claimed the rest in between)', async () => {
    const planMany = jest.spyOn(planner, 'planMany');
    const claimMany = jest.spyOn(store, 'claimMany');
    const people = ['n-a', 'n-b', 'n-c'].map((personId): PersonRecipient => ({ ...alice, personId, email: `${personId}@contoso.example` }));
    const raced = deliveryId('evt-1', people[1] as PersonRecipient, 'email');
    // The replica's claim lands after this call found nothing claimed.
    jest.spyOn(store, 'claimed').mockResolvedValueOnce(new Set());
    await store.claimMany([claimedDelivery(raced, notice({ recipient: people[1] }), { kind: 'suppress', reason: 'preference_off' }, T0)]);
    claimMany.mockClear();
    await acceptAndSend(people.map((recipient) => notice({ recipient })), T0);
    expect(planMany).toHaveBeenCalledTimes(1);
    expect(claimMany).toHaveBeenCalledTimes(1);
    expect(mail.sent.map((m) => m.to).sort()).toEqual(['n-a@contoso.example', 'n-c@contoso.example']);
  });

  it('records a failing channel as retrying (never throws), and the sweeper resends it when due with the same message id', async () => {
    mail.outcomes.push({ kind: 'retry', reason: '451 try later', afterMs: null });
    await acceptAndSend([notice()], T0);
    const id = deliveryId('evt-1', alice, 'email');
    expect(await store.find(id)).toMatchObject({ state: 'retrying', nextAttemptAt: T0 + 1_000 });
    const sweeper = new DeliverySweeper(store, attempts, queue, clock, tuning, logger);
    expect(await sweeper.sweep(T0 + 999)).toBe(0);
    expect(await sweeper.sweep(T0 + 1_000)).toBe(1);
    expect(mail.sent.map((m) => m.messageId)).toEqual([`<d.${id}@itsm.test>`, `<d.${id}@itsm.test>`]);
    expect(await store.find(id)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('records plans without sending: suppressed with the reason, digested, deferred until the instant', async () => {
    planner.plans.set('evt-1/email', { kind: 'suppress', reason: 'preference_off' });
    planner.plans.set('evt-2/email', { kind: 'digest', digestId: 'dg-1', at: T0 + 3_600_000 });
    planner.plans.set('evt-3/email', { kind: 'defer', until: T0 + 7_200_000, reason: 'quiet_hours' });
    await acceptAndSend([notice(), notice({ key: 'evt-2' }), notice({ key: 'evt-3' })], T0);
    expect(mail.sent).toHaveLength(0);
    const state = async (key: string) => store.find(deliveryId(key, alice, 'email'));
    expect(await state('evt-1')).toMatchObject({ state: 'suppressed', reason: 'preference_off' });
    expect(await state('evt-2')).toMatchObject({ state: 'digested', digestId: 'dg-1' });
    expect(await state('evt-3')).toMatchObject({ state: 'scheduled', nextAttemptAt: T0 + 7_200_000, message: { subject: 'Assigned to you' } });
  });

  it('suppresses what cannot be reached, fails what does not render, and puts in-app notices in the inbox at once', async () => {
    const nomail: PersonRecipient = { ...alice, personId: 'n-nomail', email: null, locale: null };
    await acceptAndSend([notice({ recipient: nomail }), notice({ channel: 'in_app', recipient: nomail })], T0);
    expect(await store.find(deliveryId('evt-1', nomail, 'email'))).toMatchObject({ state: 'suppressed', reason: 'no_address' });
    expect(await store.find(deliveryId('evt-1', nomail, 'in_app'))).toMatchObject({ state: 'sent', readAt: null });
    expect(renderer.locales).toEqual(['en']);
    renderer.failing = true;
    await acceptAndSend([notice({ key: 'evt-9' })], T0);
    expect(await store.find(deliveryId('evt-9', alice, 'email'))).toMatchObject({ state: 'failed', reason: expect.stringContaining('NOTIFICATION.UNKNOWN_TEMPLATE_VARIABLE') });
  });

  it('keeps in-app notices out of the inbox until delivered: a suppressed or digested one never, a deferred one when its time came', async () => {
    planner.plans.set('evt-1/in_app', { kind: 'suppress', reason: 'preference_off' });
    planner.plans.set('evt-2/in_app', { kind: 'digest', digestId: 'dg-1', at: T0 + 3_600_000 });
    planner.plans.set('evt-3/in_app', { kind: 'defer', until: T0 + 7_200_000, reason: 'quiet_hours' });
    await acceptAndSend(['evt-1', 'evt-2', 'evt-3', 'evt-4'].map((key) => notice({ key, channel: 'in_app' })), T0);
    const inbox = async () => (await store.inbox('n-alice', false, { first: 10, after: null })).items.map((d) => d.notice.key);
    expect(await inbox()).toEqual(['evt-4']);
    expect(await store.unreadCount('n-alice')).toBe(1);
    expect(await store.inboxEntry('n-alice', deliveryId('evt-3', alice, 'in_app'))).toBeNull();
    expect(await store.markRead('n-alice', [deliveryId('evt-1', alice, 'in_app')], T0)).toBe(0);
    const sweeper = new DeliverySweeper(store, attempts, queue, clock, tuning, logger);
    expect(await sweeper.sweep(T0 + 7_200_000)).toBe(1);
    await queue.idle();
    expect((await inbox()).sort()).toEqual(['evt-3', 'evt-4']);
    expect(await store.inboxEntry('n-alice', deliveryId('evt-3', alice, 'in_app'))).toMatchObject({ state: 'sent', readAt: null });
    expect(await store.inboxEntry('n-bob', deliveryId('evt-3', alice, 'in_app'))).toBeNull();
  });

  it('sends endpoint notices through the endpoint sender with the delivery id, and an exception there becomes a retry', async () => {
    const hook = { kind: 'endpoint', endpointId: 'ep-1' } as const;
    await acceptAndSend([notice({ channel: 'webhook', recipient: hook })], T0);
    const id = deliveryId('evt-1', hook, 'webhook');
    expect(endpoints.sent).toEqual([expect.objectContaining({ deliveryId: id, attempt: 1, endpointId: 'ep-1', channel: 'webhook' })]);
    expect(await store.find(id)).toMatchObject({ state: 'retrying', messageId: `msg_${id}`, reason: 'endpoint exploded' });
  });

  it('leaves a claim whose process died before the send (its queue lost) to the sweeper after the lease: sent once, with the claim\'s message id', async () => {
    jest.spyOn(queue, 'admit').mockResolvedValueOnce({ settled: Promise.resolve() });
    await intake.accept([notice()], T0);
    const id = deliveryId('evt-1', alice, 'email');
    expect(await store.find(id)).toMatchObject({ state: 'sending', lease: { owner: attempts.owner } });
    expect(mail.sent).toHaveLength(0);
    const restarted = new DeliveryAttempts(mail, endpoints, SETTINGS, tuning);
    const later = { now: () => new Date(T0 + tuning.leaseMs) };
    const sweeper = new DeliverySweeper(store, restarted, new DeliverySendQueue(restarted, store, later, logger), later, tuning, logger);
    expect(await sweeper.sweep(T0 + tuning.leaseMs - 1)).toBe(0);
    expect(await sweeper.sweep(T0 + tuning.leaseMs)).toBe(1);
    expect(await sweeper.sweep(T0 + 2 * tuning.leaseMs)).toBe(0);
    expect(mail.sent.map((m) => m.messageId)).toEqual([`<d.${id}@itsm.test>`]);
    expect(await store.find(id)).toMatchObject({ state: 'sent', attempts: 1, lease: null });
  });
});
