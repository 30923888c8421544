import type { ChangeState, GateCandidate, GateLogEntry, PipelineToken } from '../../domain';
import { AnswerGateHandler } from '../commands/answer-gate/answer-gate.handler';
import { IssuePipelineTokenHandler } from '../commands/issue-pipeline-token/issue-pipeline-token.handler';
import { RevokePipelineTokenHandler } from '../commands/revoke-pipeline-token/revoke-pipeline-token.handler';
import type { RateLimit } from '@itsm/platform/resilience';
import { GateTargets } from '../gate/gate-targets';
import { PipelineAuthenticator } from '../gate/pipeline-tokens';
import { ManualClock } from './change-fixtures';
import { InMemoryConfigurationItems } from './in-memory-configuration-items';
import type { GateAnswerRecord, GateChanges, GateLog, GateLogFilter, GateLogKey, GateLogPage, PipelineTokenStore } from '../ports';

class FakeGateChanges implements GateChanges {
  readonly changes = new Map<string, GateCandidate>();
  readonly answers: { changeId: string; answer: GateAnswerRecord }[] = [];

  naming(ciId: string, states: readonly ChangeState[], limit: number): Promise<readonly GateCandidate[]> {
    return Promise.resolve([...this.changes.values()].filter((c) => c.configurationItemIds.includes(ciId) && states.includes(c.state)).slice(0, limit));
  }
  byReference(reference: string): Promise<GateCandidate | undefined> {
    return Promise.resolve([...this.changes.values()].find((c) => c.id === reference || c.number === reference));
  }
  recordAnswer(changeId: string, answer: GateAnswerRecord): Promise<void> {
    this.answers.push({ changeId, answer });
    return Promise.resolve();
  }
}

class FakeGateLog implements GateLog {
  readonly entries: GateLogEntry[] = [];

  append(entry: GateLogEntry): Promise<void> {
    this.entries.push(entry);
    return Promise.resolve();
  }
  list(filter: GateLogFilter, first: number, after: GateLogKey | undefined): Promise<GateLogPage> {
    const newestFirst = [...this.entries].reverse().filter((e) => (filter.ciId === undefined || e.ciId === filter.ciId) && (filter.changeId === undefined || e.changeId === filter.changeId));
    const start = after === undefined ? 0 : newestFirst.findIndex((e) => e.id === after.id) + 1;
    const rest = newestFirst.slice(start);
    return Promise.resolve({ items: rest.slice(0, first), hasNextPage: rest.length > first });
  }
}

class FakeTokens implements PipelineTokenStore {
  readonly rows = new Map<string, { token: PipelineToken; hash: string }>();

  insert(token: PipelineToken, hash: string): Promise<void> {
    this.rows.set(token.id, { token, hash });
    return Promise.resolve();
  }
  revoke(id: string, at: Date): Promise<PipelineToken | undefined> {
    const row = this.rows.get(id);
    if (row === undefined) return Promise.resolve(undefined);
    if (row.token.revokedAt === null) row.token = { ...row.token, revokedAt: at };
    return Promise.resolve(row.token);
  }
  list(): Promise<readonly PipelineToken[]> {
    return Promise.resolve([...this.rows.values()].map((row) => row.token));
  }
  byTokenHash(hash: string): Promise<PipelineToken | undefined> {
    return Promise.resolve([...this.rows.values()].find((row) => row.hash === hash)?.token);
  }
}

/** The deployment gate's handlers over in-memory stores, at `start` on a test clock. */
export function inMemoryGate(start: Date, rateLimit: RateLimit = { burst: 100, perMinute: 600 }) {
  const clock = new ManualClock(start);
  const cis = new InMemoryConfigurationItems();
  const changes = new FakeGateChanges();
  const log = new FakeGateLog();
  const tokens = new FakeTokens();
  return {
    clock,
    cis,
    changes,
    log,
    tokens,
    issue: new IssuePipelineTokenHandler(tokens, clock),
    revoke: new RevokePipelineTokenHandler(tokens, clock),
    answer: new AnswerGateHandler(new PipelineAuthenticator(tokens), new GateTargets(cis), changes, log, clock, rateLimit),
  };
}
