import { requestTopic, slaTopic, TopicRegistry } from '@itsm/contracts';
import type { EventEnvelope } from '@itsm/contracts';
import { bootContextForSpec } from '@itsm/platform/service';
import type { SpecContext } from '@itsm/platform/service';
import { expectEventually, testPeers } from '@itsm/testing';
import { SaveSlaCalendarHandler } from './application/commands/save-sla-calendar/save-sla-calendar.handler';
import { SaveSlaDefinitionHandler } from './application/commands/save-sla-definition/save-sla-definition.handler';
import type { SlaDefinition } from './domain';
import { ALWAYS_OPEN } from './domain';
import { itemFacts, RequestFeed } from './messaging/test-fixtures/request-feed';
import { slaContext } from './sla.context';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NONE = { priorities: [], serviceIds: [], customerOrgIds: [], supplierOrgIds: [], assignmentGroupIds: [], offeringIds: [], catalogItemIds: [] };

/** A request fulfilled within 2 hours, around the clock: business time is wall time. */
const RESOLUTION: SlaDefinition = {
  id: 'req-lifecycle-2h',
  name: 'Request fulfilled within 2 hours',
  kind: 'SLA',
  ticketType: 'request',
  target: 'resolution',
  scope: 'ticket',
  targetMs: 2 * HOUR,
  warningThresholds: [50],
  calendarId: ALWAYS_OPEN.id,
  timeZone: 'UTC',
  timeZoneSource: 'definition',
  active: true,
  appliesTo: NONE,
  conditions: { start: ['open'], pause: [], resume: [], stop: ['closed_complete', 'closed_incomplete'], cancel: ['canceled'], reset: [] },
};

const LIFECYCLE = ['itsm.sla.clock-started.v1', 'itsm.sla.clock-paused.v1', 'itsm.sla.clock-rescheduled.v1', 'itsm.sla.clock-stopped.v1', 'itsm.sla.clock-canceled.v1'];

describe("SLA clocks' lifecycle events on itsm.sla.v1 (the SLA context on the peers)", () => {
  let context: SpecContext;
  /** The lifecycle events published for a ticket, in order (every copy). */
  const lifecycleOf = (ticketId: string): EventEnvelope[] => context.published.filter((e) => e.subject === ticketId && LIFECYCLE.includes(e.type));
  const summary = (e: EventEnvelope) => {
    const data = e.data as { outcome?: string; elapsedMs?: number; clockId: string };
    return [e.type, e.sequence, data.clockId, data.outcome ?? null, data.elapsedMs ?? null];
  };

  beforeAll(async () => {
    context = await bootContextForSpec(slaContext, { mongoUrl: testPeers().mongoUrl, settings: { policyPollMs: 60_000, checkpointMs: 200, fireBatchSize: 100 }, probeTopics: [slaTopic.name] });
    await context.app.get(SaveSlaCalendarHandler).execute({ by: 'admin', calendar: ALWAYS_OPEN, expectedVersion: 0 });
    await context.app.get(SaveSlaDefinitionHandler).execute({ by: 'admin', definition: RESOLUTION, expectedVersion: 0 });
  });

  afterAll(async () => {
    await context.close();
  });

  it('a request fulfilled in time: started, then stopped met, once each; a redelivered ticket event publishes nothing again', async () => {
    const t0 = Date.now() - 3 * HOUR;
    const f = new RequestFeed({ requestId: 'req-life-met', number: 'REQ0007001', state: 'open', requestedById: 'p-ann', requestedForId: 'p-bob', organisationId: 'org-contoso' });
    const submitted = f.submitted([itemFacts()], t0);
    const completed = f.stateChanged('closed_complete', t0 + 75 * MINUTE);
    await context.bus.publishEnvelopes(requestTopic.name, [submitted, completed]);
    await expectEventually(() =>
      expect(lifecycleOf('req-life-met').map(summary)).toEqual([
        ['itsm.sla.clock-started.v1', 1, 'req-lifecycle-2h#1', null, null],
        ['itsm.sla.clock-stopped.v1', 2, 'req-lifecycle-2h#1', 'met', 75 * MINUTE],
      ]),
    );
    const [started, stopped] = lifecycleOf('req-life-met');
    expect(started?.source).toBe('/itsm/sla/lifecycle');
    expect(started?.data).toMatchObject({ ticketType: 'request', ticketNumber: 'REQ0007001', kind: 'SLA', target: 'resolution', targetMs: 2 * HOUR, startedAt: new Date(t0).toISOString(), dueAt: new Date(t0 + 2 * HOUR).toISOString() });
    expect(stopped?.data).toMatchObject({ stoppedAt: new Date(t0 + 75 * MINUTE).toISOString(), pausedMs: 0, dueAt: new Date(t0 + 2 * HOUR).toISOString() });
    const registry = new TopicRegistry([slaTopic]);
    for (const e of lifecycleOf('req-life-met')) expect(() => registry.validatePayload(slaTopic.name, e.type, e.data)).not.toThrow();

    // Both ticket events delivered again, then the request reopened: the reopening's event comes after the
    // redelivered ones on the ticket's partition, so once it is published the copies have been handled.
    await context.bus.publishEnvelopes(requestTopic.name, [submitted, completed, f.stateChanged('open', t0 + 90 * MINUTE)]);
    await expectEventually(() =>
      expect(lifecycleOf('req-life-met').map(summary)).toEqual([
        ['itsm.sla.clock-started.v1', 1, 'req-lifecycle-2h#1', null, null],
        ['itsm.sla.clock-stopped.v1', 2, 'req-lifecycle-2h#1', 'met', 75 * MINUTE],
        ['itsm.sla.clock-rescheduled.v1', 3, 'req-lifecycle-2h#1', null, 75 * MINUTE],
      ]),
    );
    // 45 minutes left from the reopening.
    expect(lifecycleOf('req-life-met')[2]?.data).toMatchObject({ resumedAt: new Date(t0 + 90 * MINUTE).toISOString(), dueAt: new Date(t0 + 135 * MINUTE).toISOString() });
    expect(new Set(lifecycleOf('req-life-met').map((e) => e.id)).size).toBe(3);
  });

  it('a request fulfilled late: stopped breached, beside its breach event (their own stream)', async () => {
    const t0 = Date.now() - 4 * HOUR;
    const f = new RequestFeed({ requestId: 'req-life-late', number: 'REQ0007002', state: 'open', requestedById: 'p-ann', requestedForId: 'p-bob', organisationId: 'org-contoso' });
    await context.bus.publishEnvelopes(requestTopic.name, [f.submitted([itemFacts()], t0), f.stateChanged('closed_complete', t0 + 150 * MINUTE)]);
    await expectEventually(() => {
      expect(lifecycleOf('req-life-late').map(summary)).toEqual([
        ['itsm.sla.clock-started.v1', 1, 'req-lifecycle-2h#1', null, null],
        ['itsm.sla.clock-stopped.v1', 2, 'req-lifecycle-2h#1', 'breached', 150 * MINUTE],
      ]);
      expect(context.published.filter((e) => e.subject === 'req-life-late' && e.type === 'itsm.sla.clock-breached.v1').map((e) => e.source)).toEqual(['/itsm/sla']);
    });
  });

  it('a canceled request cancels its clock: neither met nor breached', async () => {
    const t0 = Date.now() - HOUR;
    const f = new RequestFeed({ requestId: 'req-life-canceled', number: 'REQ0007003', state: 'open', requestedById: 'p-ann', requestedForId: 'p-bob', organisationId: 'org-contoso' });
    await context.bus.publishEnvelopes(requestTopic.name, [f.submitted([itemFacts()], t0), f.stateChanged('canceled', t0 + 30 * MINUTE)]);
    await expectEventually(() =>
      expect(lifecycleOf('req-life-canceled').map((e) => [e.type, (e.data as { reason?: string }).reason ?? null])).toEqual([
        ['itsm.sla.clock-started.v1', null],
        ['itsm.sla.clock-canceled.v1', 'ticket_canceled'],
      ]),
    );
  });
});
