import { BreakerOpenError, BreakerTimeoutError, createBreaker } from '@itsm/platform/resilience';
import type { Breaker } from '@itsm/platform/resilience';
import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import { disableEndpoint, endpointUrl, recordDelivered, recordGone, slackBody, teamsBody, verdictOf, webhookBody } from '../domain/endpoints';
import type { EndpointAnswer, EndpointVerdict, NotificationEndpoint } from '../domain/endpoints';
import { NOTIFICATION_SETTINGS } from '../notification-env';
import type { NotificationSettings } from '../notification-env';
import { signWebhook } from './channels/webhook-signature';
import { changeEndpoint } from './endpoint-changes';
import { ENDPOINT_DELIVERY_POLICY } from './endpoint-delivery-policy';
import type { EndpointDeliveryPolicy } from './endpoint-delivery-policy';
import { EndpointSender } from './ports/endpoint-sender.port';
import type { EndpointMessage, EndpointOutcome } from './ports/endpoint-sender.port';
import { EndpointHttp, PrivateTargetError } from './ports/endpoint-http.port';
import type { EndpointRequest } from './ports/endpoint-http.port';
import { NotificationEndpointStore } from './ports/endpoint-store.port';

/** A 5xx answer: a failure for the breaker, still classified (and its Retry-After honoured) as an answer. */
class ServerErrorAnswer extends Error {
  constructor(readonly answer: EndpointAnswer) {
    super(`HTTP ${answer.status}`);
  }
}

/**
 * Sends notices to webhook, Slack and Teams endpoints, each endpoint behind its own breaker with a
 * timeout. Webhooks are signed (Standard Webhooks, `webhook-id` = `msg_<deliveryId>` on every
 * attempt, a fresh timestamp and signatures per attempt, one per active secret). What the endpoint
 * answered is applied to it: 410 disables it, a chat webhook's "gone" answers count towards
 * disabling, a delivered message ends that count. Disabling saves `endpoint-disabled` with it (the
 * endpoint's outbox), which the built-in rule turns into an urgent notice to its owner and contact.
 */
@Injectable()
export class HttpEndpointSender extends EndpointSender implements OnApplicationShutdown {
  private readonly breakers = new Map<string, Breaker<[EndpointRequest], EndpointAnswer>>();

  constructor(
    private readonly endpoints: NotificationEndpointStore,
    private readonly http: EndpointHttp,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: Pick<NotificationSettings, 'allowPrivateTargets'>,
    @Inject(ENDPOINT_DELIVERY_POLICY) private readonly policy: EndpointDeliveryPolicy,
  ) {
    super();
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
    const answer = await this.call(endpoint, this.request(endpoint, message, now));
    if ('kind' in answer) return answer;
    return this.apply(endpoint, verdictOf(endpoint.channel, answer, now), now);
  }

  onApplicationShutdown(): void {
    for (const breaker of this.breakers.values()) breaker.shutdown();
  }

  private request(endpoint: NotificationEndpoint, message: EndpointMessage, now: number): EndpointRequest {
    const base = { url: endpoint.url, timeoutMs: this.policy.timeoutMs };
    switch (endpoint.channel) {
      case 'webhook': {
        const body = webhookBody(message.deliveryId, message.notice, message.message, now);
        return { ...base, body, headers: { ...signWebhook(endpoint.secrets.map((s) => s.secret), `msg_${message.deliveryId}`, Math.floor(now / 1000), body) } };
      }
      case 'slack':
        return { ...base, body: slackBody(message.notice, message.message), headers: {} };
      case 'teams':
        return { ...base, body: teamsBody(message.notice, message.message), headers: {} };
    }
  }

  /** The endpoint's answer, or the outcome when none came (open breaker, timeout, unreachable, private address). */
  private async call(endpoint: NotificationEndpoint, request: EndpointRequest): Promise<EndpointAnswer | EndpointOutcome> {
    try {
      return await this.breaker(endpoint.id).fire(request);
    } catch (error) {
      if (error instanceof ServerErrorAnswer) return error.answer;
      if (error instanceof BreakerOpenError) return { kind: 'retry', reason: 'breaker open', afterMs: this.policy.breaker.resetTimeoutMs };
      if (error instanceof BreakerTimeoutError) return { kind: 'retry', reason: `no answer within ${this.policy.timeoutMs} ms`, afterMs: null };
      if (error instanceof PrivateTargetError) return { kind: 'failed', reason: error.message };
      return { kind: 'retry', reason: `unreachable: ${error instanceof Error ? error.message : String(error)}`, afterMs: null };
    }
  }

  private breaker(endpointId: string): Breaker<[EndpointRequest], EndpointAnswer> {
    let breaker = this.breakers.get(endpointId);
    if (breaker === undefined) {
      const post = async (request: EndpointRequest): Promise<EndpointAnswer> => {
        const answer = await this.http.post(request);
        if (answer.status >= 500) throw new ServerErrorAnswer(answer);
        return answer;
      };
      breaker = createBreaker(post, { name: `notification-endpoint:${endpointId}`, timeoutMs: this.policy.timeoutMs, ...this.policy.breaker });
      this.breakers.set(endpointId, breaker);
    }
    return breaker;
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
