import { runBench } from '@itsm/bench-kit';
import { startBuiltPlatform } from '@itsm/testing';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..', '..');
const PORTAL_WEB = join(ROOT, 'dist', 'apps', 'portal', 'web');
const CHROMIUM = '/usr/bin/chromium';
// No smooth scrolling: a wheel step moves the container at once (both renderings the same way).
const CHROMIUM_ARGS = ['--disable-smooth-scrolling', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The figure: a queue of 500 incidents. */
const INCIDENTS = 500;
const CONCURRENCY = 8;
/** A frame over this is jank (the bench counts them). */
const LONG_FRAME_MS = 50;
/** One wheel step (px) per animation frame while scrolling the queue top to bottom and back. */
const SCROLL_STEP_PX = 120;
/** One frame at 60 Hz; an interval over 1.5 of them missed a vsync (intervals come in whole vsyncs). */
const VSYNC_MS = 1000 / 60;

interface Run {
  readonly renderMs: number;
  readonly rowsInDom: number;
  readonly frames: number;
  readonly longFrames: number;
  readonly overOneVsync: number;
  readonly p95FrameMs: number;
  readonly maxFrameMs: number;
}

/** The all-in-one as built, its gateway on the portal's trusted documents (ad-hoc operations for the admin's fixtures). */
const startPlatform = () => startBuiltPlatform({ env: { GATEWAY_TRUSTED_DOCUMENTS: join(PORTAL_WEB, 'trusted-documents.json'), GATEWAY_AD_HOC_ROLES: 'admin' } });

async function personaToken(origin: string, persona: string): Promise<string> {
  const response = await fetch(`${origin}/dev/persona-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona }) });
  if (!response.ok) throw new Error(`persona token for ${persona}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** 500 new incidents, opened through the gateway as the admin (ad-hoc operation), CONCURRENCY at a time. */
async function openIncidents(origin: string): Promise<void> {
  const token = await personaToken(origin, 'admin');
  const query = 'mutation Open($input: OpenIncidentInput!) { openIncident(input: $input) { id } }';
  let next = 0;
  const worker = async () => {
    while (next < INCIDENTS) {
      const n = (next += 1);
      const response = await fetch(`${origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables: { input: { title: `Queue bench incident ${n}: printer on floor ${n % 9} jams`, impact: 1 + (n % 3), urgency: 1 + ((n >> 1) % 3), callerId: 'u-requester' } } }),
      });
      const answer = (await response.json()) as { errors?: unknown[] };
      if (answer.errors !== undefined) throw new Error(`openIncident: ${JSON.stringify(answer.errors)}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/**
 * Opens the queue's "new" view (500 and more incidents, paged through the gateway) and times it to
 * the last row being available; then scrolls its container to the bottom and back with the mouse
 * wheel, one step per animation frame, and records the frame intervals.
 */
async function measure(page: Page, origin: string, plain: boolean): Promise<Run> {
  const started = Date.now();
  await page.goto(`${origin}/agent?view=new${plain ? '&render=plain' : ''}`);
  // The whole queue loaded (its live count says so), not a first change that arrived before it.
  await page.getByText(`${INCIDENTS} incidents in this view.`).waitFor({ state: 'attached', timeout: 120_000 });
  await page.locator('table caption').first().waitFor({ timeout: 120_000 });
  const renderMs = Date.now() - started;
  const rowsInDom = await page.locator('tbody tr[data-number]').count();
  // Both renderings scroll the same container (.virtual-queue), driven by the mouse wheel as a user
  // would; an independent animation-frame loop records the frame intervals meanwhile.
  const scroller = page.locator('.virtual-queue');
  const box = await scroller.boundingBox();
  if (box === null) throw new Error('the queue has no scroll container');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(() => {
    const recorder = { times: [] as number[], running: true };
    (window as unknown as { benchFrames: typeof recorder }).benchFrames = recorder;
    let last = performance.now();
    const tick = (now: number) => {
      recorder.times.push(now - last);
      last = now;
      if (recorder.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const nextFrame = () => scroller.evaluate((element) => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(element.scrollTop))));
  for (const direction of [1, -1]) {
    let previous = await nextFrame();
    for (let still = 0; still < 3; ) {
      await page.mouse.wheel(0, direction * SCROLL_STEP_PX);
      const top = await nextFrame();
      still = top === previous ? still + 1 : 0;
      previous = top;
    }
  }
  const frameTimes = await page.evaluate(() => {
    const recorder = (window as unknown as { benchFrames: { times: number[]; running: boolean } }).benchFrames;
    recorder.running = false;
    return recorder.times.slice(1);
  });
  return {
    renderMs,
    rowsInDom,
    frames: frameTimes.length,
    longFrames: frameTimes.filter((ms) => ms > LONG_FRAME_MS).length,
    overOneVsync: frameTimes.filter((ms) => ms > VSYNC_MS * 1.5).length,
    p95FrameMs: Number(percentile(frameTimes, 95).toFixed(1)),
    maxFrameMs: Number(Math.max(...frameTimes).toFixed(1)),
  };
}

/**
 * `npm run bench:portal-queue`: a queue of 500 incidents in Chromium (Debian's, headless), the
 * virtualised table against the same queue with every row in the DOM (`?render=plain`), both in
 * this run: time to the table, rows in the DOM, and the frames while scrolling it through (long
 * frames over 50 ms, the share of frames that missed a vsync, p95). Last line: one JSON object.
 */
async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (npm run setup installs chromium)`);
  if (!existsSync(join(PORTAL_WEB, 'index.html'))) throw new Error('no portal build: run node tools/build.mjs first');
  const platform = await startPlatform();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const fixtureStart = Date.now();
    await openIncidents(platform.origin);
    console.log(`opened ${INCIDENTS} incidents in ${Date.now() - fixtureStart} ms`);
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    const token = await personaToken(platform.origin, 'agent');
    await page.goto(`${platform.origin}/sign-in`);
    await page.evaluate((value) => sessionStorage.setItem('itsm.portal.session', value), token);
    // Warm-up (module cache, first compile), then the measured runs.
    await measure(page, platform.origin, false);
    const plain = await measure(page, platform.origin, true);
    const virtual = await measure(page, platform.origin, false);
    console.log(`plain: ${JSON.stringify(plain)}`);
    console.log(`virtualised: ${JSON.stringify(virtual)}`);
    if (errors.length > 0) console.log(`console errors: ${errors.join('; ')}`);
    const figures = {
      bench: 'portal-queue',
      incidents: INCIDENTS,
      render_ms: virtual.renderMs,
      rows_in_dom: virtual.rowsInDom,
      scroll_frames: virtual.frames,
      long_frames_over_50ms: virtual.longFrames,
      frames_over_1_vsync_ratio: Number((virtual.overOneVsync / Math.max(1, virtual.frames)).toFixed(3)),
      p95_frame_ms: virtual.p95FrameMs,
      max_frame_ms: virtual.maxFrameMs,
      baseline_plain_render_ms: plain.renderMs,
      baseline_plain_rows_in_dom: plain.rowsInDom,
      baseline_plain_scroll_frames: plain.frames,
      baseline_plain_long_frames_over_50ms: plain.longFrames,
      baseline_plain_frames_over_1_vsync_ratio: Number((plain.overOneVsync / Math.max(1, plain.frames)).toFixed(3)),
      baseline_plain_p95_frame_ms: plain.p95FrameMs,
      render_ratio_vs_plain: Number((virtual.renderMs / Math.max(1, plain.renderMs)).toFixed(3)),
      p95_frame_ratio_vs_plain: Number((virtual.p95FrameMs / Math.max(0.1, plain.p95FrameMs)).toFixed(3)),
      console_errors: errors.length,
    };
    console.log(JSON.stringify(figures));
    return errors.length === 0 && virtual.rowsInDom < INCIDENTS ? 0 : 1;
  } finally {
    await browser.close();
    await platform.stop();
  }
}

runBench(main);
