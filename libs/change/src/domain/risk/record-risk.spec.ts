import { ChangeErrorCode } from '../change.errors';
import { aChange } from '../../application/test-fixtures/in-memory-risk';
import { recordRiskAssessment } from './record-risk';

const NOW = new Date(Date.UTC(2031, 1, 1, 9));
const risk = { level: 'high' as const, decidedBy: 'rule' as const, ruleId: 'critical-service', reason: 'rule "critical-service": service Payments (critical) affected' };

describe('recordRiskAssessment', () => {
  it('sets the risk and emits risk-assessed with the change\'s facts after it', () => {
    const { change, events } = recordRiskAssessment(aChange('c1', { version: 3 }), risk, 'p-manager', NOW);
    expect(change).toMatchObject({ risk, version: 4, updatedAt: NOW });
    expect(events).toEqual([{ type: 'itsm.change.risk-assessed.v1', data: expect.objectContaining({ changeId: 'c1', risk, by: 'p-manager', at: NOW.toISOString() }) }]);
  });

  it('refuses a closed or canceled change', () => {
    expect(() => recordRiskAssessment(aChange('c1', { state: 'closed' }), risk, 'p', NOW)).toThrow(expect.objectContaining({ code: ChangeErrorCode.IllegalTransition }));
    expect(() => recordRiskAssessment(aChange('c1', { state: 'canceled' }), risk, 'p', NOW)).toThrow(expect.objectContaining({ code: ChangeErrorCode.IllegalTransition }));
  });
});
