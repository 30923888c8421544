/**
 * bench:notification's baseline, measured in the same run on the same peers: how many deliveries a
 * second the SMTP sink and the webhook receiver take when driven directly from one Node process,
 * in the service's mix (ten mails to one webhook), with the service's SMTP pool (nodemailer, pooled,
 * the same number of connections) and signed webhooks over keep-alive. It is the ceiling of the
 * hand-over the service does after all its own work (consume, plan, claim, render, record), so
 * `deliveries_ratio` says what share of the peers' capacity the service reaches on this machine.
 */
import { randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { Webhook } from 'standardwebhooks';

const IN_FLIGHT = 64;
/** The service's SMTP pool size (libs/notification DEFAULT_DELIVERY_TUNING.smtp.maxConnections, not a setting). */
const SERVICE_SMTP_CONNECTIONS = 5;
const MAILS_PER_WEBHOOK = 10;
const TEXT = `${'An incident was assigned to your group. '.repeat(12)}\n`;
const HTML = `<p>${TEXT.repeat(2)}</p>`;

export interface BaselineFigures {
  readonly deliveries: number;
  readonly seconds: number;
  readonly deliveriesPerS: number;
  readonly failures: number;
}

export async function measurePeerBaseline(smtpUrl: string, webhookUrl: string, secret: string, seconds: number): Promise<BaselineFigures> {
  const transport = createTransport({ url: smtpUrl, pool: true, maxConnections: SERVICE_SMTP_CONNECTIONS });
  const signer = new Webhook(secret);
  const started = performance.now();
  const endAt = started + seconds * 1000;
  let next = 0;
  let deliveries = 0;
  let failures = 0;
  const deliver = async (n: number): Promise<void> => {
    if (n % (MAILS_PER_WEBHOOK + 1) === MAILS_PER_WEBHOOK) {
      const id = `msg_baseline${n}`;
      const body = JSON.stringify({ type: 'itsm.bench.baseline', data: { n } });
      const now = new Date();
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signer.sign(id, now, body) },
        body,
      });
      await response.text();
      if (response.status !== 200) throw new Error(`the receiver answered ${response.status}`);
    } else {
      await transport.sendMail({ from: 'notify@bench.example', to: `baseline-${n % 100}@bench.example`, subject: `Baseline ${n}`, text: TEXT, html: HTML, messageId: `<baseline.${randomUUID()}@bench.example>` });
    }
  };
  const worker = async (): Promise<void> => {
    while (performance.now() < endAt) {
      const n = next;
      next += 1;
      try {
        await deliver(n);
        deliveries += 1;
      } catch {
        failures += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, () => worker()));
  const elapsed = (performance.now() - started) / 1000;
  transport.close();
  return { deliveries, seconds: elapsed, deliveriesPerS: deliveries / elapsed, failures };
}
