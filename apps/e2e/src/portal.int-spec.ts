import { queryShapesEnv, startBuiltPlatform } from '@itsm/testing';
import type { BuiltPlatform } from '@itsm/testing';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..', '..');
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
  let platform: BuiltPlatform | undefined;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the portal's browser tests need Debian's chromium package (npm run setup installs it: apt-get install --no-install-recommends chromium)`);
    if (!existsSync(join(PORTAL_WEB, 'index.html'))) throw new Error(`no portal build in ${PORTAL_WEB}: run node tools/build.mjs first (npm run test:int does)`);
    platform = await startBuiltPlatform({
      startBudgetMs: START_BUDGET_MS,
      env: {
        // Only the portal's registered operations run: every one it sends must be in its manifest.
        GATEWAY_TRUSTED_DOCUMENTS: join(PORTAL_WEB, 'trusted-documents.json'),
        // The spec's own fixtures (asAdmin) are set up by ad-hoc operations, an admin's only.
        GATEWAY_AD_HOC_ROLES: 'admin',
        ...queryShapesEnv('portal'),
      },
    });
    origin = platform.origin;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, START_BUDGET_MS + 30_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
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
    return new Error(`${error instanceof Error ? error.message : String(error)}\n--- pages ---\n${pages.join('\n---\n')}\n--- problems ---\n${problems.join('\n')}\n--- platform ---\n${platform?.output().slice(-3000) ?? ''}`);
  }

  it('lets a requester report an incident and an agent take, hold and resolve it, live in the requester\'s browser, accessibly and without console errors', () => journey().catch(async (error: unknown) => Promise.reject(await explained(error))), 180_000);

  async function journey(): Promise<void> {
    // This journey's console errors only (another journey's fail that one).
    const before = problems.length;
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
    expect(problems.slice(before)).toEqual([]);
  }
  it('lets a requester order a catalogue item with a conditional field, follow and comment on the request and the incident, and an approver approve it from "My approvals"', () => selfServiceJourney().catch(async (error: unknown) => Promise.reject(await explained(error))), 180_000);

  /**
   * Self-service. Fixture: an item with the demo laptop's form (a docking station shown and required
   * only when asked for) plus a patterned cost centre, entitled as the laptop, approved by the change
   * manager. The requester orders it: the server's messages show next to their fields; then sees the
   * request beside an incident in "my tickets", comments on both; the change manager approves it.
   */
  async function selfServiceJourney(): Promise<void> {
    const before = problems.length;
    const violations: Record<string, Violation[]> = {};
    const stamp = Date.now();
    const name = `Docking laptop ${stamp}`;
    const { catalogItem: laptop } = await asAdmin<{ catalogItem: { categoryId: string; serviceId: string; offeringId: string; entitlementRuleIds: string[] } }>(
      'query Laptop { catalogItem(id: "demo-laptop") { categoryId serviceId offeringId entitlementRuleIds } }',
    );
    const wantsDock = JSON.stringify({ variable: 'dock', equals: [true] });
    await asAdmin('mutation Publish($input: CatalogItemInput!) { publishCatalogItem(input: $input) { id } }', {
      input: {
        ...laptop,
        name,
        description: 'A laptop for a docked desk, approved by its budget owner.',
        form: [
          { name: 'model', label: 'Model', type: 'single_choice', required: true, defaultValue: '"standard-14"', options: [{ value: 'standard-14', label: 'Standard 14"' }, { value: 'performance-16', label: 'Performance 16"' }] },
          { name: 'costCentre', label: 'Cost centre', type: 'text', required: true, pattern: 'CC-[0-9]{4}' },
          { name: 'dock', label: 'Add a docking station', type: 'boolean', defaultValue: 'false' },
          { name: 'dockModel', label: 'Docking station', type: 'single_choice', visibleWhen: wantsDock, requiredWhen: wantsDock, options: [{ value: 'usb-c', label: 'USB-C dock' }, { value: 'thunderbolt', label: 'Thunderbolt dock' }] },
        ],
        plan: [{ key: 'deliver', title: 'Deliver the laptop', groupId: 'service-desk', variables: ['model', 'dockModel'] }],
        approvalPolicies: [{ id: `budget-owner-${stamp}`, name: 'Budget owner', levels: [{ name: 'Budget owner', userIds: ['u-change-manager'], rule: 'first_response' }] }],
      },
    });

    // The requester reports an incident, to see it beside the request.
    const requester = await newPage('requester (self-service)');
    const { page } = requester;
    await signIn(page, 'Requester', 'My tickets');
    await page.getByRole('link', { name: 'Report an incident' }).click();
    await page.getByLabel('Summary').fill(`Docking station at desk ${stamp} flickers`);
    await page.getByRole('button', { name: 'Report' }).click();
    const reported = await page.getByRole('status').filter({ hasText: 'reported' }).textContent();
    const incidentNumber = /INC\d+/.exec(reported ?? '')?.[0] as string;

    // The catalogue: find the item by words, open its form.
    await page.getByRole('navigation').getByRole('link', { name: 'Catalogue' }).click();
    await page.getByRole('heading', { name: 'Catalogue', level: 1 }).waitFor();
    await page.getByLabel('Words').fill(String(stamp));
    await page.getByRole('button', { name: 'Search the catalogue' }).click();
    await page.getByRole('link', { name }).waitFor();
    violations['catalogue'] = await seriousViolations(page);
    await page.getByRole('link', { name }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    violations['item form'] = await seriousViolations(page);

    // The conditional field shows only while its condition holds.
    expect(await page.getByLabel(/^Docking station/).count()).toBe(0);
    await page.getByLabel('Add a docking station').check();
    await page.getByLabel(/^Docking station/).waitFor();
    await page.getByLabel('Add a docking station').uncheck();
    await page.getByLabel(/^Docking station/).waitFor({ state: 'detached' });

    // An invalid value: the server's message next to its field; then the conditional field's requiredness.
    await page.getByLabel(/^Cost centre/).fill('CC-12');
    await page.getByRole('button', { name: 'Order', exact: true }).click();
    await page.locator('#var-costCentre-error').filter({ hasText: 'Cost centre: does not match the expected format.' }).waitFor();
    expect(await page.getByLabel(/^Cost centre/).getAttribute('aria-invalid')).toBe('true');
    // Focus goes to the first field in error.
    await page.waitForFunction(() => document.activeElement?.id === 'var-costCentre');
    violations['item form, with an error'] = await seriousViolations(page);
    await page.getByLabel(/^Cost centre/).fill('CC-1234');
    await page.getByLabel('Add a docking station').check();
    await page.getByRole('button', { name: 'Order', exact: true }).click();
    await page.locator('#var-dockModel-error').filter({ hasText: 'Docking station is required.' }).waitFor();
    expect(await page.locator('#var-costCentre-error').count()).toBe(0);
    await page.getByLabel(/^Docking station/).selectOption('thunderbolt');
    await page.getByRole('button', { name: 'Order', exact: true }).click();

    // The request page: its state, the item awaiting approval, a comment.
    const ordered = await page.getByRole('status').filter({ hasText: 'ordered' }).textContent();
    const requestNumber = /Request (\S+) ordered/.exec(ordered ?? '')?.[1] as string;
    await page.getByRole('heading', { name: `Request ${requestNumber}`, level: 1 }).waitFor();
    await page.getByTestId('request-state').filter({ hasText: 'Open' }).waitFor();
    await page.getByText('Awaiting approval').first().waitFor();
    // The values as the form labels them.
    await page.locator('dd').filter({ hasText: 'Thunderbolt dock' }).waitFor();
    await page.getByLabel('Add a comment').fill('Please deliver before Monday.');
    await page.getByRole('button', { name: 'Send comment' }).click();
    await page.locator('.comments').filter({ hasText: 'Please deliver before Monday.' }).waitFor();
    violations['request page'] = await seriousViolations(page);
    const requestId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');

    // My tickets: the request with its state beside the incident; the requester comments on the incident.
    await page.getByRole('navigation').getByRole('link', { name: 'My tickets' }).click();
    await stateCell(page, requestNumber).filter({ hasText: 'Open' }).waitFor();
    await stateCell(page, incidentNumber).filter({ hasText: 'New' }).waitFor();
    await page.getByRole('link', { name: incidentNumber }).click();
    await page.getByRole('heading', { name: new RegExp(incidentNumber), level: 1 }).waitFor();
    await page.getByLabel('Add a comment').fill('It started after the firmware update.');
    await page.getByRole('button', { name: 'Send comment' }).click();
    await page.locator('.comments').filter({ hasText: 'It started after the firmware update.' }).waitFor();
    violations['my incident'] = await seriousViolations(page);

    // The approver approves it from "My approvals".
    const { request: held } = await asAdmin<{ request: { items: { number: string }[] } }>('query Held($id: ID!) { request(id: $id) { items { number } } }', { id: requestId });
    const itemNumber = held.items[0]?.number as string;
    const approver = await newPage('change manager');
    await signIn(approver.page, 'Change manager', 'My tickets');
    await approver.page.getByRole('navigation').getByRole('link', { name: 'My approvals' }).click();
    await approver.page.getByRole('heading', { name: 'My approvals', level: 1 }).waitFor();
    const card = approver.page.locator(`[data-approval="${itemNumber}"]`);
    await card.waitFor();
    violations['my approvals'] = await seriousViolations(approver.page);
    await card.getByLabel(/^Comment/).fill('Budget available.');
    await card.getByRole('button', { name: 'Approve' }).click();
    await approver.page.getByRole('status').filter({ hasText: `${itemNumber} approved.` }).waitFor();
    await card.waitFor({ state: 'detached' });
    await approver.page.getByLabel('Language').selectOption('de');
    await approver.page.getByRole('heading', { name: 'Meine Genehmigungen', level: 1 }).waitFor();

    const { request: decided } = await asAdmin<{ request: { comments: { text: string }[]; items: { state: string; approval: { outcome: string } } [] } }>(
      'query Decided($id: ID!) { request(id: $id) { comments { text } items { state approval { outcome } } } }',
      { id: requestId },
    );
    expect(decided.items[0]?.approval.outcome).toBe('approved');
    expect(decided.items[0]?.state).not.toBe('awaiting_approval');
    expect(decided.comments.map((comment) => comment.text)).toContain('Please deliver before Monday.');

    // The requester withdraws it after all (asked to confirm, with a reason).
    await page.goto(`${origin}${new URL(page.url()).pathname.replace(/incidents\/.*/, `requests/${encodeURIComponent(requestId)}`)}`);
    await page.getByRole('button', { name: 'Cancel this request' }).click();
    await page.getByLabel('Why (optional)').fill('Ordered the wrong model.');
    await page.getByRole('button', { name: 'Cancel the request' }).click();
    await page.getByTestId('request-state').filter({ hasText: 'Canceled' }).waitFor();

    for (const { context } of [requester, approver]) await context.close();
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((key) => [key, []])));
    expect(problems.slice(before)).toEqual([]);
  }
  it('lets a CAB member authorise a change from the agenda and shows a conflicting change marked in the calendar, month and week, accessibly', () => changeJourney().catch(async (error: unknown) => Promise.reject(await explained(error))), 180_000);

  /** A change fixture (as the admin): requested on `ci` for [start, end), moved to Authorize (awaiting the CAB). */
  async function awaitingAuthorisation(title: string, ci: string, start: Date, end: Date): Promise<{ id: string; number: string }> {
    const plans = { implementation: 'Follow the runbook.', backout: 'Restore the snapshot.', test: 'Smoke tests.' };
    const { requestChange } = await asAdmin<{ requestChange: { id: string; number: string } }>('mutation($input: RequestChangeInput!) { requestChange(input: $input) { id number } }', {
      input: { model: 'normal', title, description: 'Portal change journey.', configurationItemIds: [ci], plans, planned: { start: start.toISOString(), end: end.toISOString() } },
    });
    await asAdmin('mutation($id: ID!) { submitForAssessment(id: $id) { state } }', { id: requestChange.id });
    const { requestAuthorisation } = await asAdmin<{ requestAuthorisation: { state: string } }>('mutation($id: ID!) { requestAuthorisation(id: $id) { state } }', { id: requestChange.id });
    expect(requestAuthorisation.state).toBe('authorize');
    return requestChange;
  }

  async function changeJourney(): Promise<void> {
    const before = problems.length;
    const violations: Record<string, Violation[]> = {};
    const HOUR = 3_600_000;
    const now = Date.now();
    const ciOf = async (name: string) => (await asAdmin<{ configurationItems: { edges: { node: { id: string } }[] } }>('query($n: String!) { configurationItems(nameContains: $n, first: 1) { edges { node { id } } } }', { n: name })).configurationItems.edges[0]!.node.id;
    // The demo's weekly CAB: its next meeting; a change planned after it and awaiting authorisation is on its agenda.
    const { cabOccurrences } = await asAdmin<{ cabOccurrences: { start: string }[] }>('query($from: DateTime!, $to: DateTime!) { cabOccurrences(meetingId: "weekly-cab", from: $from, to: $to) { start } }', {
      from: new Date(now + HOUR).toISOString(),
      to: new Date(now + 9 * 24 * HOUR).toISOString(),
    });
    const meeting = Date.parse(cabOccurrences[0]!.start);
    const onAgenda = await awaitingAuthorisation(`Portal CAB journey ${now}`, await ciOf('web-01'), new Date(meeting + 2 * 24 * HOUR), new Date(meeting + 2 * 24 * HOUR + HOUR));
    // Two changes on one CI in overlapping windows: the API reports a same-CI conflict for each.
    const ci = await ciOf('web-02');
    const held = await awaitingAuthorisation(`Portal calendar held ${now}`, ci, new Date(now + 3 * HOUR), new Date(now + 5 * HOUR));
    const clash = await awaitingAuthorisation(`Portal calendar clash ${now}`, ci, new Date(now + 4 * HOUR), new Date(now + 6 * HOUR));

    // The change manager finds a change waiting for their approval and approves it: the CAB level opens.
    const manager = await newPage('change manager');
    await signIn(manager.page, 'Change manager', 'My tickets');
    await manager.page.getByRole('link', { name: 'Changes', exact: true }).click();
    const pending = manager.page.getByRole('region', { name: 'Waiting for my decision' });
    await pending.getByRole('link', { name: held.number }).waitFor();
    violations['changes'] = await seriousViolations(manager.page);
    await pending.getByRole('link', { name: held.number }).click();
    await manager.page.getByRole('heading', { name: new RegExp(held.number), level: 1 }).waitFor();
    await manager.page.getByRole('button', { name: 'Approve' }).click();
    await manager.page.locator('.levels > li').nth(0).locator('.level-approved').waitFor();
    await manager.page.locator('.levels > li').nth(1).locator('.level-pending').waitFor();
    expect(await manager.page.locator('.levels > li').nth(0).textContent()).toContain('u-change-manager: Approved');
    await manager.context.close();

    // The CAB member opens the agenda of the next meeting and authorises the change.
    const cab = await newPage('cab member');
    await signIn(cab.page, 'CAB member', 'My tickets');
    await cab.page.getByRole('link', { name: 'CAB agenda' }).click();
    await cab.page.getByRole('heading', { name: 'CAB agenda', level: 1 }).waitFor();
    const item = cab.page.locator(`li.agenda-item[data-number="${onAgenda.number}"]`).first();
    await item.getByTestId('agenda-state').filter({ hasText: 'Authorize' }).waitFor();
    violations['cab agenda'] = await seriousViolations(cab.page);
    await item.getByLabel('Decision', { exact: true }).selectOption('authorise');
    await item.getByRole('button', { name: 'Record' }).click();
    await item.getByTestId('agenda-state').filter({ hasText: 'Scheduled' }).waitFor();
    await item.getByTestId('agenda-decision').filter({ hasText: 'Authorised by u-cab-1' }).waitFor();

    // Its record: scheduled, with its risk explained and its approvals.
    await item.getByRole('link', { name: onAgenda.number }).click();
    await cab.page.getByRole('heading', { name: new RegExp(onAgenda.number), level: 1 }).waitFor();
    await cab.page.getByTestId('change-state').filter({ hasText: 'Scheduled' }).waitFor();
    await cab.page.getByRole('heading', { name: 'Risk assessment' }).waitFor();
    await cab.page.getByRole('heading', { name: 'Approvals' }).waitFor();
    violations['change record'] = await seriousViolations(cab.page);

    // The calendar (month) on the day of the clashing changes: both marked as conflicts, visibly and in text.
    await cab.page.getByRole('link', { name: 'Change calendar' }).click();
    await cab.page.getByRole('heading', { name: 'Change calendar', level: 1 }).waitFor();
    const day = await cab.page.evaluate(`new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(${now + 4 * HOUR}))`);
    for (let i = 0; i < 2 && (await cab.page.locator(`button.day[data-day="${day}"]`).count()) === 0; i += 1) await cab.page.getByRole('button', { name: 'Next' }).click();
    const monthCell = cab.page.locator(`td[data-day="${day}"]`);
    for (const change of [held, clash]) {
      const entry = monthCell.locator('li[data-kind="change"]').filter({ has: cab.page.getByRole('link', { name: change.number }) });
      await entry.getByTestId('conflict').waitFor();
      expect(await entry.getAttribute('class')).toContain('cal-conflict');
      expect(await entry.getByTestId('conflict').textContent()).toMatch(/Conflict.*Same CI/);
    }
    violations['change calendar (month)'] = await seriousViolations(cab.page);
    // Keyboard: the day takes focus, Enter shows its details; the week view holds the same marks.
    await cab.page.locator(`button.day[data-day="${day}"]`).focus();
    await cab.page.keyboard.press('Enter');
    await cab.page.getByRole('heading', { name: /^On / }).waitFor();
    await cab.page.getByRole('button', { name: 'Week' }).click();
    const weekCell = cab.page.locator(`.calendar-week td[data-day="${day}"]`);
    const weekEntry = weekCell.locator('li[data-kind="change"]').filter({ has: cab.page.getByRole('link', { name: clash.number }) });
    await weekEntry.getByTestId('conflict').waitFor();
    expect(await weekEntry.getByTestId('conflict').textContent()).toMatch(/Conflict.*Same CI/);
    violations['change calendar (week)'] = await seriousViolations(cab.page);

    await cab.context.close();
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((page) => [page, []])));
    expect(problems.slice(before)).toEqual([]);
  }
  it('shows a supplier agent only its organisation\'s work, and an agent the record\'s notes and impact path, breaching soon and problems, accessibly', () => agentWorkspaceJourney().catch(async (error: unknown) => Promise.reject(await explained(error))), 180_000);

  /** Agent workspace: supplier scoping, work notes, the impact path drawn and listed, breaching soon, problems. */
  async function agentWorkspaceJourney(): Promise<void> {
    const before = problems.length;
    const violations: Record<string, Violation[]> = {};
    const stamp = Date.now();
    const open = 'mutation Open($input: OpenIncidentInput!) { openIncident(input: $input) { id number } }';
    const assign = 'mutation Assign($input: AssignIncidentInput!) { assignIncident(input: $input) { id } }';
    type Opened = { openIncident: { id: string; number: string } };

    // Breaching soon: a 1-minute response SLA (24x7) on a service of this test's own, and an incident on it, opened first (at 75 % it is at risk).
    const service = `svc-e2e-breaching-${stamp}`;
    await asAdmin(
      `mutation Sla($input: SlaDefinitionInput!) { saveSlaDefinition(input: $input, expectedVersion: 0) { id } }`,
      { input: { id: `e2e-breaching-${stamp}`, name: 'E2E response 1 min (24x7)', kind: 'SLA', target: 'response', targetMinutes: 1, appliesTo: { serviceIds: [service] }, conditions: { start: ['new'], stop: ['in_progress', 'on_hold', 'resolved', 'closed'], cancel: ['canceled'] }, calendarId: '24x7', timeZone: 'UTC' } },
    );
    const atRisk = (await asAdmin<Opened>(open, { input: { title: `Checkout times out ${stamp}`, impact: 3, urgency: 3, callerId: 'u-requester', serviceId: service } })).openIncident;
    const atRiskSince = Date.now();

    // Supplier scoping: one incident held by northwind-networks (network-ops), one by contoso (app-support).
    const theirs = (await asAdmin<Opened>(open, { input: { title: `Branch router flapping ${stamp}`, impact: 3, urgency: 3, callerId: 'u-requester' } })).openIncident;
    const notTheirs = (await asAdmin<Opened>(open, { input: { title: `Payroll export fails ${stamp}`, impact: 3, urgency: 3, callerId: 'u-requester' } })).openIncident;
    await asAdmin(assign, { input: { id: theirs.id, groupId: 'network-ops' } });
    await asAdmin(assign, { input: { id: notTheirs.id, groupId: 'app-support' } });

    // Impact path: an incident on the demo web shop's CIs (as the demo's "Web shop slow at checkout").
    const demo = await asAdmin<{ incidents: { edges: { node: { configurationItemIds: string[] } }[] } }>('query Demo { incidents(first: 1, filter: { text: "Web shop slow at checkout" }) { edges { node { configurationItemIds } } } }');
    const ciIds = demo.incidents.edges[0]?.node.configurationItemIds ?? [];
    expect(ciIds.length).toBeGreaterThan(0);
    const impacted = (await asAdmin<Opened>(open, { input: { title: `Web shop images missing ${stamp}`, impact: 2, urgency: 2, callerId: 'u-requester', configurationItemIds: ciIds } })).openIncident;

    // The supplier agent's queue lists its organisation's incident and not the other; the other's record does not open; no problems link.
    const supplier = await newPage('supplier agent');
    await signIn(supplier.page, 'Supplier agent', 'Queue');
    await supplier.page.locator(`tr[data-number="${theirs.number}"]`).waitFor();
    expect(await supplier.page.locator(`tr[data-number="${notTheirs.number}"]`).count()).toBe(0);
    expect(await supplier.page.getByRole('link', { name: 'Problems' }).count()).toBe(0);
    violations['supplier queue'] = await seriousViolations(supplier.page);
    await supplier.page.goto(`${origin}/agent/incidents/${encodeURIComponent(notTheirs.id)}`);
    await supplier.page.getByRole('alert').waitFor();
    expect(await supplier.page.getByRole('heading', { name: new RegExp(notTheirs.number) }).count()).toBe(0);
    await supplier.page.goto(`${origin}/agent/incidents/${encodeURIComponent(theirs.id)}`);
    await supplier.page.getByRole('heading', { name: new RegExp(theirs.number) }).waitFor();
    // A supplier agent may comment, not write internal work notes.
    expect(await supplier.page.getByLabel('Work note (internal)').count()).toBe(0);

    // The agent writes a work note on the incident and sees its impact path drawn (a canvas) and listed as text.
    const agent = await newPage('agent (workspace)');
    await signIn(agent.page, 'Agent', 'Queue');
    await agent.page.goto(`${origin}/agent/incidents/${encodeURIComponent(impacted.id)}`);
    await agent.page.getByRole('heading', { name: new RegExp(impacted.number) }).waitFor();
    const note = `Image CDN purge pending ${stamp}`;
    await agent.page.getByLabel('Work note (internal)').check();
    await agent.page.getByLabel('Note', { exact: true }).fill(note);
    await agent.page.getByRole('button', { name: 'Add note' }).click();
    await agent.page.locator('.timeline .note-work_note').filter({ hasText: note }).waitFor();
    await agent.page.locator('[data-testid="impact-drawing"] canvas').first().waitFor();
    // The demo CMDB: web-01 and db-01 serve the application service "Web shop".
    expect(await agent.page.locator('#impact-list').innerText()).toContain('Web shop');
    violations['incident record (workspace)'] = await seriousViolations(agent.page);

    // Problems and known errors: the demo problem, its known error, advanced a stage.
    await agent.page.getByRole('link', { name: 'Problems' }).click();
    await agent.page.getByRole('heading', { name: 'Problems and known errors', level: 1 }).waitFor();
    violations['problems'] = await seriousViolations(agent.page);
    await agent.page.getByRole('row').filter({ hasText: 'Recurring mail relay throttling' }).getByRole('link').click();
    await agent.page.getByTestId('known-error').filter({ hasText: 'Route bulk mail through the secondary relay' }).waitFor();
    await agent.page.getByLabel('Next stage').selectOption('fix_in_progress');
    await agent.page.getByRole('button', { name: 'Advance' }).click();
    await agent.page.getByTestId('problem-state').filter({ hasText: 'Fix in progress' }).waitFor();
    violations['problem'] = await seriousViolations(agent.page);

    // Breaching soon (the server's slaStatus) lists the at-risk incident once the SLA engine warned at 75 % of its minute.
    await agent.page.getByRole('link', { name: 'Queue' }).click();
    await agent.page.getByLabel('Show').selectOption('breaching');
    const row = agent.page.locator(`tr[data-number="${atRisk.number}"]`);
    // Clocks move without events: refresh (as an agent would) until the clock has crossed its threshold.
    while (!(await row.isVisible())) {
      if (Date.now() - atRiskSince > 90_000) throw new Error(`${atRisk.number} never showed as breaching soon`);
      await agent.page.getByRole('button', { name: 'Refresh' }).click();
      await row.waitFor({ timeout: 4_000 }).catch(() => undefined);
    }
    expect(await row.locator('[data-column="sla"]').innerText()).toMatch(/At risk|Critical|Breached/);
    violations['queue, breaching soon'] = await seriousViolations(agent.page);

    for (const { context } of [supplier, agent]) await context.close();
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((page) => [page, []])));
    expect(problems.slice(before)).toEqual([]);
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
  it('offers a supplier agent neither the catalogue nor a request list the server would refuse', () => supplierSelfService().catch(async (error: unknown) => Promise.reject(await explained(error))), 60_000);

  /** A supplier agent works tasks, it does not order nor read requests: "My tickets" shows its incidents without an error. */
  async function supplierSelfService(): Promise<void> {
    const before = problems.length;
    const supplier = await newPage('supplier agent (self-service)');
    const { page } = supplier;
    await signIn(page, 'Supplier agent', 'Queue');
    await page.getByRole('navigation').getByRole('link', { name: 'My tickets' }).click();
    await page.getByRole('heading', { name: 'My incidents', level: 2 }).waitFor();
    await page.getByText('Loading…').waitFor({ state: 'detached' });
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'My requests' }).count()).toBe(0);
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Catalogue' }).count()).toBe(0);
    await supplier.context.close();
    expect(problems.slice(before)).toEqual([]);
  }
});
