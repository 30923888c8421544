import type { EndpointChannel, Notice, RenderedMessage } from '../../domain';

/** One attempt at delivering a notice to a webhook, Slack or Teams endpoint. */
export interface EndpointMessage {
  /** The delivery's id: the webhook's `webhook-id` (`msg_<id>`) on every attempt, so receivers drop repeats. */
  readonly deliveryId: string;
  readonly attempt: number;
  readonly endpointId: string;
  readonly channel: EndpointChannel;
  readonly notice: Notice;
  readonly message: RenderedMessage;
}

/**
 * What an attempt came to: `sent`; `retry` (a timeout, 429, 5xx, an open breaker; `afterMs` from
 * Retry-After when the endpoint said); `failed` for good (a 4xx our request caused); `disabled`
 * (410 Gone, a revoked chat webhook: the endpoint is switched off and the owner told).
 */
export type EndpointOutcome =
  | { readonly kind: 'sent'; readonly detail: string }
  | { readonly kind: 'retry'; readonly reason: string; readonly afterMs: number | null }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'disabled'; readonly reason: string };

/** Sends to configured endpoints (signed webhooks, Slack, Teams), each behind its own breaker. */
export abstract class EndpointSender {
  abstract send(message: EndpointMessage, now: number): Promise<EndpointOutcome>;
}

/** The endpoints the context knows: a rule naming another is refused on save. */
export abstract class KnownEndpoints {
  /** The ids among `ids` that name no endpoint (disabled ones are known). */
  abstract missing(ids: readonly string[]): Promise<readonly string[]>;
}
