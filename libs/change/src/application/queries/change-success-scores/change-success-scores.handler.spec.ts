import { IncidentFeed } from '@itsm/testing';
import type { ClosedChange } from '../../../domain';
import { ChangeErrorCode } from '../../../domain';
import { ProjectChangeOutcomeCommand } from '../../commands/project-change-outcome/project-change-outcome.command';
import { ProjectChangeOutcomeHandler } from '../../commands/project-change-outcome/project-change-outcome.handler';
import { ProjectIncidentEventCommand } from '../../commands/project-incident-event/project-incident-event.command';
import { ProjectIncidentEventHandler } from '../../commands/project-incident-event/project-incident-event.handler';
import type { ChangeStreamEvent } from '../../projections/closed-change';
import type { IncidentEvent } from '../../projections/incident-change-links';
import { changeClosedEvent } from '../../test-fixtures/change-closings';
import { InMemoryCausedIncidents, InMemoryClosedChanges } from '../../test-fixtures/in-memory-change-outcomes';
import { IncidentCauseHandler } from '../incident-cause/incident-cause.handler';
import { IncidentCauseQuery } from '../incident-cause/incident-cause.query';
import { ChangeSuccessScoresQuery } from './change-success-scores.query';
import { ChangeSuccessScoresHandler } from './change-success-scores.handler';

const HOUR = 3_600_000;
const START = new Date(Date.UTC(2031, 5, 1));
const at = (hours: number) => new Date(START.getTime() + hours * HOUR);
const closed = (changeId: string, facts: Partial<ClosedChange> = {}): ClosedChange => ({ changeId, model: 'normal', assignmentGroupId: 'g-net', serviceIds: ['svc-pay'], closeCode: 'successful', closedAt: at(1), ...facts });

describe('the change success score from the change and incident streams', () => {
  const setup = () => {
    const incidents = new InMemoryCausedIncidents();
    const outcomes = new InMemoryClosedChanges();
    const projectIncident = new ProjectIncidentEventHandler(incidents);
    const projectOutcome = new ProjectChangeOutcomeHandler(outcomes);
    const feed = new IncidentFeed();
    const applyIncidents = async (...events: IncidentEvent[]) => {
      const outcome: string[] = [];
      for (const event of events) outcome.push(await projectIncident.execute(new ProjectIncidentEventCommand(event)));
      return outcome;
    };
    const close = async (...changes: ClosedChange[]) => {
      for (const change of changes) await projectOutcome.execute(new ProjectChangeOutcomeCommand(changeClosedEvent(change)));
    };
    const scores = new ChangeSuccessScoresHandler(outcomes, incidents);
    return { feed, incidents, applyIncidents, close, scores, projectOutcome };
  };

  it('scores the changes closed in the period, charging the incidents linked to them at their current priority', async () => {
    const { feed, applyIncidents, close, scores } = setup();
    await close(closed('c-ok'), closed('c-bad', { closeCode: 'backed_out' }), closed('c-later', { closedAt: at(48) }), closed('c-other', { assignmentGroupId: 'g-db', closeCode: 'successful_with_issues' }));
    await applyIncidents(feed.opened('inc-1', 3), feed.linked('inc-1', 'c-ok'), feed.reprioritised('inc-1', 1));
    await applyIncidents(feed.opened('inc-2', 2), feed.linked('inc-2', 'c-bad'));
    await applyIncidents(feed.opened('inc-3', 1), feed.linked('inc-3', 'c-later'));
    const result = await scores.execute(new ChangeSuccessScoresQuery('group', at(0), at(24)));
    expect(result.map((s) => [s.key, s.changes, s.score])).toEqual([
      ['g-db', 1, -2],
      ['g-net', 2, 3 - 10 - 5 - 5],
    ]);
    expect(result[1]?.incidents).toEqual({ p1: 1, p2: 1, p3: 0 });
  });

  it('stops charging an unlinked or canceled incident; links of other kinds are not causes', async () => {
    const { feed, applyIncidents, close, scores } = setup();
    await close(closed('c-1'));
    expect(await applyIncidents(feed.opened('inc-1', 1), feed.linked('inc-1', 'c-1'), feed.linked('inc-1', 'prb-1', 'problem'))).toEqual(['applied', 'applied', 'ignored']);
    await applyIncidents(feed.opened('inc-2', 2), feed.linked('inc-2', 'c-1'), feed.opened('inc-3', 2), feed.linked('inc-3', 'c-1'));
    await applyIncidents(feed.unlinked('inc-1', 'c-1'), feed.canceled('inc-2'));
    const [net] = await scores.execute(new ChangeSuccessScoresQuery('model', at(0), at(24)));
    expect(net).toMatchObject({ key: 'normal', incidents: { p1: 0, p2: 1, p3: 0 }, score: 3 - 5 });
  });

  it('applies a duplicate or an older incident event not at all', async () => {
    const { feed, incidents, applyIncidents } = setup();
    const opened = feed.opened('inc-1', 4);
    const linked = feed.linked('inc-1', 'c-1');
    const raised = feed.reprioritised('inc-1', 1);
    expect(await applyIncidents(opened, linked, raised, raised, linked, opened)).toEqual(['applied', 'applied', 'applied', 'duplicate', 'duplicate', 'duplicate']);
    expect(await incidents.causedBy(['c-1'])).toEqual([{ incidentId: 'inc-1', changeId: 'c-1', priority: 1 }]);
  });

  it('records a closing once; other change events are ignored', async () => {
    const { projectOutcome } = setup();
    const event = changeClosedEvent(closed('c-1'));
    expect(await projectOutcome.execute(new ProjectChangeOutcomeCommand(event))).toBe('applied');
    expect(await projectOutcome.execute(new ProjectChangeOutcomeCommand(event))).toBe('duplicate');
    const notClosed = { ...event, sequence: 10, data: { ...event.data, state: 'review' } } as ChangeStreamEvent;
    expect(await projectOutcome.execute(new ProjectChangeOutcomeCommand(notClosed))).toBe('ignored');
  });

  it('names the change an incident was caused by', async () => {
    const { feed, incidents, applyIncidents } = setup();
    await applyIncidents(feed.opened('inc-1'), feed.linked('inc-1', 'c-7'), feed.opened('inc-2'));
    const cause = new IncidentCauseHandler(incidents);
    expect(await cause.execute(new IncidentCauseQuery('inc-1'))).toBe('c-7');
    expect(await cause.execute(new IncidentCauseQuery('inc-2'))).toBeNull();
    expect(await cause.execute(new IncidentCauseQuery('inc-unknown'))).toBeNull();
  });

  it('refuses a reversed, empty or too long period (CHANGE.INVALID_INPUT)', async () => {
    const { scores } = setup();
    await expect(scores.execute(new ChangeSuccessScoresQuery('model', at(5), at(5)))).rejects.toMatchObject({ code: ChangeErrorCode.InvalidInput });
    await expect(scores.execute(new ChangeSuccessScoresQuery('model', at(5), at(1)))).rejects.toMatchObject({ code: ChangeErrorCode.InvalidInput });
    await expect(scores.execute(new ChangeSuccessScoresQuery('model', at(0), at(401 * 24)))).rejects.toMatchObject({ code: ChangeErrorCode.InvalidInput });
    expect(await scores.execute(new ChangeSuccessScoresQuery('model', at(0), at(400 * 24)))).toEqual([]);
  });
});
