import type { EventEnvelope } from '@itsm/contracts';
import { Clock } from '@itsm/platform/config';
import { expectEventually } from '@itsm/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  AuthoriseChangeCommand,
  AuthoriseChangeHandler,
  RequestChangeAuthorisationCommand,
  RequestChangeAuthorisationHandler,
  RequestChangeCommand,
  RequestChangeHandler,
  SubmitChangeForAssessmentCommand,
  SubmitChangeForAssessmentHandler,
} from '../application/commands';
import { IssuePipelineTokenCommand } from '../application/commands/issue-pipeline-token/issue-pipeline-token.command';
import { IssuePipelineTokenHandler } from '../application/commands/issue-pipeline-token/issue-pipeline-token.handler';
import { RevokePipelineTokenCommand } from '../application/commands/revoke-pipeline-token/revoke-pipeline-token.command';
import { RevokePipelineTokenHandler } from '../application/commands/revoke-pipeline-token/revoke-pipeline-token.handler';
import { ChangeReads } from '../application/ports/change-store.port';
import { verifyChain } from '../domain';
import type { ChangeViewer } from '../domain';
import { bootChangeContext } from '../test-fixtures/booted-change-context';
import type { BootedChangeContext } from '../test-fixtures/booted-change-context';

const MANAGER: ChangeViewer = { userId: 'p-manager', roles: ['change-manager'], orgId: 'contoso' };
const HOUR = 3_600_000;
/** Answers per pipeline token at once in this service (then one a minute). */
const RATE_BURST = 12;

interface GateReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown> & { error?: { code: string; message: string; details?: Record<string, unknown> } };
}

/**
 * The deployment gate over HTTP, in the change service as the kit starts it, on the MongoDB peer:
 * a pipeline asks before, inside and after an authorised change's window (the service's clock moved,
 * as injected), for another CI and for a change awaiting authorisation; every answer is in the gate
 * log, and each one about a change is an event on itsm.change.v1 and an entry of its audit chain.
 * Refused requests (token, body) answer typed JSON errors and log nothing.
 */
describe('deployment gate POST /change/v1/gate', () => {
  let booted: BootedChangeContext;
  let published: EventEnvelope[];
  const tag = randomUUID().slice(0, 6);
  const ci = { app: `ci-app-${tag}`, db: `ci-db-${tag}`, pending: `ci-pending-${tag}` };
  const plans = { implementation: 'Deploy 4.2', backout: 'Roll back to 4.1', test: 'Smoke tests' };
  let app: INestApplication;
  let base: string;
  let token = '';
  let now = new Date();
  const at = (hours: number) => new Date(now.getTime() + hours * HOUR);

  beforeAll(async () => {
    booted = await bootChangeContext({ ciIds: Object.values(ci), settings: { gateRate: { burst: RATE_BURST, perMinute: 1 } } });
    ({ app, published } = booted);
    base = `${booted.baseUrl}/change/v1/gate`;
    // The service's injected clock, moved by the test (handlers and the gate read the same instance).
    now = new Date();
    jest.spyOn(app.get(Clock), 'now').mockImplementation(() => now);
    token = (await app.get(IssuePipelineTokenHandler).execute(new IssuePipelineTokenCommand('u-admin', 'payments deploy'))).token;
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await booted?.close();
  });

  async function requestChange(ciId: string, authorise: boolean) {
    const requested = await app.get(RequestChangeHandler).execute(
      MANAGER,
      new RequestChangeCommand({ model: 'normal', title: `Deploy ${ciId}`, description: '', assignmentGroupId: 'g-network', assigneeId: 'p-implementer', configurationItemIds: [ciId], serviceIds: [], plans, planned: { start: at(48), end: at(50) } }),
    );
    await app.get(SubmitChangeForAssessmentHandler).execute(MANAGER, new SubmitChangeForAssessmentCommand(requested.id));
    await app.get(RequestChangeAuthorisationHandler).execute(MANAGER, new RequestChangeAuthorisationCommand(requested.id));
    if (authorise) await app.get(AuthoriseChangeHandler).execute(new AuthoriseChangeCommand(requested.id, 'p-cab-1', 'CAB agreed'));
    return requested;
  }

  async function ask(body: unknown, bearer: string | null = token, contentType = 'application/json'): Promise<GateReply> {
    // Answers are seconds apart on the service's clock (the log's order is by time, then id).
    now = new Date(now.getTime() + 1_000);
    const headers: Record<string, string> = { 'content-type': contentType };
    if (bearer !== null) headers['authorization'] = `Bearer ${bearer}`;
    const response = await fetch(base, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: response.status, headers: response.headers, body: (await response.json()) as GateReply['body'] };
  }

  it('denies before the window, allows inside, denies after, another CI and an unauthorised change: all logged', async () => {
    const change = await requestChange(ci.app, true);
    const pending = await requestChange(ci.pending, false);
    const start = now;

    const before = await ask({ ciId: ci.app, pipeline: 'payments #1' });
    expect(before).toMatchObject({ status: 403, body: { allowed: false, reason: 'before_window', change: { id: change.id, number: change.number } } });
    now = new Date(start.getTime() + 49 * HOUR);
    const inside = await ask({ ciId: ci.app, pipeline: 'payments #2' });
    expect(inside).toMatchObject({ status: 200, body: { allowed: true, reason: 'inside_window', window: { start: new Date(start.getTime() + 48 * HOUR).toISOString() } } });
    const otherCi = await ask({ ciId: ci.db, change: change.number });
    expect(otherCi).toMatchObject({ status: 403, body: { allowed: false, reason: 'other_ci', change: { id: change.id } } });
    expect(await ask({ ciId: ci.db })).toMatchObject({ status: 403, body: { reason: 'no_change', change: null } });
    expect(await ask({ ciId: ci.pending })).toMatchObject({ status: 403, body: { reason: 'not_authorised', change: { id: pending.id } } });
    now = new Date(start.getTime() + 51 * HOUR);
    expect(await ask({ ciId: ci.app })).toMatchObject({ status: 403, body: { reason: 'after_window' } });

    // On the change: one gate-answered event per answer about it, in its audit chain, which verifies.
    await expectEventually(() =>
      expect(published.filter((e) => e.type === 'itsm.change.gate-answered.v1' && (e.data as { changeId: string }).changeId === change.id).map((e) => (e.data as { allowed: boolean; pipeline: string; ciId: string }))).toEqual([
        expect.objectContaining({ allowed: false, pipeline: 'payments #1', ciId: ci.app, by: expect.stringMatching(/^pipeline:/) }),
        expect.objectContaining({ allowed: true, pipeline: 'payments #2', ciId: ci.app }),
        expect.objectContaining({ allowed: false, pipeline: 'payments deploy', ciId: ci.db }),
        expect.objectContaining({ allowed: false, ciId: ci.app }),
      ]),
    );
    const audit = (await app.get(ChangeReads).audit(change.id)) ?? [];
    expect(audit.filter((entry) => entry.type === 'itsm.change.gate-answered.v1')).toHaveLength(4);
    expect(verifyChain(audit)).toMatchObject({ ok: true });

    // In the gate log: every answer, newest first, by CI and by change.
    const admin = await booted.token('u-admin', ['admin']);
    const log = async (args: string) => {
      const reply = await graphql(admin, `{ gateAnswers(first: 10${args}) { edges { node { reason allowed ciId changeNumber pipeline } } pageInfo { hasNextPage } } }`);
      return (reply.data?.['gateAnswers']?.['edges'] as { node: { reason: string } }[]).map((edge) => edge.node.reason);
    };
    expect(await log(`, ciId: "${ci.app}"`)).toEqual(['after_window', 'inside_window', 'before_window']);
    expect(await log(`, changeId: "${change.id}"`)).toEqual(['after_window', 'other_ci', 'inside_window', 'before_window']);
    expect(await log(`, ciId: "${ci.db}"`)).toEqual(['no_change', 'other_ci']);
  });

  it('refuses bad tokens and bodies with typed JSON errors, logging nothing', async () => {
    const revoked = await app.get(IssuePipelineTokenHandler).execute(new IssuePipelineTokenCommand('u-admin', 'old pipeline'));
    await app.get(RevokePipelineTokenHandler).execute(new RevokePipelineTokenCommand(revoked.pipelineToken.id));
    const probe = `ci-probe-${tag}`;
    for (const bearer of [null, 'not-a-token', revoked.token]) {
      expect(await ask({ ciId: probe }, bearer)).toMatchObject({ status: 401, body: { error: { code: 'CHANGE.UNAUTHENTICATED' } } });
    }
    expect(await ask({ ciId: probe, extra: 1 })).toMatchObject({ status: 400, body: { error: { code: 'CHANGE.INVALID_INPUT', details: { field: 'extra' } } } });
    expect(await ask('{"ciId":')).toMatchObject({ status: 400, body: { error: { code: 'CHANGE.INVALID_INPUT', details: { field: 'body' } } } });
    expect(await ask(`ciId=${probe}`, token, 'application/x-www-form-urlencoded')).toMatchObject({ status: 415, body: { error: { code: 'CHANGE.INVALID_INPUT' } } });
    expect(await ask({ ciId: probe, pipeline: 'x'.repeat(20_000) })).toMatchObject({ status: 413, body: { error: { code: 'CHANGE.INVALID_INPUT' } } });

    const admin = await booted.token('u-admin', ['admin']);
    const logged = await graphql(admin, `{ gateAnswers(first: 10, ciId: "${probe}") { edges { node { id } } } }`);
    expect(logged.data?.['gateAnswers']?.['edges']).toEqual([]);
    const tokens = await graphql(admin, '{ pipelineTokens { name revokedAt } }');
    expect(tokens.data?.['pipelineTokens']).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'old pipeline', revokedAt: expect.any(String) })]));
    const manager = await booted.token('p-manager', ['change-manager']);
    expect((await graphql(manager, 'mutation { issuePipelineToken(name: "x") { token } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('bounds the answers per pipeline token: past the burst 429 CHANGE.TOO_MANY with Retry-After; other tokens unaffected', async () => {
    const busy = (await app.get(IssuePipelineTokenHandler).execute(new IssuePipelineTokenCommand('u-admin', 'retry loop'))).token;
    const statuses: number[] = [];
    for (let i = 0; i < RATE_BURST; i += 1) statuses.push((await ask({ ciId: ci.db }, busy)).status);
    expect(statuses).toEqual(Array.from({ length: RATE_BURST }, () => 403));
    const refused = await ask({ ciId: ci.db }, busy);
    expect(refused).toMatchObject({ status: 429, body: { error: { code: 'CHANGE.TOO_MANY' } } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await ask({ ciId: ci.db })).status).toBe(403);
  });

  const graphql = (bearer: string, query: string) => booted.graphql(bearer, query);
});
