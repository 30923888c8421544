import { ChangeErrorCode } from '../../../domain';
import type { GateCandidate } from '../../../domain';
import { inMemoryGate } from '../../test-fixtures/in-memory-gate';
import { IssuePipelineTokenCommand } from '../issue-pipeline-token/issue-pipeline-token.command';
import { RevokePipelineTokenCommand } from '../revoke-pipeline-token/revoke-pipeline-token.command';
import { AnswerGateCommand } from './answer-gate.command';

const start = new Date(Date.UTC(2032, 2, 1, 9, 0));
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

async function gateWithChange(overrides: Partial<GateCandidate> = {}, rateLimit?: { burst: number; perMinute: number }) {
  const gate = inMemoryGate(start, rateLimit);
  gate.cis.ci({ id: 'ci-app' });
  gate.cis.ci({ id: 'ci-db' });
  gate.changes.changes.set('c1', { id: 'c1', number: 'CHG0001000', model: 'normal', state: 'scheduled', configurationItemIds: ['ci-app'], planned: { start: at(60), end: at(120) }, authorised: true, ...overrides });
  const { token, pipelineToken } = await gate.issue.execute(new IssuePipelineTokenCommand('u-admin', ' payments deploy '));
  const ask = (body: unknown) => gate.answer.execute(new AnswerGateCommand(token, body));
  return { gate, token, pipelineToken, ask };
}

describe('answer the deployment gate', () => {
  it('denies before the window, allows inside it, denies after it: each answer logged on the change and in the gate log', async () => {
    const { gate, ask, pipelineToken } = await gateWithChange();
    expect(await ask({ ciId: 'ci-app' })).toMatchObject({ allowed: false, reason: 'before_window', changeNumber: 'CHG0001000', pipeline: 'payments deploy', tokenId: pipelineToken.id });
    gate.clock.advance(90);
    expect(await ask({ ciId: 'ci-app', pipeline: 'payments #7' })).toMatchObject({ allowed: true, reason: 'inside_window', pipeline: 'payments #7', window: { start: at(60), end: at(120) } });
    gate.clock.advance(60);
    expect(await ask({ ciId: 'ci-app' })).toMatchObject({ allowed: false, reason: 'after_window' });

    expect(gate.changes.answers.map(({ changeId, answer }) => [changeId, answer.allowed, answer.ciId, answer.by])).toEqual([
      ['c1', false, 'ci-app', `pipeline:${pipelineToken.id}`],
      ['c1', true, 'ci-app', `pipeline:${pipelineToken.id}`],
      ['c1', false, 'ci-app', `pipeline:${pipelineToken.id}`],
    ]);
    expect(gate.changes.answers[1]?.answer).toMatchObject({ pipeline: 'payments #7', at: at(90) });
    expect(gate.log.entries.map((entry) => entry.reason)).toEqual(['before_window', 'inside_window', 'after_window']);
  });

  it('denies another CI (no change names it; the named change does not), an unauthorised change and an unknown CI', async () => {
    const { gate, ask } = await gateWithChange({ planned: { start: at(-10), end: at(10) } });
    expect(await ask({ ciId: 'ci-db' })).toMatchObject({ allowed: false, reason: 'no_change', changeId: null });
    expect(await ask({ ciId: 'ci-db', change: 'CHG0001000' })).toMatchObject({ allowed: false, reason: 'other_ci', changeId: 'c1' });
    expect(await ask({ ciId: 'ci-gone' })).toMatchObject({ allowed: false, reason: 'unknown_ci', ciId: 'ci-gone' });
    gate.changes.changes.set('c1', { ...(gate.changes.changes.get('c1') as GateCandidate), state: 'authorize', authorised: false });
    expect(await ask({ ciId: 'ci-app' })).toMatchObject({ allowed: false, reason: 'not_authorised', changeId: 'c1' });
    expect(gate.changes.answers.map(({ answer }) => answer.reason)).toEqual([expect.stringContaining('does not name CI ci-db'), expect.stringContaining('not authorised')]);
    expect(gate.log.entries).toHaveLength(4);
  });

  it('resolves an application service and an environment to the service CI of that environment', async () => {
    const { gate, ask } = await gateWithChange({ configurationItemIds: ['svc-staging'], planned: { start: at(-10), end: at(10) } });
    gate.cis.ci({ id: 'svc', service: true, classId: 'application_service', attributes: { environment: 'production' } });
    gate.cis.ci({ id: 'svc-staging', service: true, classId: 'application_service', attributes: { environment: 'staging' } });
    gate.cis.relate('svc', 'svc-staging');
    expect(await ask({ service: 'svc', environment: 'staging' })).toMatchObject({ allowed: true, ciId: 'svc-staging', service: { id: 'svc', environment: 'staging' } });
    expect(await ask({ service: 'svc', environment: 'production' })).toMatchObject({ allowed: false, reason: 'no_change', ciId: 'svc' });
    expect(await ask({ service: 'svc', environment: 'test' })).toMatchObject({ allowed: false, reason: 'unknown_ci' });
    gate.cis.ci({ id: 'svc-staging-2', service: true, attributes: { environment: 'staging' } });
    gate.cis.relate('svc-staging-2', 'svc');
    await expect(ask({ service: 'svc', environment: 'staging' })).rejects.toMatchObject({ code: ChangeErrorCode.InvalidInput });
  });

  it('refuses a missing, foreign or revoked token and a bad body, logging nothing', async () => {
    const { gate, token, pipelineToken, ask } = await gateWithChange();
    for (const bearer of [undefined, 'itsm_scim_x', `itsm_gate_${'A'.repeat(43)}`]) {
      await expect(gate.answer.execute(new AnswerGateCommand(bearer, { ciId: 'ci-app' }))).rejects.toMatchObject({ code: ChangeErrorCode.Unauthenticated });
    }
    await expect(ask({ ci: 'ci-app' })).rejects.toMatchObject({ code: ChangeErrorCode.InvalidInput });
    await gate.revoke.execute(new RevokePipelineTokenCommand(pipelineToken.id));
    await expect(gate.answer.execute(new AnswerGateCommand(token, { ciId: 'ci-app' }))).rejects.toMatchObject({ code: ChangeErrorCode.Unauthenticated });
    expect(gate.log.entries).toEqual([]);
    expect(gate.changes.answers).toEqual([]);
  });

  it('bounds the answers per token: over the burst CHANGE.TOO_MANY with the wait, answered again once refilled', async () => {
    const { gate, ask } = await gateWithChange({}, { burst: 2, perMinute: 6 });
    await ask({ ciId: 'ci-app' });
    await ask({ ciId: 'ci-app' });
    await expect(ask({ ciId: 'ci-app' })).rejects.toMatchObject({ code: ChangeErrorCode.TooMany, details: { retryAfterSeconds: 10 } });
    gate.clock.advance(10 / 60);
    await expect(ask({ ciId: 'ci-app' })).resolves.toMatchObject({ reason: 'before_window' });
    expect(gate.log.entries).toHaveLength(3);
  });
});

describe('pipeline tokens', () => {
  it('issues a token once and keeps only its hash; revokes it (again: unchanged); refuses a bad name and an unknown id', async () => {
    const gate = inMemoryGate(start);
    const { token, pipelineToken } = await gate.issue.execute(new IssuePipelineTokenCommand('u-admin', 'deploy'));
    expect(token).toMatch(/^itsm_gate_[A-Za-z0-9_-]{43}$/);
    expect(pipelineToken).toMatchObject({ name: 'deploy', createdBy: 'u-admin', createdAt: start, revokedAt: null });
    expect(JSON.stringify([...gate.tokens.rows.values()])).not.toContain(token.slice(10));
    gate.clock.advance(1 / 60);
    expect((await gate.revoke.execute(new RevokePipelineTokenCommand(pipelineToken.id))).revokedAt).toEqual(at(1 / 60));
    gate.clock.advance(1 / 60);
    expect((await gate.revoke.execute(new RevokePipelineTokenCommand(pipelineToken.id))).revokedAt).toEqual(at(1 / 60));
    for (const name of ['', '   ', 'x'.repeat(201), 'tab\u0000']) {
      await expect(gate.issue.execute(new IssuePipelineTokenCommand('u-admin', name))).rejects.toMatchObject({ code: ChangeErrorCode.InvalidInput });
    }
    await expect(gate.revoke.execute(new RevokePipelineTokenCommand('nope'))).rejects.toMatchObject({ code: ChangeErrorCode.NotFound });
  });
});
