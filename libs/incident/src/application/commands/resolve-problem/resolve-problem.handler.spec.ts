import { IncidentErrorCode } from '../../../domain';
import { AGENT, aProblem, FixedClock, InMemoryProblems, PROBLEM_MANAGER, REQUESTER, T0 } from '../../../test-fixtures/in-memory-stores';
import { ProblemCommandRunner } from '../../problem-command-runner';
import { ResolveProblemCommand } from './resolve-problem.command';
import { ResolveProblemHandler } from './resolve-problem.handler';

describe('ResolveProblemHandler', () => {
  const setup = () => {
    const problem = { ...aProblem(), state: 'fix_in_progress' as const };
    const store = new InMemoryProblems().add(problem);
    return { problem, store, handler: new ResolveProblemHandler(new ProblemCommandRunner(store, new FixedClock(T0))) };
  };

  it('lets a problem manager resolve a problem', async () => {
    const { problem, store, handler } = setup();
    const resolved = await handler.execute(PROBLEM_MANAGER, new ResolveProblemCommand(problem.id, 'Relay moved to a dedicated IP.', 'chg-1'));
    expect(resolved).toMatchObject({ state: 'resolved', resolutionNotes: 'Relay moved to a dedicated IP.', fixChangeId: 'chg-1' });
    expect(store.savedTypes()).toEqual(['itsm.problem.resolved.v1']);
  });

  it('refuses an agent who is not a problem manager (INCIDENT.FORBIDDEN), and saves nothing', async () => {
    const { problem, store, handler } = setup();
    await expect(handler.execute(AGENT, new ResolveProblemCommand(problem.id, 'Fixed.', null))).rejects.toMatchObject({ code: IncidentErrorCode.Forbidden });
    expect(store.saved).toEqual([]);
  });

  it('answers PROBLEM.NOT_FOUND to outside staff (problems are internal records)', async () => {
    const { problem, store, handler } = setup();
    await expect(handler.execute(REQUESTER, new ResolveProblemCommand(problem.id, 'Fixed.', null))).rejects.toMatchObject({ code: IncidentErrorCode.ProblemNotFound });
    expect(store.saved).toEqual([]);
  });

  it('answers PROBLEM.NOT_FOUND for a problem that does not exist', async () => {
    const { handler } = setup();
    await expect(handler.execute(PROBLEM_MANAGER, new ResolveProblemCommand('0123456789abcdef01234567', 'Fixed.', null))).rejects.toMatchObject({ code: IncidentErrorCode.ProblemNotFound });
  });
});
