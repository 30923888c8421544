import { createHmac, randomBytes } from 'node:crypto';

/** The three Standard Webhooks headers of one attempt. */
export interface WebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** A new signing secret: `whsec_` and base64 of 32 random bytes (the spec asks 24 to 64). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * Standard Webhooks v1 signing (HMAC-SHA256 over `<id>.<timestamp>.<body>` with each secret's decoded
 * bytes), by hand with node:crypto rather than the `standardwebhooks` package, whose `sign` takes one
 * key and pulls two dependencies for what these lines do. `webhook-signature` lists one `v1,<base64>`
 * per secret, space-separated: during a rotation receivers holding either secret verify. The id and
 * the timestamp (Unix seconds) must not contain a dot (the signed content's separator).
 */
export function signWebhook(secrets: readonly string[], id: string, timestampSeconds: number, body: string): WebhookHeaders {
  if (secrets.length === 0) throw new RangeError('a webhook is signed with at least one secret');
  if (id.includes('.') || !Number.isInteger(timestampSeconds)) throw new RangeError('a webhook id has no dot and its timestamp is whole seconds');
  const content = `${id}.${timestampSeconds}.${body}`;
  const signature = secrets.map((secret) => `v1,${createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64')).update(content).digest('base64')}`).join(' ');
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': signature };
}
