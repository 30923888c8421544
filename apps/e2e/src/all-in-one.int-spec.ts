import { issueDevToken } from '@itsm/platform/auth';
import { freePort } from '@itsm/platform/persistence';
import { expectEventually, queryShapesEnv } from '@itsm/testing';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';

const ROOT = join(__dirname, '..', '..', '..');
const START_BUDGET_MS = 90_000;

interface Answer {
  data?: { incidents: { edges: { node: { id: string; number: string; state: string; assignedOrgId: string | null } }[] } };
  errors?: { extensions?: { code?: string } }[];
}

/**
 * `npm start` exactly as a user runs it after set-up: it builds, starts every service and the gateway
 * in one process on embedded storage with demo data, and must answer GraphQL within the budget.
 */
describe('npm start (all-in-one mode)', () => {
  it('serves GraphQL with demo data within the start budget, scoped per role, and stops on SIGTERM', async () => {
    const port = await freePort();
    const keyDir = mkdtempSync(join(tmpdir(), 'itsm-start-'));
    const keyFile = join(keyDir, 'key.json');
    const child = spawn('npm', ['start'], {
      cwd: ROOT,
      detached: true,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', PORT: String(port), AUTH_DEV_KEY_FILE: keyFile, PLATFORM_DATA_DIR: join(keyDir, 'data'), LOG_LEVEL: 'warn', ...queryShapesEnv('npm start') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const started = Date.now();
    try {
      await expectEventually(() => expect(output).toContain(`GraphQL: http://localhost:${port}/graphql`), { timeoutMs: START_BUDGET_MS, intervalMs: 200 });
      const tokenFor = (roles: ('agent' | 'supplier-agent' | 'requester' | 'admin')[], org?: string): Promise<string> =>
        issueDevToken(keyFile, { sub: `u-${roles[0]}`, name: 'Tester', roles, ...(org ? { org } : {}) }, { issuer: 'itsm', audience: 'itsm-api' });
      const ask = async (roles: ('agent' | 'supplier-agent' | 'requester' | 'admin')[], org?: string, query = '{ incidents(first: 50) { edges { node { id number state assignedOrgId } } } }'): Promise<Answer> => {
        const token = await issueDevToken(keyFile, { sub: `u-${roles[0]}`, name: 'Tester', roles, ...(org ? { org } : {}) }, { issuer: 'itsm', audience: 'itsm-api' });
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        });
        return (await response.json()) as Answer;
      };
      const asAgent = await expectEventually(async () => {
        const answer = await ask(['agent']);
        expect(answer.errors).toBeUndefined();
        return answer;
      }, { timeoutMs: Math.max(1_000, START_BUDGET_MS - (Date.now() - started)), intervalMs: 250 });
      const all = asAgent.data!.incidents.edges.map((edge) => edge.node);
      expect(all.length).toBeGreaterThanOrEqual(10);
      expect(new Set(all.map((incident) => incident.state))).toEqual(new Set(['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled']));

      const supplier = (await ask(['supplier-agent'], 'northwind-networks')).data!.incidents.edges.map((edge) => edge.node);
      expect(supplier.length).toBeGreaterThan(0);
      expect(supplier.every((incident) => incident.assignedOrgId === 'northwind-networks')).toBe(true);
      expect((await ask(['requester'])).data!.incidents.edges.length).toBeGreaterThan(0);

      // Subscriptions over WebSocket: an agent and Northwind's supplier agent follow the same two incidents, Northwind's and another one.
      const open = (i: { state: string }): boolean => ['new', 'in_progress', 'on_hold'].includes(i.state);
      const northwind = supplier.find(open)!;
      const other = all.find((incident) => open(incident) && incident.assignedOrgId !== 'northwind-networks')!;
      const selection = `{ id number priority assignedOrgId notes { body } }`;
      const clients: Client[] = [];
      const follow = async (roles: ('agent' | 'supplier-agent')[], org?: string): Promise<{ id: string; notes?: { body: string }[] }[]> => {
        const received: { id: string; notes?: { body: string }[] }[] = [];
        const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${await tokenFor(roles, org)}` }, retryAttempts: 0 });
        clients.push(client);
        client.subscribe<{ incidentChanged: { id: string } }>(
          { query: `subscription ($ids: [ID!]) { incidentChanged(filter: { ids: $ids }) ${selection} }`, variables: { ids: [northwind.id, other.id] } },
          { next: (message) => received.push(message.data ? message.data.incidentChanged : { id: `errors ${JSON.stringify(message.errors)}` }), error: (error) => received.push({ id: `error ${JSON.stringify(error)}` }), complete: () => undefined },
        );
        return received;
      };
      const note = (id: string, body: string) => ask(['agent'], undefined, `mutation { addIncidentNote(input: { id: "${id}", kind: comment, body: "${body}" }) { id } }`);
      try {
        const asAgentLive = await follow(['agent']);
        const asSupplierLive = await follow(['supplier-agent'], 'northwind-networks');
        // Subscribed once a change reaches both (a subscribe message is checked before the hub serves it).
        await expectEventually(async () => {
          await note(northwind.id, 'warm-up');
          expect(asAgentLive.length * asSupplierLive.length).toBeGreaterThan(0);
        }, { timeoutMs: 20_000, intervalMs: 300 });
        await note(other.id, 'not for Northwind');
        await note(northwind.id, 'for Northwind');
        const noted = (changes: { id: string; notes?: { body: string }[] }[], id: string, body: string): boolean => changes.some((change) => change.id === id && change.notes!.some((n) => n.body === body));
        await expectEventually(() => expect([noted(asAgentLive, other.id, 'not for Northwind'), noted(asAgentLive, northwind.id, 'for Northwind'), noted(asSupplierLive, northwind.id, 'for Northwind')]).toEqual([true, true, true]), { timeoutMs: 20_000, intervalMs: 100 });
        // One more change after both: each subscriber's changes are served in order, so once it arrives the other incident's change was decided.
        await note(northwind.id, 'last');
        await expectEventually(() => expect([noted(asAgentLive, northwind.id, 'last'), noted(asSupplierLive, northwind.id, 'last')]).toEqual([true, true]), { timeoutMs: 20_000, intervalMs: 100 });
        // Each received what its queries show: the supplier never the other organisation's incident.
        expect(asSupplierLive.map((change) => change.id)).not.toContain(other.id);
        expect(asSupplierLive.every((change) => change.id === northwind.id)).toBe(true);
        const shown = async (roles: ('agent' | 'supplier-agent')[], org: string | undefined, id: string) =>
          ((await ask(roles, org, `{ incident(id: "${id}") ${selection} }`)) as unknown as { data: { incident: unknown } }).data.incident;
        expect(asSupplierLive.at(-1)).toEqual(await shown(['supplier-agent'], 'northwind-networks', northwind.id));
        expect(asAgentLive.filter((change) => change.id === other.id).at(-1)).toEqual(await shown(['agent'], undefined, other.id));
        expect(asAgentLive.at(-1)).toEqual(await shown(['agent'], undefined, northwind.id));

        // The in-app inbox live: an incident assigned to the Service Desk puts an entry in its member's (u-agent's) inbox, which
        // arrives as myNotification(id) answers it; Northwind's supplier agent, subscribed the same way, receives none of it.
        type Entry = { id: string; category: string; subject: string; ticketNumber: string | null; read: boolean };
        const inboxOf = async (roles: ('agent' | 'supplier-agent')[], org?: string): Promise<Entry[]> => {
          const received: Entry[] = [];
          const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${await tokenFor(roles, org)}` }, retryAttempts: 0 });
          clients.push(client);
          client.subscribe<{ notificationReceived: Entry }>(
            { query: 'subscription { notificationReceived(filter: { categories: ["assignment"] }) { id category subject ticketNumber read } }' },
            { next: (message) => received.push(message.data ? message.data.notificationReceived : ({ id: `errors ${JSON.stringify(message.errors)}` } as Entry)), error: (error) => received.push({ id: `error ${JSON.stringify(error)}` } as Entry), complete: () => undefined },
          );
          return received;
        };
        const agentInbox = await inboxOf(['agent']);
        const supplierInbox = await inboxOf(['supplier-agent'], 'northwind-networks');
        const assignedNumbers: string[] = [];
        await expectEventually(async () => {
          if (agentInbox.length === 0) {
            const opened = (await ask(['admin'], undefined, 'mutation { openIncident(input: { title: "Label printer queue stuck", impact: 3, urgency: 3 }) { id number } }')) as unknown as { data: { openIncident: { id: string; number: string } } };
            assignedNumbers.push(opened.data.openIncident.number);
            await ask(['admin'], undefined, `mutation { assignIncident(input: { id: "${opened.data.openIncident.id}", groupId: "service-desk" }) { id } }`);
          }
          expect(agentInbox.length).toBeGreaterThan(0);
        }, { timeoutMs: 40_000, intervalMs: 2_000 });
        const [entry] = agentInbox as [Entry];
        expect(entry).toMatchObject({ category: 'assignment', read: false });
        expect(assignedNumbers).toContain(entry.ticketNumber);
        const mine = (await ask(['agent'], undefined, `{ myNotification(id: "${entry.id}") { id category subject ticketNumber read } }`)) as unknown as { data: { myNotification: Entry } };
        expect(entry).toEqual(mine.data.myNotification);
        expect(supplierInbox).toEqual([]);
      } finally {
        await Promise.all(clients.map((client) => client.dispose()));
      }

      // Reporting follows the demo incidents' events: every incident opened is counted (by priority), a supplier agent sees its organisation's.
      const utcDay = (offset: number): string => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + offset)).toISOString().slice(0, 10);
      const reportQuery = `{ incidentReport(period: { from: "${utcDay(-1)}", to: "${utcDay(2)}", timeZone: "UTC", grain: whole }, groupBy: priority) { group opened resolved } }`;
      const openedIn = async (roles: ('agent' | 'supplier-agent')[], org?: string): Promise<number> => {
        const answer = (await ask(roles, org, reportQuery)) as unknown as { errors?: unknown[]; data: { incidentReport: { opened: number }[] } };
        expect(answer.errors).toBeUndefined();
        return answer.data.incidentReport.reduce((sum, row) => sum + row.opened, 0);
      };
      const listed = async (roles: ('agent' | 'supplier-agent')[], org?: string): Promise<number> => (await ask(roles, org)).data!.incidents.edges.length;
      const incidentsNow = await listed(['agent']);
      expect(incidentsNow).toBeLessThan(50);
      await expectEventually(async () => expect(await openedIn(['agent'])).toBe(incidentsNow), { timeoutMs: 20_000, intervalMs: 500 });
      // A supplier agent's backlog: the open incidents its organisation has now, as its incident list shows them.
      const supplierOpen = (await ask(['supplier-agent'], 'northwind-networks')).data!.incidents.edges.filter((edge) => open(edge.node)).length;
      const backlog = (await ask(['supplier-agent'], 'northwind-networks', '{ incidentBacklog { open } }')) as unknown as { data: { incidentBacklog: { open: number }[] } };
      expect(backlog.data.incidentBacklog.reduce((sum, row) => sum + row.open, 0)).toBe(supplierOpen);
      // Its CSV exports on the gateway's port, with the caller's token.
      const exported = await fetch(`http://127.0.0.1:${port}/reporting/v1/incident-backlog.csv?groupBy=priority`, { headers: { authorization: `Bearer ${await tokenFor(['agent'])}` } });
      expect([exported.status, exported.headers.get('content-type'), (await exported.text()).split('\n')[0]]).toEqual([200, 'text/csv; charset=utf-8', 'group,open,oldestAgeMs,meanAgeMs']);

      // The demo's changes as the change list shows them (all requested at seeding), its closed and emergency ones; the SLA clocks its resolved incidents stopped.
      const window = `period: { from: "${utcDay(-1)}", to: "${utcDay(2)}", timeZone: "UTC", grain: whole }`;
      const changesListed = ((await ask(['admin'], undefined, '{ changes(first: 50) { edges { node { id } } } }')) as unknown as { data: { changes: { edges: unknown[] } } }).data.changes.edges.length;
      await expectEventually(async () => {
        const changes = (await ask(['admin'], undefined, `{ changeReport(${window}) { requested closed emergency successRate } }`)) as unknown as { errors?: unknown[]; data: { changeReport: { requested: number; closed: number; emergency: number }[] } };
        expect(changes.errors).toBeUndefined();
        expect(changes.data.changeReport).toEqual([expect.objectContaining({ requested: changesListed, emergency: expect.any(Number) })]);
        expect(changes.data.changeReport[0]!.closed).toBeGreaterThan(0);
        expect(changes.data.changeReport[0]!.emergency).toBeGreaterThan(0);
        const sla = (await ask(['agent'], undefined, `{ slaCompliance(${window}) { met breached } }`)) as unknown as { errors?: unknown[]; data: { slaCompliance: { met: number; breached: number }[] } };
        expect(sla.errors).toBeUndefined();
        expect(sla.data.slaCompliance.reduce((sum, row) => sum + row.met + row.breached, 0)).toBeGreaterThan(0);
      }, { timeoutMs: 30_000, intervalMs: 1_000 });

      // The gateway federates the CMDB: the demo WAN incident's router affects the retail services.
      const affected = (await ask(['agent'], undefined, '{ incidents(first: 50) { edges { node { title affectedServices { name depth } } } } }')) as unknown as {
        errors?: unknown[];
        data: { incidents: { edges: { node: { title: string; affectedServices: { name: string; depth: number }[] } }[] } };
      };
      expect(affected.errors).toBeUndefined();
      const wan = affected.data.incidents.edges.find((edge) => edge.node.title.startsWith('WAN link'))!.node;
      expect(wan.affectedServices).toEqual([
        { name: 'Store connectivity', depth: 1 },
        { name: 'Store network - business hours', depth: 2 },
        { name: 'Retail sales', depth: 3 },
      ]);

      // The catalogue's demo: Fabrikam's requester (u-requester) may order the laptop alone (its grant); the retired fax line is nobody's.
      const catalogue = (await ask(['requester'], undefined, '{ catalogItems(first: 20) { edges { node { name } } } }')) as unknown as { errors?: unknown[]; data: { catalogItems: { edges: { node: { name: string } }[] } } };
      expect(catalogue.errors).toBeUndefined();
      expect(catalogue.data.catalogItems.edges.map((edge) => edge.node.name)).toEqual(['Laptop']);

      // The directory's SCIM service provider on the gateway's port (forwarded to the directory's loopback port).
      const issued = (await ask(['admin'], undefined, 'mutation { issueProvisioningToken(name: "e2e IdP") { token } }')) as unknown as { data: { issueProvisioningToken: { token: string } } };
      const config = await fetch(`http://127.0.0.1:${port}/scim/v2/ServiceProviderConfig`, { headers: { authorization: `Bearer ${issued.data.issueProvisioningToken.token}` } });
      expect([config.status, ((await config.json()) as { patch?: unknown }).patch]).toEqual([200, { supported: true }]);

      // The change service's deployment gate on the gateway's port (forwarded like SCIM): a pipeline token, then a deny for a CI no change names.
      const pipeline = (await ask(['admin'], undefined, 'mutation { issuePipelineToken(name: "e2e pipeline") { token } }')) as unknown as { data: { issuePipelineToken: { token: string } } };
      const gate = await fetch(`http://127.0.0.1:${port}/change/v1/gate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${pipeline.data.issuePipelineToken.token}` },
        body: JSON.stringify({ ciId: 'ci-e2e-nowhere' }),
      });
      expect([gate.status, ((await gate.json()) as { reason?: string }).reason]).toEqual([403, 'unknown_ci']);

      // The portal on the same port: index.html for its client routes, its runtime configuration (the dev key: personas).
      const portal = await fetch(`http://127.0.0.1:${port}/self-service`);
      expect([portal.status, (await portal.text()).includes('<div id="root">')]).toEqual([200, true]);
      expect(await (await fetch(`http://127.0.0.1:${port}/portal-config.json`)).json()).toEqual({ devPersonas: true, trustedDocuments: false });
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- npm start output ---\n${output.slice(-4000)}`);
    } finally {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      const killer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
      rmSync(keyDir, { recursive: true, force: true });
    }
    // The platform process itself stopped too (npm forwards the signal to it), not just npm.
    await expectEventually(() => expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow(), { timeoutMs: 15_000, intervalMs: 100 });
  });
});
