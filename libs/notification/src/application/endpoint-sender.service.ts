import { HttpTargets, HttpTransport, WebhookKeyError, parseHmacSecret, signWebhook } from '@itsm/platform/webhooks';
import type { HttpTargetRequest } from '@itsm/platform/webhooks';
import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { disableEndpoint, recordDelivered, recordGone, slackBody, teamsBody, verdictOf, webhookBody } from '../domain/endpoints';
import type { EndpointAnswer, EndpointVerdict, NotificationEndpoint } from '../domain/endpoints';
import { NOTIFICATION_SETTINGS } from '../notification-env';
import type { NotificationSettings } from '../notification-env';
import { changeEndpoint } from './endpoint-changes';
import { ENDPOINT_DELIVERY_POLICY } from './endpoint-delivery-policy';
import type { EndpointDeliveryPolicy } from './endpoint-delivery-policy';
import { endpointUrl } from './endpoint-url';
import { EndpointSender } from './ports/endpoint-sender.port';
import type { EndpointMessage, EndpointOutcome } from './ports/endpoint-sender.port';
import { NotificationEndpointStore } from './ports/endpoint-store.port';

/**
 * Sends notices to webhook, Slack and Teams endpoints through the platform's HttpTargets (each
 * endpoint behind its own breaker with a timeout). Webhooks are signed (Standard Webhooks,
 * `webhook-id` = `msg_<deliveryId>` on every attempt, a fresh timestamp and signatures per attempt, one per active secret). What the endpoint
 * answered is applied to it: 410 disables it, a chat webhook's "gone" answers count towards
 * disabling, a delivered message ends that count. Disabling saves `endpoint-disabled` with it (the
 * endpoint's outbox), which the built-in rule turns into an urgent notice to its owner and contact.
 */
@Injectable()
export class HttpEndpointSender extends EndpointSender implements OnApplicationShutdown {
  private readonly targets: HttpTargets;

  constructor(
    private readonly endpoints: NotificationEndpointStore,
    http: HttpTransport,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: Pick<NotificationSettings, 'allowPrivateTargets'>,
    @Inject(ENDPOINT_DELIVERY_POLICY) policy: EndpointDeliveryPolicy,
  ) {
    super();
    this.targets = new HttpTargets(http, 'notification-endpoint', policy);
  }

  async send(message: EndpointMessage, now: number): Promise<EndpointOutcome> {
    const stored = await this.endpoints.get(message.endpointId);
    if (stored === null) return { kind: 'failed', reason: `no endpoint ${message.endpointId}` };
    const { endpoint } = stored;
    if (endpoint.state.kind === 'disabled') return { kind: 'disabled', reason: `endpoint_disabled: ${endpoint.state.reason}` };
    if (endpoint.channel !== message.channel) return { kind: 'failed', reason: `endpoint ${endpoint.id} is a ${endpoint.channel} endpoint, not ${message.channel}` };
    if (endpoint.channel === 'webhook' && endpoint.secrets.length === 0) return { kind: 'failed', reason: `endpoint ${endpoint.id} has no signing secret` };
    try {
      endpointUrl(endpoint.url, this.settings.allowPrivateTargets);
    } catch {
      return { kind: 'failed', reason: 'private target refused' };
    }
    let request: HttpTargetRequest;
    try {
      request = this.request(endpoint, message, now);
    } catch (error) {
      if (error instanceof WebhookKeyError) return { kind: 'failed', reason: `endpoint ${endpoint.id} has an unusable signing secret (${error.code})` };
      throw error;
    }
    const answer = await this.call(endpoint, request);
    if ('kind' in answer) return answer;
    return this.apply(endpoint, verdictOf(endpoint.channel, answer, now), now);
  }

  onApplicationShutdown(): void {
    this.targets.shutdown();
  }

  private request(endpoint: NotificationEndpoint, message: EndpointMessage, now: number): HttpTargetRequest {
    const base = { url: endpoint.url };
    switch (endpoint.channel) {
      case 'webhook': {
        const body = webhookBody(message.deliveryId, message.notice, message.message, now);
        return { ...base, body, headers: { ...signWebhook(endpoint.secrets.map((s) => parseHmacSecret(s.secret)), `msg_${message.deliveryId}`, Math.floor(now / 1000), body) } };
      }
      case 'slack':
        return { ...base, body: slackBody(message.notice, message.message), headers: {} };
      case 'teams':
        return { ...base, body: teamsBody(message.notice, message.message), headers: {} };
    }
  }

  /** The endpoint's answer, or the outcome when none came (open breaker, timeout, unreachable, private address). */
  private async call(endpoint: NotificationEndpoint, request: HttpTargetRequest): Promise<EndpointAnswer | EndpointOutcome> {
    const outcome = await this.targets.post(endpoint.id, request);
    switch (outcome.kind) {
      case 'answer':
        return outcome.answer;
      case 'breaker_open':
        return { kind: 'retry', reason: 'breaker open', afterMs: outcome.retryAfterMs };
      case 'timeout':
        return { kind: 'retry', reason: `no answer within ${outcome.timeoutMs} ms`, afterMs: null };
      case 'private_target':
        return { kind: 'failed', reason: outcome.detail };
      case 'unreachable':
        return { kind: 'retry', reason: `unreachable: ${outcome.detail}`, afterMs: null };
    }
  }

  private async apply(endpoint: NotificationEndpoint, verdict: EndpointVerdict, now: number): Promise<EndpointOutcome> {
    switch (verdict.kind) {
      case 'sent':
        if (endpoint.broken !== null) await changeEndpoint(this.endpoints, endpoint.id, recordDelivered);
        return verdict;
      case 'retry':
      case 'failed':
        return verdict;
      case 'disabled':
        await changeEndpoint(this.endpoints, endpoint.id, (e) => disableEndpoint(e, verdict.reason, 'system', now));
        return verdict;
      case 'gone': {
        const changed = await changeEndpoint(this.endpoints, endpoint.id, (e) => recordGone(e, verdict.reason, now));
        return changed.state.kind === 'disabled' ? { kind: 'disabled', reason: verdict.reason } : { kind: 'failed', reason: verdict.reason };
      }
    }
  }
}
