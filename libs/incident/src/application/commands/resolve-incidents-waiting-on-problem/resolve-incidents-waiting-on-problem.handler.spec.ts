import { after, anEnvelope, anIncident, FixedClock, InMemoryIncidents, T0 } from '../../../test-fixtures/in-memory-stores';
import { IncidentCommandRunner } from '../../incident-command-runner';
import { ResolveIncidentsWaitingOnProblemCommand } from './resolve-incidents-waiting-on-problem.command';
import { ResolveIncidentsWaitingOnProblemHandler } from './resolve-incidents-waiting-on-problem.handler';

describe('ResolveIncidentsWaitingOnProblemHandler', () => {
  const PROBLEM_ID = 'prb-1';
  const setup = () => {
    const waiting = after(anIncident(), T0, { kind: 'link', linkKind: 'problem', targetId: PROBLEM_ID }, { kind: 'put-on-hold', reason: 'awaiting_problem' });
    const linkedOnly = after(anIncident(), T0, { kind: 'link', linkKind: 'problem', targetId: PROBLEM_ID });
    const store = new InMemoryIncidents().add(waiting, linkedOnly);
    const handler = new ResolveIncidentsWaitingOnProblemHandler(new IncidentCommandRunner(store, new FixedClock(T0)), store);
    return { waiting, linkedOnly, store, handler };
  };

  it('resolves the incidents on hold waiting on the problem, recording the problem event', async () => {
    const { waiting, linkedOnly, store, handler } = setup();
    const resolved = anEnvelope(PROBLEM_ID, 'itsm.problem.resolved.v1');
    await handler.execute(new ResolveIncidentsWaitingOnProblemCommand(PROBLEM_ID, 'Relay moved.', resolved));
    expect(store.items.get(waiting.id)).toMatchObject({ state: 'resolved', resolution: { cause: 'problem', causeId: PROBLEM_ID, code: 'solved-by-problem', notes: 'Resolved by problem fix: Relay moved.', by: 'system' } });
    expect(store.items.get(linkedOnly.id)?.state).toBe('new');
    expect(store.saved).toEqual([expect.objectContaining({ id: waiting.id, consumed: resolved })]);
  });

  it('changes nothing when the same problem event is delivered again', async () => {
    const { store, handler } = setup();
    const command = new ResolveIncidentsWaitingOnProblemCommand(PROBLEM_ID, 'Relay moved.', anEnvelope(PROBLEM_ID, 'itsm.problem.resolved.v1'));
    await handler.execute(command);
    await handler.execute(command);
    expect(store.saved).toHaveLength(1);
  });
});
