import type { AffectedService, Page } from './agent-types';
import type { SlaAlert } from './breaching-soon';
import { breachingIncidents, breachTone } from './breaching-soon';
import { hopsOf, impactGraph } from './impact-graph';
import { allPages, MAX_PAGES } from '../api/paging';
import { problemActions } from './problem-actions';

const alert = (ticketNumber: string, over: Partial<SlaAlert> = {}): SlaAlert => ({
  ticketId: `id-${ticketNumber}`,
  ticketNumber,
  clockId: `${ticketNumber}-response`,
  definitionName: 'P2 response',
  target: 'response',
  state: 'running',
  dueAt: '2026-03-02T11:00:00.000Z',
  breached: false,
  atRisk: true,
  timeToBreachMs: 600_000,
  warningPercent: 75,
  ...over,
});

describe('breaching soon', () => {
  it("keeps the server's order, one row per incident with its most urgent clock", () => {
    const overdue = alert('INC3', { breached: true, atRisk: false, timeToBreachMs: -300_000 });
    const soon = alert('INC4', { timeToBreachMs: 60_000 });
    const paused = alert('INC5', { state: 'paused', timeToBreachMs: null, warningPercent: null });
    const { incidents, truncated } = breachingIncidents({
      clocks: [overdue, soon, alert('INC3', { clockId: 'INC3-resolution', target: 'resolution', timeToBreachMs: 120_000 }), paused],
      perDefinition: [{ breached: 1, atRisk: 3 }],
    });
    expect(incidents.map((entry) => [entry.ticketNumber, entry.clock.clockId, entry.otherClocks])).toEqual([
      ['INC3', 'INC3-response', 1],
      ['INC4', 'INC4-response', 0],
      ['INC5', 'INC5-response', 0],
    ]);
    expect(truncated).toBe(false);
    expect([overdue, soon, paused].map(breachTone)).toEqual(['breached', 'warning', 'paused']);
  });

  it('says the list is cut when the server counted more clocks than it listed', () => {
    expect(breachingIncidents({ clocks: [alert('INC1')], perDefinition: [{ breached: 1, atRisk: 1 }] }).truncated).toBe(true);
    expect(breachingIncidents({ clocks: [], perDefinition: [] })).toEqual({ incidents: [], truncated: false });
  });
});

describe('problem actions', () => {
  it('offers resolve only where the API allows it (root cause analysis, fix in progress)', () => {
    expect((['new', 'assess', 'root_cause_analysis', 'fix_in_progress', 'resolved', 'closed', 'canceled'] as const).filter((state) => problemActions(state).resolvable)).toEqual(['root_cause_analysis', 'fix_in_progress']);
  });

  it('moves forward only, closes a resolved problem, and names a final state', () => {
    expect(problemActions('new')).toEqual({ open: true, next: ['assess', 'root_cause_analysis', 'fix_in_progress'], resolvable: false, closable: false, final: undefined });
    expect(problemActions('root_cause_analysis').next).toEqual(['fix_in_progress']);
    expect(problemActions('resolved')).toEqual({ open: false, next: [], resolvable: false, closable: true, final: undefined });
    expect(problemActions('canceled').final).toBe('canceled');
    expect(problemActions('closed').final).toBe('closed');
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

  it('counts only the nodes kept against the limit (a filter the API does not offer)', async () => {
    const seen: (string | null)[] = [];
    expect(await allPages(fetchPage(seen), 2, (node) => node % 2 === 1)).toEqual({ nodes: [1, 3], truncated: true });
    expect(await allPages(fetchPage([]), 5, (node) => node % 2 === 1)).toEqual({ nodes: [1, 3, 5], truncated: false });
  });

  it('stops a filtered walk after MAX_PAGES pages and says the list is cut', async () => {
    let calls = 0;
    const endless = async (): Promise<Page<number>> => {
      calls += 1;
      return { edges: [{ node: 0 }], pageInfo: { hasNextPage: true, endCursor: String(calls) } };
    };
    expect(await allPages(endless, 10, (node) => node > 0)).toEqual({ nodes: [], truncated: true });
    expect(calls).toBe(MAX_PAGES);
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

  it("keeps the origin mark of a service that is itself one of the incident's CIs", () => {
    const own: AffectedService = { ciId: 'svc-mail', classId: 'business_service', name: 'Mail', depth: 0, explanation: 'Mail is on the incident', path: [] };
    expect(impactGraph([own, ...services]).nodes[0]).toEqual({ id: 'svc-mail', label: 'Mail', role: 'origin' });
    expect(hopsOf(own)).toEqual([]);
  });

  it('reads a path as hops in words', () => {
    expect(hopsOf(services[0]!)).toEqual([
      { from: 'db-01', reading: 'runs', to: 'app-01' },
      { from: 'app-01', reading: 'used by', to: 'Payments' },
    ]);
  });
});
