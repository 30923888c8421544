import { directoryContext } from '@itsm/directory';
import { FindIncidentHandler, FindIncidentQuery, incidentContext, OpenIncidentHandler, SYSTEM_VIEWER } from '@itsm/incident';
import { AuthEnv, ensureDevKey, toAuthSettings } from '@itsm/platform/auth';
import { envSchema, httpEnv, KafkaEnv, loadConfig, MongoEnv, toHttpSettings } from '@itsm/platform/config';
import { createLogger } from '@itsm/platform/observability';
import type { Logger } from 'pino';
import { ShutdownSequence, startContexts } from '@itsm/platform/service';
import type { RunningContexts, StartedContext } from '@itsm/platform/service';
import { parseHmacSecret, signWebhook } from '@itsm/platform/webhooks';
import { DEMO_WEBHOOK_SECRET, supplierExchangeContext } from '@itsm/supplier-exchange';
import { expectEventually } from '@itsm/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoSupplier, demoSupplierExchangeEnv } from './demo-supplier';
import type { DemoSupplierStep } from './demo-supplier';

/**
 * The all-in-one's demo supplier round trip, in one process as `npm start` runs it (embedded store,
 * in-process bus; only the contexts the trip crosses): an incident assigned to Tailspin's group ->
 * the exchange's signed create webhook -> the receiver's signed acknowledgement and resolution on the
 * exchange's inbound REST endpoint -> the incident resolved as Tailspin's agent.
 */
describe('the all-in-one demo supplier (Tailspin Hosting)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'itsm-demo-supplier-'));
  const log = createLogger({ name: 'demo-supplier-spec', level: 'warn' });
  const shutdown = new ShutdownSequence({ deadlineMs: 8_000, stepTimeoutMs: 2_000, log });
  const steps: DemoSupplierStep[] = [];
  let supplier: DemoSupplier;
  let platform: RunningContexts;
  const context = (name: string): StartedContext => {
    const found = platform.contexts.find((started) => started.name === name);
    if (found === undefined) throw new Error(`context ${name} not started`);
    return found;
  };

  beforeAll(async () => {
    supplier = await DemoSupplier.start({ port: 0, resolveAfterMs: 200, log });
    supplier.onStep((step) => steps.push(step));
    const keyFile = join(dir, 'dev-key.json');
    await ensureDevKey(keyFile);
    const contexts = [directoryContext, supplierExchangeContext, incidentContext];
    const loaded = loadConfig(envSchema(httpEnv(4000), KafkaEnv, MongoEnv, AuthEnv, ...contexts.map((declared) => declared.env)), {
      AUTH_DEV_KEY_FILE: keyFile,
      DIRECTORY_SEED_DEMO_DATA: 'true',
      SUPPLIER_EXCHANGE_SEED_DEMO_DATA: 'true',
      SUPPLIER_EXCHANGE_WEBHOOK_POLL_MS: '100',
      LOG_LEVEL: 'warn',
    });
    const env = { ...loaded, ...demoSupplierExchangeEnv(supplier) };
    const auth = toAuthSettings(env, toHttpSettings(env).nodeEnv);
    platform = await startContexts({ contexts, env, auth, demo: false, host: { hostname: 'demo-supplier-spec' }, log, shutdown });
    supplier.connect(context('supplier').origin);
  });

  afterAll(async () => {
    await supplier.close();
    await shutdown.run();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an unsigned webhook and one signed with another secret (401), and takes nothing from them', async () => {
    const body = '{"specversion":"1.0"}';
    const unsigned = await fetch(supplier.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    const forged = signWebhook([parseHmacSecret('whsec_b3RoZXItc2VjcmV0LW5vdC10aGUtZGVtby1vbmUtMzI=')], 'msg-forged', Math.floor(Date.now() / 1000), body);
    const answer = await fetch(supplier.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...forged }, body });
    expect({ status: answer.status, text: await answer.text() }).toEqual({ status: 401, text: 'signature refused: no_matching_signature' });
    expect(steps.filter((step) => step.step !== 'refused')).toEqual([]);
  });

  it('answers 400 to a signed body that is not an event of the outbound family, and opens no ticket', async () => {
    const body = JSON.stringify({ specversion: '1.0', id: 'evt-1', source: 'itsm', type: 'itsm.supplier.trouble-ticket-created.v1', subject: 'inc-x', time: new Date().toISOString(), datacontenttype: 'application/json', sequence: 1, correlationid: 'c-1', data: { ticketId: 'inc-x' } });
    const signed = signWebhook([parseHmacSecret(DEMO_WEBHOOK_SECRET)], 'evt-1', Math.floor(Date.now() / 1000), body);
    const answer = await fetch(supplier.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...signed }, body });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('fails its schema');
    expect(steps.filter((step) => step.ticketId === 'inc-x')).toEqual([]);
  });

  it("acknowledges and resolves an incident assigned to Hosting Operations: resolved as Tailspin's agent", async () => {
    const incidents = context('incident').app;
    const tailspinAgent = context('directory').demo?.get('u-tom') ?? 'u-tom';
    const opened = await expectEventually(
      () =>
        incidents.get(OpenIncidentHandler).execute(
          { userId: 'u-agent', roles: ['agent'], orgId: 'contoso' },
          { title: 'Web shop 502s on web-02', description: 'Load balancer health checks fail.', impact: 2, urgency: 2, callerId: 'u-requester', callerOrgId: 'fabrikam', assignmentGroupId: 'hosting-ops' },
        ),
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    const resolved = await expectEventually(async () => {
      const incident = await incidents.get(FindIncidentHandler).execute(SYSTEM_VIEWER, FindIncidentQuery.byId(opened.id));
      expect(incident.state).toBe('resolved');
      return incident;
    }, { timeoutMs: 15_000, intervalMs: 100 });
    expect(resolved.resolution).toMatchObject({ code: 'resolved_by_supplier', by: tailspinAgent, notes: expect.stringMatching(/^Tailspin TSP-\d+: /) as unknown });
    const trip = steps.filter((step) => step.ticketId === opened.id);
    expect(trip.map((step) => step.step)).toEqual(['received', 'acknowledged', 'resolved']);
    expect(trip[0]?.detail).toContain('TroubleTicketCreateEvent');
  });
});

describe('the demo supplier receiver on a port already taken', () => {
  it('is not started, says why, and lets the platform start without it', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    const port = (taken.address() as AddressInfo).port;
    const warn = jest.fn();
    try {
      await expect(DemoSupplier.startUnlessBusy({ port, resolveAfterMs: 200, log: { warn, info: jest.fn() } as unknown as Logger })).resolves.toBeUndefined();
      expect(warn).toHaveBeenCalledWith({ port }, expect.stringContaining(`port ${port} is in use`));
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
