import type { CausedIncident, ClosedChange } from './change-success-score';
import { changeSuccessScores } from './change-success-score';

const AT = new Date(Date.UTC(2031, 0, 15));
const change = (changeId: string, facts: Partial<ClosedChange>): ClosedChange => ({ changeId, model: 'normal', assignmentGroupId: 'g-net', serviceIds: [], closeCode: 'successful', closedAt: AT, ...facts });
const caused = (changeId: string, priority: number | null, incidentId = `inc-${changeId}-${String(priority)}`): CausedIncident => ({ incidentId, changeId, priority });

describe('changeSuccessScores', () => {
  it('gives +3 successful, -2 with issues, -5 failed and -5 backed out', () => {
    const changes = [change('c1', { closeCode: 'successful' }), change('c2', { closeCode: 'successful_with_issues' }), change('c3', { closeCode: 'failed' }), change('c4', { closeCode: 'backed_out' })];
    const [net] = changeSuccessScores(changes, [], 'group');
    expect(net).toEqual({ key: 'g-net', changes: 4, outcomes: { successful: 1, successful_with_issues: 1, failed: 1, backed_out: 1 }, incidents: { p1: 0, p2: 0, p3: 0 }, score: 3 - 2 - 5 - 5 });
  });

  it('takes 10, 5 and 2 off per P1, P2 and P3 incident caused; P4, P5 and unknown priorities cost nothing', () => {
    const incidents = [caused('c1', 1), caused('c1', 2), caused('c1', 3), caused('c1', 4), caused('c1', null), caused('c-other', 1)];
    const [net] = changeSuccessScores([change('c1', {})], incidents, 'group');
    expect(net).toMatchObject({ incidents: { p1: 1, p2: 1, p3: 1 }, score: 3 - 10 - 5 - 2 });
  });

  it('groups by model, by group (none: not counted) and by each service of a change', () => {
    const changes = [
      change('c1', { model: 'standard', assignmentGroupId: null, serviceIds: ['svc-a', 'svc-b'] }),
      change('c2', { model: 'emergency', closeCode: 'failed', serviceIds: ['svc-a'] }),
      change('c3', { model: 'standard', closeCode: 'successful_with_issues' }),
    ];
    expect(changeSuccessScores(changes, [caused('c2', 2)], 'model').map((s) => [s.key, s.changes, s.score])).toEqual([
      ['standard', 2, 1],
      ['emergency', 1, -10],
    ]);
    expect(changeSuccessScores(changes, [], 'group').map((s) => [s.key, s.changes, s.score])).toEqual([['g-net', 2, -7]]);
    expect(changeSuccessScores(changes, [], 'service').map((s) => [s.key, s.changes, s.score])).toEqual([
      ['svc-b', 1, 3],
      ['svc-a', 2, -2],
    ]);
  });

  it('answers nothing for no closed changes, whatever the incidents', () => {
    expect(changeSuccessScores([], [caused('c1', 1)], 'model')).toEqual([]);
  });
});
