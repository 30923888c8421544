import { freePort } from '@itsm/platform/persistence';
import { queryShapesEnv } from '@itsm/testing';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..', '..');
const PLATFORM = join(ROOT, 'dist', 'apps', 'platform', 'src', 'main.js');
const PORTAL_WEB = join(ROOT, 'dist', 'apps', 'portal', 'web');
/** Debian's chromium package (tools/setup.sh installs it). */
const CHROMIUM = '/usr/bin/chromium';
/** Headless as root on a closed network: no sandbox, no GPU, none of the background calls home. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Generous: this spec tests the portal, not the start time (all-in-one.int-spec.ts holds that budget). */
const START_BUDGET_MS = 180_000;
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  readonly id: string;
  readonly impact: string;
  readonly nodes: readonly string[];
}

/**
 * The portal in real Chromium (Debian's, driven headless by playwright-core) against the all-in-one
 * as built (`node tools/build.mjs`), with the gateway on the portal's trusted documents only: a
 * requester reports an incident (a server-side validation message shows next to its field) and sees
 * it in "my tickets"; an agent takes it from the queue, holds it and resolves it; a second browser
 * context, the requester's, follows the state live without reloading. Every page visited logs no
 * console error and axe-core finds no serious or critical WCAG 2.1 A/AA violation on the main pages.
 */
describe('the portal in Chromium', () => {
  const problems: string[] = [];
  let browser: Browser;
  let origin: string;
  let stopPlatform: () => Promise<void>;
  let output = '';

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the portal's browser tests need Debian's chromium package (npm run setup installs it: apt-get install --no-install-recommends chromium)`);
    if (!existsSync(join(PORTAL_WEB, 'index.html'))) throw new Error(`no portal build in ${PORTAL_WEB}: run node tools/build.mjs first (npm run test:int does)`);
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const dir = mkdtempSync(join(tmpdir(), 'itsm-portal-'));
    const child = spawn(process.execPath, [PLATFORM], {
      cwd: ROOT,
      detached: true,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        AUTH_DEV_KEY_FILE: join(dir, 'key.json'),
        PLATFORM_DATA_DIR: join(dir, 'data'),
        PLATFORM_MAIL_PORT: '0',
        PLATFORM_DEMO_SUPPLIER: 'false',
        // Only the portal's registered operations run: every one it sends must be in its manifest.
        GATEWAY_TRUSTED_DOCUMENTS: join(PORTAL_WEB, 'trusted-documents.json'),
        // The spec's own fixtures (asAdmin) are set up by ad-hoc operations, an admin's only.
        GATEWAY_AD_HOC_ROLES: 'admin',
        ...queryShapesEnv('portal'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    stopPlatform = async () => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
      const killer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
      rmSync(dir, { recursive: true, force: true });
    };
    const started = Date.now();
    while (!output.includes(`GraphQL: http://localhost:${port}/graphql`)) {
      if (child.exitCode !== null || Date.now() - started > START_BUDGET_MS) throw new Error(`the all-in-one did not start:\n${output.slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, START_BUDGET_MS + 30_000);

  afterAll(async () => {
    await browser?.close();
    await stopPlatform?.();
  }, 30_000);

  /** A fresh browser context (its own session storage: its own sign-in) whose page reports console errors into `problems`. */
  async function newPage(who: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('console', (message) => message.type() === 'error' && problems.push(`${who} console on ${page.url()}: ${message.text()}`));
    page.on('pageerror', (error) => problems.push(`${who} page error on ${page.url()}: ${error.message}`));
    return { context, page };
  }

  /** Signs in as `persona` by mouse, or by keyboard only: arrow keys through the personas from the first, Enter submits. */
  async function signIn(page: Page, persona: string, landing: string, keyboard?: { arrowDowns: number }): Promise<void> {
    await page.goto(`${origin}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    if (keyboard) {
      await page.getByLabel('Requester', { exact: true }).focus();
      for (let i = 0; i < keyboard.arrowDowns; i += 1) await page.keyboard.press('ArrowDown');
      expect(await page.getByLabel(persona, { exact: true }).isChecked()).toBe(true);
      await page.keyboard.press('Enter');
    } else {
      await page.getByLabel(persona, { exact: true }).check();
      await page.getByRole('button', { name: 'Sign in' }).click();
    }
    await page.getByRole('heading', { name: landing, level: 1 }).waitFor();
  }

  /** A persona's bearer token, as the sign-in page gets it (development key). */
  async function personaToken(persona: string): Promise<string> {
    const response = await fetch(`${origin}/dev/persona-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona }) });
    if (!response.ok) throw new Error(`persona token for ${persona}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { token: string }).token;
  }

  /**
   * Sets up a journey's fixtures through the gateway as the admin persona, by an ad-hoc operation
   * (GATEWAY_AD_HOC_ROLES=admin): not through the portal, which the journeys test. Throws on any GraphQL error.
   */
  async function asAdmin<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await personaToken('admin')}` },
      body: JSON.stringify({ query, variables }),
    });
    const answer = (await response.json()) as { data?: T; errors?: unknown[] };
    if (answer.errors !== undefined || answer.data === undefined) throw new Error(`fixture ${query.slice(0, 80)}: ${JSON.stringify(answer.errors)}`);
    return answer.data;
  }

  /** axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
  async function seriousViolations(page: Page): Promise<Violation[]> {
    await page.evaluate(AXE_SOURCE);
    return page.evaluate<Violation[]>(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((result) => result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) })))`);
  }

  const stateCell = (page: Page, number: string) => page.locator(`tr[data-number="${number}"] [data-column="state"]`);

  /** On a failure: what each open page showed, and the platform's last lines. */
  async function explained(error: unknown): Promise<Error> {
    const pages = await Promise.all(browser.contexts().flatMap((context) => context.pages()).map(async (page) => `${page.url()}:\n${await page.locator('body').innerText().catch(() => '?')}`));
    return new Error(`${error instanceof Error ? error.message : String(error)}\n--- pages ---\n${pages.join('\n---\n')}\n--- problems ---\n${problems.join('\n')}\n--- platform ---\n${output.slice(-3000)}`);
  }

  it('lets a requester report an incident and an agent take, hold and resolve it, live in the requester\'s browser, accessibly and without console errors', () => journey().catch(async (error: unknown) => Promise.reject(await explained(error))), 180_000);

  async function journey(): Promise<void> {
    const violations: Record<string, Violation[]> = {};
    const title = `Badge reader at gate ${Date.now()} rejects every card`;

    // The requester signs in (persona picker), sees "my tickets", and reports an incident.
    const requester = await newPage('requester');
    await signIn(requester.page, 'Requester', 'My tickets');
    violations['my tickets'] = await seriousViolations(requester.page);
    await requester.page.getByRole('link', { name: 'Report an incident' }).click();
    await requester.page.getByRole('heading', { name: 'Report an incident' }).waitFor();
    violations['report an incident'] = await seriousViolations(requester.page);

    // An invalid value: the server's message shows next to its field (the browser does not validate first).
    await requester.page.getByLabel('Summary').fill('   ');
    await requester.page.getByRole('button', { name: 'Report' }).click();
    await requester.page.locator('#report-title-error').filter({ hasText: 'title must have 1 to 200 characters' }).waitFor();
    expect(await requester.page.getByLabel('Summary').getAttribute('aria-invalid')).toBe('true');
    expect(await requester.page.getByLabel('Summary').getAttribute('aria-describedby')).toBe('report-title-error');
    violations['report an incident, with an error'] = await seriousViolations(requester.page);

    await requester.page.getByLabel('Summary').fill(title);
    await requester.page.getByLabel('Description').fill('Since this morning, at the north entrance.');
    await requester.page.getByLabel('Urgency').selectOption('2');
    await requester.page.getByRole('button', { name: 'Report' }).click();
    const notice = await requester.page.getByRole('status').filter({ hasText: 'reported' }).textContent();
    const number = /INC\d+/.exec(notice ?? '')?.[0];
    expect(number).toBeDefined();
    await stateCell(requester.page, number!).filter({ hasText: 'New' }).waitFor();
    expect(await requester.page.locator(`tr[data-number="${number}"]`).textContent()).toContain(title);

    // A second browser context, the requester's, follows "my tickets" live (its socket acknowledged and subscribed).
    const watcher = await newPage('requester (live)');
    const subscribed = watcher.page.waitForEvent('websocket').then((socket) => socket.waitForEvent('framesent', { predicate: (frame) => String(frame.payload).includes('"subscribe"') }));
    await signIn(watcher.page, 'Requester', 'My tickets');
    await subscribed;
    await stateCell(watcher.page, number!).filter({ hasText: 'New' }).waitFor();
    await watcher.page.evaluate('window.__notReloaded = true');

    // The agent finds it among the new incidents, takes it, holds it and resolves it.
    const agent = await newPage('agent');
    await signIn(agent.page, 'Agent', 'Queue', { arrowDowns: 1 });
    await stateCell(agent.page, number!).waitFor();
    violations['queue'] = await seriousViolations(agent.page);
    await agent.page.getByRole('link', { name: number! }).click();
    await agent.page.getByRole('heading', { name: new RegExp(`${number}`) }).waitFor();
    violations['incident record'] = await seriousViolations(agent.page);
    const recordState = agent.page.getByTestId('record-state');

    // Keyboard: the action buttons take focus and Enter presses them.
    await agent.page.getByRole('button', { name: 'Take (assign to me)' }).focus();
    await agent.page.keyboard.press('Enter');
    await recordState.filter({ hasText: 'In progress' }).waitFor();
    await stateCell(watcher.page, number!).filter({ hasText: 'In progress' }).waitFor();

    await agent.page.getByLabel('Hold reason').selectOption('awaiting_vendor');
    await agent.page.getByRole('button', { name: 'Put on hold' }).click();
    await recordState.filter({ hasText: 'On hold' }).waitFor();
    await stateCell(watcher.page, number!).filter({ hasText: 'On hold' }).waitFor();

    await agent.page.getByLabel('Resolution notes').fill('Reader firmware rolled back.');
    await agent.page.getByRole('button', { name: 'Resolve' }).click();
    await recordState.filter({ hasText: 'Resolved' }).waitFor();
    await agent.page.getByRole('heading', { name: 'Timeline' }).waitFor();
    expect(await agent.page.locator('.timeline').textContent()).toContain('Reader firmware rolled back.');
    // Resolved: no SLA clock of the incident still runs.
    expect(await agent.page.locator('.sla-ok, .sla-warning, .sla-critical').count()).toBe(0);

    // The requester's second context saw every change arrive without reloading.
    await stateCell(watcher.page, number!).filter({ hasText: 'Resolved' }).waitFor();
    expect(await watcher.page.evaluate('window.__notReloaded')).toBe(true);
    // The server holds what the pages showed: the requester's incident, resolved by the agent.
    const held = await asAdmin<{ incidents: { edges: { node: { state: string; callerId: string; assigneeId: string } }[] } }>(
      'query Held($filter: IncidentFilter!) { incidents(first: 1, filter: $filter) { edges { node { state callerId assigneeId } } } }',
      { filter: { text: number } },
    );
    expect(held.incidents.edges.map((edge) => edge.node)).toEqual([{ state: 'resolved', callerId: 'u-requester', assigneeId: 'u-agent' }]);

    // German: the same page in the other language.
    await watcher.page.getByLabel('Language').selectOption('de');
    await watcher.page.getByRole('heading', { name: 'Meine Tickets', level: 1 }).waitFor();
    await stateCell(watcher.page, number!).filter({ hasText: 'Gelöst' }).waitFor();
    expect(await watcher.page.getAttribute('html', 'lang')).toBe('de');

    for (const { context } of [requester, watcher, agent]) await context.close();
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((page) => [page, []])));
    expect(problems).toEqual([]);
  }
  it('shows an agent the dashboards as charts with data tables, and exports a report as CSV, accessibly and without console errors', () => dashboardsJourney().catch(async (error: unknown) => Promise.reject(await explained(error))), 90_000);

  async function dashboardsJourney(): Promise<void> {
    const before = problems.length;
    // A fixture incident opened now: this period's incident report counts it (once reporting has read its event).
    await asAdmin('mutation Fixture($input: OpenIncidentInput!) { openIncident(input: $input) { id } }', { input: { title: `Dashboard fixture ${Date.now()}`, impact: 2, urgency: 2, callerId: 'u-requester' } });
    const { context, page } = await newPage('dashboards agent');
    await signIn(page, 'Agent', 'Queue');
    await page.getByRole('link', { name: 'Dashboards' }).click();
    await page.getByRole('heading', { name: 'Dashboards', level: 1 }).waitFor();
    await page.getByLabel('Granularity').selectOption('whole');
    const opened = page.locator('[data-report="mtta-mttr"] tbody tr td').first();
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.getByRole('button', { name: 'Show' }).click();
      await opened.waitFor();
      if (Number(await opened.innerText()) > 0 || Date.now() > deadline) break;
      await page.waitForTimeout(500);
    }
    expect(Number(await opened.innerText())).toBeGreaterThan(0);
    // Each report: a chart (echarts' SVG, an image named after it) and its table.
    for (const report of ['mtta-mttr', 'sla-compliance', 'backlog']) await page.locator(`[data-report="${report}"] h2`).waitFor();
    // The reporting context refuses agents the change report: no change card for them.
    expect(await page.locator('[data-report="change-success"]').count()).toBe(0);
    await page.locator('[data-report="mtta-mttr"] [role="img"] svg').waitFor();
    await page.locator('[data-report="backlog"] table').waitFor();
    expect(await page.getByRole('img', { name: /Chart: Incidents: MTTA and MTTR/ }).count()).toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-report="mtta-mttr"]').getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('incident-report.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe('period,periodStart,periodEnd,group,opened,acknowledged,resolved,canceled,reopened,firstTimeFix,handedOver,holdsEnded,meanHoldMs,mttaMs,mttrMs,reopenRate,firstTimeFixRate');
    expect(csv.split(/\r?\n/).filter((line) => line !== '').length).toBeGreaterThan(1);
    await page.getByText('incident-report.csv downloaded.').waitFor({ state: 'attached' });

    expect(await seriousViolations(page)).toEqual([]);
    // A phone's width: the dashboards fit it (tables scroll in their own region), the charts redrawn to it.
    await page.setViewportSize({ width: 390, height: 800 });
    await page.waitForFunction(() => {
      const section = document.querySelector('.dashboards');
      const chart = document.querySelector('.report-card .chart svg');
      return section !== null && chart !== null && section.scrollWidth <= section.clientWidth + 1 && chart.getBoundingClientRect().right <= window.innerWidth + 1;
    });
    await context.close();

    // A CAB member reads every change's figures (and no incident report): the change card with rows, no error.
    const cab = await newPage('dashboards cab member');
    await signIn(cab.page, 'CAB member', 'My tickets');
    await cab.page.getByRole('link', { name: 'Dashboards' }).click();
    await cab.page.locator('[data-report="change-success"] tbody tr').first().waitFor();
    expect(await cab.page.locator('[data-report="mtta-mttr"]').count()).toBe(0);
    expect(await cab.page.getByRole('alert').count()).toBe(0);
    await cab.context.close();
    expect(problems.slice(before)).toEqual([]);
  }
});
