import { BreakerOpenError, BreakerTimeoutError, createBreaker } from '@itsm/platform/resilience';
import type { Breaker, BreakerHooks, BreakerSettings } from '@itsm/platform/resilience';
import { PrivateTargetError } from './http-transport';
import type { HttpAnswer, HttpTransport } from './http-transport';

/** How calls to targets are bounded: a timeout per call and each target's own breaker (never one shared breaker). */
export interface HttpTargetPolicy {
  /** A call without an answer by then is abandoned; Standard Webhooks suggests 15-30 s. */
  readonly timeoutMs: number;
  readonly breaker: Omit<BreakerSettings, 'name' | 'timeoutMs'>;
}

/** One POST to a target; the timeout is the policy's. */
export interface HttpTargetRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The target's answer (any status, 5xx included), or why none came. */
export type HttpTargetOutcome =
  | { readonly kind: 'answer'; readonly answer: HttpAnswer }
  /** The target's breaker is open: nothing was sent; try again after the breaker's rest. */
  | { readonly kind: 'breaker_open'; readonly retryAfterMs: number }
  | { readonly kind: 'timeout'; readonly timeoutMs: number }
  | { readonly kind: 'unreachable'; readonly detail: string }
  /** The target's name resolved to a private address: retrying will not help. */
  | { readonly kind: 'private_target'; readonly detail: string };

/** A 5xx answer: a failure for the breaker, still handed back as an answer (its Retry-After honoured). */
class ServerErrorAnswer extends Error {
  constructor(readonly answer: HttpAnswer) {
    super(`HTTP ${answer.status}`);
  }
}

/**
 * Posts to many outside targets (webhook endpoints, supplier APIs), each behind its own circuit
 * breaker keyed by the caller's target id, so one failing target never stops the others. 5xx
 * answers, timeouts and unreachable targets count as failures; every other status is an answer
 * whose meaning (a 410, a chat webhook's "gone") the calling context decides.
 */
export class HttpTargets {
  private readonly breakers = new Map<string, Breaker<[HttpTargetRequest], HttpAnswer>>();

  constructor(
    private readonly transport: HttpTransport,
    /** Names the breakers `<name>:<targetId>` in logs and metrics. */
    private readonly name: string,
    private readonly policy: HttpTargetPolicy,
    private readonly hooks: BreakerHooks = {},
  ) {}

  async post(targetId: string, request: HttpTargetRequest): Promise<HttpTargetOutcome> {
    try {
      return { kind: 'answer', answer: await this.breaker(targetId).fire(request) };
    } catch (error) {
      if (error instanceof ServerErrorAnswer) return { kind: 'answer', answer: error.answer };
      if (error instanceof BreakerOpenError) return { kind: 'breaker_open', retryAfterMs: this.policy.breaker.resetTimeoutMs };
      if (error instanceof BreakerTimeoutError) return { kind: 'timeout', timeoutMs: this.policy.timeoutMs };
      if (error instanceof PrivateTargetError) return { kind: 'private_target', detail: error.message };
      return { kind: 'unreachable', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Stops every breaker's timers (on shutdown); later posts answer breaker_open. */
  shutdown(): void {
    for (const breaker of this.breakers.values()) breaker.shutdown();
  }

  private breaker(targetId: string): Breaker<[HttpTargetRequest], HttpAnswer> {
    let breaker = this.breakers.get(targetId);
    if (breaker === undefined) {
      const post = async (request: HttpTargetRequest): Promise<HttpAnswer> => {
        const answer = await this.transport.post({ ...request, timeoutMs: this.policy.timeoutMs });
        if (answer.status >= 500) throw new ServerErrorAnswer(answer);
        return answer;
      };
      breaker = createBreaker(post, { name: `${this.name}:${targetId}`, timeoutMs: this.policy.timeoutMs, ...this.policy.breaker }, this.hooks);
      this.breakers.set(targetId, breaker);
    }
    return breaker;
  }
}
