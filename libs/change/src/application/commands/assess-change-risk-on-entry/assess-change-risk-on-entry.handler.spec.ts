import { createEnvelope } from '@itsm/contracts';
import type { changeTopic, EventOf } from '@itsm/contracts';
import { changeFacts } from '../../../domain/change.events';
import type { Change } from '../../../domain/change.model';
import { InMemoryConfigurationItems } from '../../test-fixtures/in-memory-configuration-items';
import { FixedMaintenanceCoverage, InMemoryChangeRiskTarget, InMemoryFailedChanges, InMemoryRiskAnswers, InMemoryRiskQuestionnaire, InMemoryRiskRules, TestClock, aChange } from '../../test-fixtures/in-memory-risk';
import { RiskFactsService } from '../../risk-facts.service';
import { AssessChangeRiskHandler } from '../assess-change-risk/assess-change-risk.handler';
import { AssessChangeRiskOnEntryCommand } from './assess-change-risk-on-entry.command';
import { AssessChangeRiskOnEntryHandler, RISK_ASSESSOR } from './assess-change-risk-on-entry.handler';

const NOW = new Date(Date.UTC(2031, 3, 1, 9));
/** Planned an hour after the assessment: the short-notice rule matches. */
const soon = { planned: { start: new Date(NOW.getTime() + 3_600_000), end: new Date(NOW.getTime() + 7_200_000) } };

function stateChanged(change: Change, previousState: Change['state'], id = `e-${change.id}-${change.state}`): EventOf<typeof changeTopic> {
  return createEnvelope({
    id,
    source: '/itsm/change',
    type: 'itsm.change.state-changed.v1',
    subject: change.id,
    time: NOW,
    sequence: 2,
    correlationid: 'c',
    data: { ...changeFacts(change, 'p-manager', NOW), previousState, reason: null },
  }) as EventOf<typeof changeTopic>;
}

async function setUp() {
  const changes = new InMemoryChangeRiskTarget();
  const rules = new InMemoryRiskRules();
  await rules.create({ id: 'short-notice', name: 'Short notice', condition: { kind: 'insufficient_lead_time', minimumHours: 24 }, level: 'moderate', active: true, createdAt: NOW, updatedAt: NOW, version: 1 });
  const assess = new AssessChangeRiskHandler(changes, rules, new InMemoryRiskQuestionnaire(), new InMemoryRiskAnswers(), new RiskFactsService(new InMemoryConfigurationItems(), new FixedMaintenanceCoverage(), new InMemoryFailedChanges()), new TestClock(NOW));
  return { changes, rules, handler: new AssessChangeRiskOnEntryHandler(changes, assess) };
}

describe('AssessChangeRiskOnEntryHandler', () => {
  it('assesses a normal change entering Assess once, however often the event comes', async () => {
    const { changes, handler } = await setUp();
    const change = aChange('c1', { state: 'assess', ...soon });
    changes.changes.set('c1', change);
    const event = stateChanged(change, 'new');
    expect(await handler.execute(new AssessChangeRiskOnEntryCommand(event))).toBe(true);
    expect(await handler.execute(new AssessChangeRiskOnEntryCommand(event))).toBe(true);
    expect(changes.recorded).toEqual([{ changeId: 'c1', by: RISK_ASSESSOR, risk: expect.objectContaining({ level: 'moderate', decidedBy: 'rule', ruleId: 'short-notice' }) }]);
  });

  it('writes nothing for a change no rule or answer says anything about, until it was assessed before', async () => {
    const { changes, rules, handler } = await setUp();
    await rules.delete('short-notice');
    const change = aChange('c5', { state: 'assess' });
    changes.changes.set('c5', change);
    await handler.execute(new AssessChangeRiskOnEntryCommand(stateChanged(change, 'new')));
    expect(changes.recorded).toEqual([]);
    changes.changes.set('c5', { ...change, risk: { level: 'high', decidedBy: 'rule', ruleId: 'gone', reason: 'an old rule' } });
    await handler.execute(new AssessChangeRiskOnEntryCommand(stateChanged(change, 'new', 'e-again')));
    expect(changes.recorded.map((r) => r.risk.decidedBy)).toEqual(['default']);
  });

  it('assesses an emergency change entering Authorize from New; ignores other moves and changes that moved on', async () => {
    const { changes, handler } = await setUp();
    const emergency = aChange('c2', { model: 'emergency', state: 'authorize', ...soon });
    const normal = aChange('c3', { state: 'authorize', ...soon });
    const moved = aChange('c4', { state: 'assess', ...soon });
    changes.changes.set('c2', emergency);
    changes.changes.set('c3', normal);
    changes.changes.set('c4', { ...moved, state: 'authorize' });
    expect(await handler.execute(new AssessChangeRiskOnEntryCommand(stateChanged(emergency, 'new')))).toBe(true);
    expect(await handler.execute(new AssessChangeRiskOnEntryCommand(stateChanged(normal, 'assess')))).toBe(false);
    expect(await handler.execute(new AssessChangeRiskOnEntryCommand(stateChanged(moved, 'new')))).toBe(false);
    expect(changes.recorded.map((r) => r.changeId)).toEqual(['c2']);
  });
});
