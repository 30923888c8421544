import { Clock } from '@itsm/platform/config';
import { RateLimiter } from '@itsm/platform/resilience';
import { Inject, Injectable } from '@nestjs/common';
import { newChangeId } from '../../change-ids';
import { ChangeError, ChangeErrorCode, decideGate, GATE_CANDIDATE_STATES, readGateRequest, unknownCiAnswer } from '../../../domain';
import type { GateAnswer, GateLogEntry, GateRequest, PipelineToken } from '../../../domain';
import { GateRateLimit } from '../../gate/gate-rate';
import { GateTargets } from '../../gate/gate-targets';
import { PipelineAuthenticator } from '../../gate/pipeline-tokens';
import { GateChanges, GateLog } from '../../ports';
import type { AnswerGateCommand } from './answer-gate.command';

/** The most changes naming one CI the gate weighs (the open one and the nearest windows are among the active ones). */
const MAX_CANDIDATES = 50;

/**
 * The deployment gate: authenticates the pipeline, bounds its rate, reads its request, resolves the
 * CI, decides (allow only inside an authorised change's window for that CI) and logs the answer on
 * the change it is about (event + audit chain) and in the gate log. Refused requests (token, rate,
 * body) are errors, not answers: nothing is logged for them.
 */
@Injectable()
export class AnswerGateHandler {
  private readonly limiter: RateLimiter;

  constructor(
    @Inject(PipelineAuthenticator) private readonly authenticator: PipelineAuthenticator,
    @Inject(GateTargets) private readonly targets: GateTargets,
    @Inject(GateChanges) private readonly changes: GateChanges,
    @Inject(GateLog) private readonly log: GateLog,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(GateRateLimit) rateLimit: GateRateLimit,
  ) {
    this.limiter = new RateLimiter(rateLimit);
  }

  async execute(command: AnswerGateCommand): Promise<GateLogEntry> {
    const token = await this.authenticator.authenticate(command.bearerToken);
    const rate = this.limiter.take(token.id, this.clock.now());
    if (!rate.allowed) throw new ChangeError(ChangeErrorCode.TooMany, `too many gate requests for this pipeline token: retry in ${rate.retryAfterSeconds} s`, { retryAfterSeconds: rate.retryAfterSeconds });
    const request = readGateRequest(command.body);
    const target = await this.targets.resolve(request.target);
    const now = this.clock.now();
    const ciId = target.kind === 'ci' ? target.ciId : request.target.kind === 'ci' ? request.target.ciId : request.target.serviceId;
    const answer = target.kind === 'ci' ? await this.decide(target.ciId, request.change, now) : unknownCiAnswer(target.what);
    const entry = logEntry(token, request, ciId, answer, now);
    if (answer.change !== null) {
      await this.changes.recordAnswer(answer.change.id, { ciId, pipeline: entry.pipeline, allowed: answer.allowed, reason: answer.message, by: `pipeline:${token.id}`, at: now });
    }
    await this.log.append(entry);
    return entry;
  }

  private async decide(ciId: string, reference: string | null, now: Date): Promise<GateAnswer> {
    if (reference === null) return decideGate({ ciId, change: null, candidates: await this.changes.naming(ciId, GATE_CANDIDATE_STATES, MAX_CANDIDATES) }, now);
    const named = await this.changes.byReference(reference);
    if (named === undefined) return { allowed: false, reason: 'no_change', message: `no change ${reference}`, change: null, window: null };
    return decideGate({ ciId, change: named, candidates: [] }, now);
  }
}

function logEntry(token: PipelineToken, request: GateRequest, ciId: string, answer: GateAnswer, at: Date): GateLogEntry {
  return {
    id: newChangeId(),
    at,
    tokenId: token.id,
    pipeline: request.pipeline ?? token.name,
    ciId,
    service: request.target.kind === 'service' ? { id: request.target.serviceId, environment: request.target.environment } : null,
    requestedChange: request.change,
    allowed: answer.allowed,
    reason: answer.reason,
    message: answer.message,
    changeId: answer.change?.id ?? null,
    changeNumber: answer.change?.number ?? null,
    window: answer.window,
  };
}
