import { issueDevToken } from '@itsm/platform/auth';
import { freePort } from '@itsm/platform/persistence';
import { expectEventually, queryShapesEnv } from '@itsm/testing';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const START_BUDGET_MS = 90_000;

interface Answer {
  data?: { incidents: { edges: { node: { number: string; state: string; assignedOrgId: string | null } }[] } };
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
      const ask = async (roles: ('agent' | 'supplier-agent' | 'requester' | 'admin')[], org?: string, query = '{ incidents(first: 50) { edges { node { number state assignedOrgId } } } }'): Promise<Answer> => {
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
