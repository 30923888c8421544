import { issueDevToken } from '@itsm/platform/auth';
import type { Role } from '@itsm/platform/auth';
import { freePort } from '@itsm/platform/persistence';
import { expectEventually } from '@itsm/testing';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, waitUntilReady } from './test-fixtures/app-process';
import type { AppProcess } from './test-fixtures/app-process';

const START_BUDGET_MS = 90_000;

interface Answer<T> {
  data?: T;
  errors?: unknown[];
}

interface Inventory {
  readonly incidents: number;
  readonly cis: number;
  readonly definitions: number;
}

/**
 * The all-in-one keeps its data (embedded store, PLATFORM_DATA_DIR): after SIGTERM every ticket,
 * SLA clock and CI is back and the demo data is not loaded again; after SIGKILL of the process and
 * its store, what the last snapshot holds is whole: an incident in it gets its clocks once each.
 */
describe('all-in-one durability', () => {
  it('keeps incidents, clocks and the demo CMDB across SIGTERM and SIGKILL, loading demo data once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'itsm-durable-'));
    const keyFile = join(dir, 'key.json');
    const dataDir = join(dir, 'data');
    const port = await freePort();
    const env = { PORT: String(port), LOG_LEVEL: 'warn', AUTH_DEV_KEY_FILE: keyFile, PLATFORM_DATA_DIR: dataDir, PLATFORM_PERSIST_INTERVAL_MS: '200' };
    let platform: AppProcess | undefined;
    const start = async (): Promise<AppProcess> => {
      const began = Date.now();
      platform = startApp('apps/platform/src/main.js', env);
      await waitUntilReady(`http://127.0.0.1:${port}/health/ready`, platform, START_BUDGET_MS);
      process.stdout.write(`all-in-one ready in ${Date.now() - began} ms\n`);
      return platform;
    };
    const gql = async <T>(query: string, roles: Role[] = ['agent']): Promise<T> => {
      const token = await issueDevToken(keyFile, { sub: 'u-durable', name: 'Tester', roles }, { issuer: 'itsm', audience: 'itsm-api' });
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      const answer = (await response.json()) as Answer<T>;
      if (answer.errors !== undefined || answer.data === undefined) throw new Error(`GraphQL errors: ${JSON.stringify(answer.errors)}`);
      return answer.data;
    };
    const open = (title: string): Promise<string> =>
      gql<{ openIncident: { number: string } }>(`mutation { openIncident(input: { title: "${title}", impact: 1, urgency: 2, assignmentGroupId: "service-desk" }) { number } }`).then(
        (data) => data.openIncident.number,
      );
    const clocksOf = async (number: string): Promise<string[]> => {
      const data = await gql<{ incident: { slas: { definitionName: string }[] } }>(`{ incident(number: "${number}") { slas { definitionName } } }`);
      return data.incident.slas.map((sla) => sla.definitionName).sort();
    };
    const inventory = async (): Promise<Inventory> => {
      const incidents = await gql<{ incidents: { edges: unknown[] } }>('{ incidents(first: 100) { edges { node { id } } } }');
      let cis = 0;
      let after: string | null = null;
      do {
        const page: { configurationItems: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await gql(
          `{ configurationItems(first: 100${after === null ? '' : `, after: "${after}"`}) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        );
        cis += page.configurationItems.edges.length;
        after = page.configurationItems.pageInfo.hasNextPage ? page.configurationItems.pageInfo.endCursor : null;
      } while (after !== null);
      const definitions = await gql<{ slaDefinitions: unknown[] }>('{ slaDefinitions { id } }', ['admin']);
      return { incidents: incidents.incidents.edges.length, cis, definitions: definitions.slaDefinitions.length };
    };

    try {
      await start();
      const first = await open('Durable across SIGTERM');
      const clocks = await expectEventually(async () => {
        const names = await clocksOf(first);
        expect(names.length).toBeGreaterThan(0);
        return names;
      }, { timeoutMs: 20_000, intervalMs: 200 });
      const before = await inventory();
      expect(before.cis).toBeGreaterThan(250);

      expect(await platform!.stop(15_000)).toBe(0);
      await start();
      // Every ticket, clock and CI is back, and the demo data was not loaded a second time.
      expect(await inventory()).toEqual(before);
      expect(await clocksOf(first)).toEqual(clocks);

      // SIGKILL of the process and its store once a snapshot holds the new incident: its events
      // (relayed or not, consumed or not at that instant) take effect after the restart, once each.
      const second = await open('Durable across SIGKILL');
      const answeredAt = Date.now();
      const snapshot = join(dataDir, 'congodb-snapshot.json');
      await expectEventually(() => expect(statSync(snapshot).mtimeMs).toBeGreaterThan(answeredAt + 50), { timeoutMs: 10_000, intervalMs: 20 });
      const store = Number(readFileSync(join(dataDir, 'LOCK'), 'utf8'));
      process.kill(store, 'SIGKILL');
      platform!.child.kill('SIGKILL');
      await platform!.stop();
      await start();
      const afterKill = await expectEventually(async () => {
        const names = await clocksOf(second);
        expect(names).toEqual(clocks);
        return names;
      }, { timeoutMs: 20_000, intervalMs: 200 });
      expect(new Set(afterKill).size).toBe(afterKill.length);
      expect(await inventory()).toEqual({ ...before, incidents: before.incidents + 1 });
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- platform output ---\n${platform?.output().slice(-4000) ?? ''}`);
    } finally {
      await platform?.stop(5_000);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 4 * START_BUDGET_MS);
});
