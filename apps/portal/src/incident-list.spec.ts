import type { IncidentSummary } from './api/types';
import { applyChange } from './incident-list';
import { pageOf } from './routes';

const incident = (id: string, state: IncidentSummary['state'] = 'new'): IncidentSummary => ({ id, number: `INC${id}`, title: id, state, priority: 3, assignmentGroupId: null, assigneeId: null, updatedAt: '2026-01-01T00:00:00Z', slas: [] });

describe('a live list of incidents', () => {
  it('replaces a changed incident in place, adds a new one first, and drops one that no longer belongs', () => {
    const list = [incident('1'), incident('2')];
    expect(applyChange(list, incident('2', 'on_hold'), true).map((i) => [i.id, i.state])).toEqual([['1', 'new'], ['2', 'on_hold']]);
    expect(applyChange(list, incident('3'), true).map((i) => i.id)).toEqual(['3', '1', '2']);
    expect(applyChange(list, incident('1', 'resolved'), false).map((i) => i.id)).toEqual(['2']);
    expect(applyChange(list, incident('9'), false)).toEqual(list);
  });
});

describe('client routes', () => {
  it('maps paths to pages, ignoring a trailing slash; anything else is home', () => {
    expect(pageOf('/agent/incidents/a%2Fb')).toEqual({ kind: 'incident', id: 'a/b' });
    expect(['/sign-in', '/self-service/', '/self-service/report', '/agent', '/', '/elsewhere'].map((path) => pageOf(path).kind)).toEqual(['sign-in', 'my-tickets', 'report', 'queue', 'home', 'home']);
  });
});
