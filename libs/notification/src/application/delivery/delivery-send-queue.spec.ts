import type { SendMailOptions } from 'nodemailer';
import type { PersonRecipient } from '../../domain';
import { claimedDelivery } from '../../domain/delivery';
import type { AttemptOutcome, Delivery } from '../../domain/delivery';
import { specNotice } from '../../domain/delivery/test-fixtures/spec-notice';
import { SPEC_NOTIFICATION_SETTINGS } from '../../test-fixtures/spec-notification-settings';
import { MailSender } from '../channels/email/mail-sender.port';
import { EndpointSender } from '../ports';
import type { EndpointOutcome } from '../ports';
import { DeliveryAttempts } from './delivery-attempts.service';
import { DeliverySendQueue, MAX_BACKLOG, SEND_CONCURRENCY } from './delivery-send-queue';
import { DEFAULT_DELIVERY_TUNING } from './delivery-tuning';
import { InMemoryDeliveryStore } from './test-fixtures/in-memory-delivery-store';

const T0 = 1_700_000_000_000;

/** Mails that stay in flight until the spec opens the gate. */
class GatedMail extends MailSender {
  readonly started: SendMailOptions[] = [];
  private readonly gates: (() => void)[] = [];
  send(mail: SendMailOptions): Promise<AttemptOutcome> {
    this.started.push(mail);
    return new Promise((resolve) => this.gates.push(() => resolve({ kind: 'sent', detail: '250 ok' })));
  }
  open(): void {
    for (const gate of this.gates.splice(0)) gate();
  }
}
class NoEndpoints extends EndpointSender {
  send(): Promise<EndpointOutcome> {
    return Promise.reject(new Error('no endpoints in this spec'));
  }
}

describe('DeliverySendQueue', () => {
  let store: InMemoryDeliveryStore;
  let mail: GatedMail;
  let attempts: DeliveryAttempts;
  let queue: DeliverySendQueue;
  let time: number;
  const logger = { debug: jest.fn(), warn: jest.fn(), error: jest.fn() } as never;
  const claim = async (n: number): Promise<Delivery[]> => {
    const deliveries = Array.from({ length: n }, (_, i) => {
      const recipient: PersonRecipient = { kind: 'person', personId: `n-${i}`, displayName: `P${i}`, email: `p${i}@contoso.example`, locale: null, timeZone: null, chatHandle: null };
      const message = { locale: 'en', subject: 's', text: 't', html: null };
      return claimedDelivery(`d${i}`, specNotice({ recipient }), { kind: 'send', message, messageId: `<d.${i}@itsm.test>`, lease: attempts.lease(T0) }, T0);
    });
    await store.claimMany(deliveries);
    return deliveries;
  };
  const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

  beforeEach(() => {
    store = new InMemoryDeliveryStore();
    mail = new GatedMail();
    attempts = new DeliveryAttempts(mail, new NoEndpoints(), SPEC_NOTIFICATION_SETTINGS, DEFAULT_DELIVERY_TUNING);
    time = T0;
    queue = new DeliverySendQueue(attempts, store, { now: () => new Date(time) }, logger);
  });

  it('sends at most SEND_CONCURRENCY at once, makes admit() wait above MAX_BACKLOG held, and writes the outcomes in batches', async () => {
    const settleMany = jest.spyOn(store, 'settleMany');
    const deliveries = await claim(MAX_BACKLOG + 1);
    let admitted = false;
    const admitting = queue.admit(deliveries, T0).then(() => (admitted = true));
    await flush();
    expect(mail.started).toHaveLength(SEND_CONCURRENCY);
    expect(admitted).toBe(false);
    while (mail.started.length < deliveries.length || !admitted) {
      mail.open();
      await flush();
    }
    mail.open();
    await admitting;
    await queue.idle();
    expect(new Set(mail.started.map((m) => m.messageId)).size).toBe(deliveries.length);
    expect([...store.rows.values()].every((d) => d.state === 'sent' && d.lease === null)).toBe(true);
    expect(settleMany.mock.calls.length).toBeLessThanOrEqual(Math.ceil(deliveries.length / SEND_CONCURRENCY) * 2);
  });

  it('does not write an outcome over a delivery taken over (by another replica or its own sweeper) after the lease its attempt held, and leaves to the sweeper one whose lease has less than a send left', async () => {
    const [kept, taken, short, retaken] = (await claim(4)) as [Delivery, Delivery, Delivery, Delivery];
    store.rows.set(taken.id, { ...taken, lease: { owner: 'delivery-other', until: T0 + 1 } });
    const tooShort = { ...short, lease: { owner: attempts.owner, until: T0 + attempts.sendTimeoutMs } };
    store.rows.set(tooShort.id, tooShort);
    const sweptAgain = attempts.lease(T0 + attempts.policy.leaseMs + 1_000);
    store.rows.set(retaken.id, { ...retaken, lease: sweptAgain });
    const { settled } = await queue.admit([kept, taken, tooShort, retaken], T0);
    await flush();
    mail.open();
    await settled;
    expect(mail.started.map((m) => m.messageId)).toEqual(['<d.0@itsm.test>', '<d.1@itsm.test>', '<d.3@itsm.test>']);
    expect(store.rows.get(kept.id)).toMatchObject({ state: 'sent' });
    expect(store.rows.get(taken.id)).toMatchObject({ state: 'sending', lease: { owner: 'delivery-other' } });
    expect(store.rows.get(tooShort.id)).toMatchObject({ state: 'sending', attempts: 0 });
    expect(store.rows.get(retaken.id)).toMatchObject({ state: 'sending', attempts: 0, lease: sweptAgain });
  });
});
