/**
 * bench:gateway's recording, once at start against the real subgraphs: the SDL each publishes
 * (`{ _service { sdl } }`), and through a gateway the answers the stubs will give (the demo
 * incidents, their SLA clocks and affected services, one openIncident) and the mix's expectations.
 */
import type { SubgraphEndpoint } from '@itsm/gateway';
import type { MixSettings } from './query-mix';
import { LIST_QUERY, ONE_QUERY, OPEN_MUTATION } from './query-mix';
import { FEDERATED } from './real-world';
import type { StubData, StubSpec, StubStart } from './stub-subgraphs';

/** The list's page: every demo incident (fewer than this). */
const LIST_FIRST = 20;

type Row = Record<string, unknown>;

async function graphql(url: string, token: string | undefined, query: string, variables: Row = {}): Promise<Row> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Row; errors?: unknown[] };
  if (response.status !== 200 || body.errors !== undefined || !body.data) throw new Error(`recording: HTTP ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body.data;
}

interface Gateway {
  readonly url: string;
  close(): Promise<unknown>;
}

export async function recordStubData(
  subgraphs: readonly SubgraphEndpoint[],
  token: string,
  startGateway: (subgraphs: readonly SubgraphEndpoint[]) => Promise<Gateway>,
  waitUntilServing: (url: string, token: string) => Promise<void>,
): Promise<{ mix: MixSettings; stub: StubStart }> {
  const specs: StubSpec[] = [];
  for (const name of FEDERATED) {
    const subgraph = subgraphs.find((s) => s.name === name);
    if (!subgraph) throw new Error(`recording: no ${name} subgraph`);
    const sdl = ((await graphql(subgraph.url, undefined, '{ _service { sdl } }'))['_service'] as { sdl: string }).sdl;
    specs.push({ name, sdl });
  }

  const gateway = await startGateway(subgraphs);
  try {
    await waitUntilServing(gateway.url, token);
    const listOpenedBefore = new Date().toISOString();
    const list = (await graphql(gateway.url, token, LIST_QUERY, { first: LIST_FIRST, filter: { createdTo: listOpenedBefore } }))['incidents'] as {
      edges: { cursor: string; node: Row }[];
      pageInfo: Row;
    };
    if (list.edges.length === 0) throw new Error('recording: the incident list is empty (no demo data?)');
    const slasByIncident: Record<string, Row[]> = {};
    const affectedByIncident: Record<string, Row[]> = {};
    const incidents: Row[] = [];
    const edges: { cursor: string; node: Row }[] = [];
    for (const { cursor, node } of list.edges) {
      const { slas, affectedServices, ...listed } = node;
      const one = (await graphql(gateway.url, token, ONE_QUERY, { number: listed['number'] }))['incident'] as Row;
      const { slas: _sameSlas, ...own } = one;
      const incident = { ...listed, ...own };
      slasByIncident[incident['id'] as string] = slas as Row[];
      affectedByIncident[incident['id'] as string] = affectedServices as Row[];
      incidents.push(incident);
      edges.push({ cursor, node: incident });
    }
    const input = { title: 'bench gateway recording', description: 'opened by bench-gateway to record the answer', impact: 2, urgency: 2 };
    const opened = (await graphql(gateway.url, token, OPEN_MUTATION, { input }))['openIncident'] as Row;
    const stub: StubData = { incidentList: { edges, pageInfo: list.pageInfo }, incidents, slasByIncident, affectedByIncident, opened };
    const mix: MixSettings = {
      listFirst: LIST_FIRST,
      listOpenedBefore,
      numbers: incidents.map((incident) => incident['number'] as string),
      affectedInList: Object.values(affectedByIncident).reduce((sum, affected) => sum + affected.length, 0),
      openPriority: opened['priority'] as number,
    };
    return { mix, stub: { specs, data: stub } };
  } finally {
    await gateway.close();
  }
}
