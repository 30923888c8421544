import type { IncidentSummary, SlaClock } from '../api/types';
import type { AffectedService, Page } from './agent-types';
import { breachingSoon, mostUrgentClock } from './breaching-soon';
import { hopsOf, impactGraph } from './impact-graph';
import { allPages } from './paging';

const clock = (over: Partial<SlaClock>): SlaClock => ({ clockId: 'c', definitionName: 'P2 response', running: true, hasBreached: false, stoppedAt: null, remainingSeconds: 3_600, elapsedPercent: 10, ...over });
const incident = (number: string, slas: SlaClock[]): IncidentSummary => ({ id: number, number, title: number, state: 'new', priority: 2, assignmentGroupId: null, assigneeId: null, updatedAt: '2026-03-02T10:00:00.000Z', slas });

describe('breaching soon', () => {
  it('lists incidents with a running clock at risk, critical or breached, least time left first', () => {
    const list = [
      incident('INC1', [clock({ elapsedPercent: 50 })]),
      incident('INC2', [clock({ elapsedPercent: 80, remainingSeconds: 600 })]),
      incident('INC3', [clock({ elapsedPercent: 120, remainingSeconds: -300, hasBreached: true })]),
      incident('INC4', [clock({ elapsedPercent: 95, remainingSeconds: 60 })]),
      incident('INC5', [clock({ elapsedPercent: 99, running: false })]),
      incident('INC6', [clock({ elapsedPercent: 90, stoppedAt: '2026-03-02T10:00:00.000Z', running: false })]),
      incident('INC7', []),
    ];
    expect(breachingSoon(list).map((entry) => entry.number)).toEqual(['INC3', 'INC4', 'INC2']);
  });

  it("takes an incident's most urgent risky clock", () => {
    const urgent = clock({ clockId: 'b', elapsedPercent: 91, remainingSeconds: 30 });
    expect(mostUrgentClock(incident('INC1', [clock({ clockId: 'a', elapsedPercent: 76, remainingSeconds: 900 }), urgent, clock({ clockId: 'c', elapsedPercent: 5 })]))).toBe(urgent);
    expect(mostUrgentClock(incident('INC2', [clock({ elapsedPercent: 10 })]))).toBeUndefined();
  });
});

describe('paging', () => {
  const pages: Page<number>[] = [
    { edges: [1, 2].map((node) => ({ node })), pageInfo: { hasNextPage: true, endCursor: 'a' } },
    { edges: [3, 4].map((node) => ({ node })), pageInfo: { hasNextPage: true, endCursor: 'b' } },
    { edges: [5].map((node) => ({ node })), pageInfo: { hasNextPage: false, endCursor: 'c' } },
  ];
  const fetchPage = (seen: (string | null)[]) => async (after: string | null) => {
    seen.push(after);
    return pages[seen.length - 1]!;
  };

  it('follows the cursors to the last page', async () => {
    const seen: (string | null)[] = [];
    expect(await allPages(fetchPage(seen), 500)).toEqual({ nodes: [1, 2, 3, 4, 5], truncated: false });
    expect(seen).toEqual([null, 'a', 'b']);
  });

  it('stops at the limit and says the list is cut', async () => {
    const seen: (string | null)[] = [];
    expect(await allPages(fetchPage(seen), 3)).toEqual({ nodes: [1, 2, 3], truncated: true });
    expect(seen).toEqual([null, 'a']);
  });
});

describe('impact graph', () => {
  const step = (ciId: string, ciName: string, relationshipId: string, reading: string) => ({ ciId, ciName, relationshipId, typeId: 'runs', reading });
  const services: AffectedService[] = [
    { ciId: 'svc-pay', classId: 'business_service', name: 'Payments', depth: 2, explanation: 'db-01 runs app-01, used by Payments', path: [step('db', 'db-01', 'r1', 'runs'), step('app', 'app-01', 'r2', 'used by')] },
    { ciId: 'svc-shop', classId: 'business_service', name: 'Shop', depth: 2, explanation: 'db-01 runs app-01, used by Shop', path: [step('db', 'db-01', 'r1', 'runs'), step('app', 'app-01', 'r3', 'used by')] },
  ];

  it('draws each CI and relationship once, marking origins and services', () => {
    const graph = impactGraph(services);
    expect(graph.nodes).toEqual([
      { id: 'db', label: 'db-01', role: 'origin' },
      { id: 'app', label: 'app-01', role: 'hop' },
      { id: 'svc-pay', label: 'Payments', role: 'service' },
      { id: 'svc-shop', label: 'Shop', role: 'service' },
    ]);
    expect(graph.edges.map((edge) => `${edge.source} ${edge.label} ${edge.target}`)).toEqual(['db runs app', 'app used by svc-pay', 'app used by svc-shop']);
  });

  it('reads a path as hops in words', () => {
    expect(hopsOf(services[0]!)).toEqual([
      { from: 'db-01', reading: 'runs', to: 'app-01' },
      { from: 'app-01', reading: 'used by', to: 'Payments' },
    ]);
  });
});
