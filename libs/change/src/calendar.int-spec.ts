import type { INestApplication } from '@nestjs/common';
import {
  AuthoriseChangeCommand,
  AuthoriseChangeHandler,
  RequestChangeAuthorisationCommand,
  RequestChangeAuthorisationHandler,
  RequestChangeCommand,
  RequestChangeHandler,
  SubmitChangeForAssessmentCommand,
  SubmitChangeForAssessmentHandler,
  UpdateChangeCommand,
  UpdateChangeHandler,
} from './application/commands';
import { ChangeReads } from './application/ports/change-store.port';
import { MaintenanceCoverage } from './application/ports/maintenance-coverage.port';
import { ChangeErrorCode } from './domain';
import type { Change, ChangeViewer } from './domain';
import { bootChangeContext } from './test-fixtures/booted-change-context';
import type { BootedChangeContext, GraphqlAnswer } from './test-fixtures/booted-change-context';

const MANAGER: ChangeViewer = { userId: 'p-manager', roles: ['change-manager'], orgId: 'contoso' };
const HOUR = 3_600_000;
const plans = { implementation: 'Apply', backout: 'Roll back', test: 'Smoke test' };


/**
 * The calendar lane through the change context booted on the peers: windows and blackouts through
 * GraphQL (a blackout without a reason refused, nothing written), every conflict kind with its
 * reason and the other change, a change moved to the next conflict-free window having none, the
 * calendar view, and a change scheduled into a blackout refused unless an emergency with an override.
 * Instants are relative to the start of the run (the service reads the system clock).
 */
describe('change calendar and conflicts on the MongoDB peer', () => {
  let booted: BootedChangeContext;
  const T0 = Math.ceil(Date.now() / HOUR) * HOUR + 24 * HOUR;
  const at = (hours: number): Date => new Date(T0 + hours * HOUR);
  let app: INestApplication;
  let manager: string;
  const graphql = (query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer> => booted.graphql(manager, query, variables);

  const request = (ci: string, start: number, end: number, extra: Partial<RequestChangeCommand['input']> = {}): Promise<Change> =>
    app.get(RequestChangeHandler).execute(
      MANAGER,
      new RequestChangeCommand({ model: 'normal', title: `Work on ${ci}`, description: '', assignmentGroupId: 'g-network', assigneeId: null, configurationItemIds: [ci], serviceIds: [], plans, planned: { start: at(start), end: at(end) }, ...extra }),
    );

  /** New -> Assess -> Authorize -> Scheduled (normal) or New -> Authorize -> Scheduled (emergency). */
  async function schedule(change: Change): Promise<Change> {
    if (change.model === 'normal') await app.get(SubmitChangeForAssessmentHandler).execute(MANAGER, new SubmitChangeForAssessmentCommand(change.id));
    await app.get(RequestChangeAuthorisationHandler).execute(MANAGER, new RequestChangeAuthorisationCommand(change.id));
    return app.get(AuthoriseChangeHandler).execute(new AuthoriseChangeCommand(change.id, 'p-cab-1', 'CAB agreed'));
  }

  const conflictsOf = async (id: string): Promise<{ kind: string; otherChangeNumber: string | null; windowId: string | null; reason: string }[]> =>
    ((await graphql('query($id: ID!) { changeConflicts(changeId: $id) { kind otherChangeNumber windowId reason } }', { id })).data?.['changeConflicts'] ?? []) as never;

  beforeAll(async () => {
    booted = await bootChangeContext();
    ({ app } = booted);
    const { project, cmdb } = booted;
    manager = await booted.token('p-manager', ['change-manager']);
    await project(cmdb.ciCreated({ ciId: 'ci-db', name: 'orders-db', classId: 'database' }));
    await project(cmdb.ciCreated({ ciId: 'ci-app', name: 'orders-app', classId: 'application' }));
    await project(cmdb.ciCreated({ ciId: 'ci-web', name: 'web-1', classId: 'server' }));
    await project(cmdb.ciCreated({ ciId: 'ci-pay', name: 'payments-db', classId: 'server' }));
    await project(cmdb.ciCreated({ ciId: 'svc-shop', name: 'Shop', classId: 'application_service' }));
    // orders-app depends on orders-db: the app is the db's parent.
    await project(cmdb.relationshipAdded('rel-1', 'ci-app', 'ci-db'));
  });

  afterAll(() => booted?.close());

  it('refuses a blackout without a reason and an unknown zone with their codes; nothing is written', async () => {
    const blackout = { name: 'No reason', reason: ' ', serviceIds: [], start: at(1).toISOString(), end: at(2).toISOString() };
    const refused = await graphql('mutation($input: BlackoutWindowInput!) { declareBlackout(input: $input) { id } }', { input: blackout });
    expect(refused.errors?.[0]?.extensions?.code).toBe(ChangeErrorCode.InvalidInput);
    const window = { name: 'Nowhere', scope: 'ci', targetId: 'ci-web', rrule: 'FREQ=DAILY', firstStart: '2030-01-01T02:00', durationMinutes: 60, timeZone: 'Mars/Olympus' };
    const badZone = await graphql('mutation($input: MaintenanceWindowInput!) { defineMaintenanceWindow(input: $input) { id } }', { input: window });
    expect(badZone.errors?.[0]?.extensions?.code).toBe(ChangeErrorCode.UnknownTimeZone);
    const badRule = await graphql('mutation($input: MaintenanceWindowInput!) { defineMaintenanceWindow(input: $input) { id } }', { input: { ...window, timeZone: 'UTC', rrule: 'FREQ=NEVER' } });
    expect(badRule.errors?.[0]?.extensions?.code).toBe(ChangeErrorCode.InvalidRecurrence);
    const lists = await graphql('{ maintenanceWindows { id } blackoutWindows { id } }');
    expect(lists.data).toEqual({ maintenanceWindows: [], blackoutWindows: [] });
  });

  it('reports same CI, parent CI, outside maintenance window, blackout and assignee busy, each with its reason and the other change', async () => {
    const held = await schedule(await request('ci-db', 10, 12, { assigneeId: 'p-implementer' }));
    expect(held.state).toBe('scheduled');
    const sameCi = await request('ci-db', 11, 13);
    const parent = await request('ci-app', 11.5, 12.5);
    const busy = await request('ci-pay', 9, 10.5, { assigneeId: 'p-implementer' });
    expect(await conflictsOf(sameCi.id)).toEqual([expect.objectContaining({ kind: 'same_ci', otherChangeNumber: held.number, reason: expect.stringContaining(`${held.number} is scheduled on orders-db`) })]);
    expect(await conflictsOf(parent.id)).toEqual([expect.objectContaining({ kind: 'related_ci', otherChangeNumber: held.number, reason: expect.stringContaining('orders-db, a child of orders-app') })]);
    expect(await conflictsOf(busy.id)).toEqual([expect.objectContaining({ kind: 'assignee_busy', otherChangeNumber: held.number, reason: expect.stringContaining(`The assignee is already on ${held.number}`) })]);

    // web-1 may change only 02:00-04:00 UTC; a change at 10:00 is outside.
    const defined = await graphql('mutation($input: MaintenanceWindowInput!) { defineMaintenanceWindow(input: $input) { id } }', {
      input: { name: 'web nights', scope: 'ci', targetId: 'ci-web', rrule: 'FREQ=DAILY', firstStart: `${at(0).toISOString().slice(0, 10)}T02:00`, durationMinutes: 120, timeZone: 'UTC' },
    });
    const windowId = (defined.data?.['defineMaintenanceWindow'] as { id: string }).id;
    const ten = 24 + 10 - at(0).getUTCHours();
    const outside = await request('ci-web', ten, ten + 1);
    expect(await conflictsOf(outside.id)).toEqual([expect.objectContaining({ kind: 'outside_maintenance_window', windowId, reason: expect.stringContaining('not inside a maintenance window of web-1 (web nights)') })]);
    // The risk rule outside_maintenance_window gets the same answer from the calendar (ci-db has no window).
    const coverage = app.get(MaintenanceCoverage);
    expect(await coverage.outside(['ci-web', 'ci-db'], { start: at(ten), end: at(ten + 1) })).toEqual(['ci-web']);
    expect(await coverage.outside(['ci-web'], { start: at(ten - 8), end: at(ten - 7) })).toEqual([]);

    const declared = await graphql('mutation($input: BlackoutWindowInput!) { declareBlackout(input: $input) { id } }', {
      input: { name: 'Quarter close', reason: 'Finance closes the books', serviceIds: [], start: at(200).toISOString(), end: at(210).toISOString() },
    });
    const blackoutId = (declared.data?.['declareBlackout'] as { id: string }).id;
    const frozen = await request('ci-pay', 201, 202);
    expect(await conflictsOf(frozen.id)).toEqual([expect.objectContaining({ kind: 'blackout', windowId: blackoutId, reason: expect.stringContaining('Finance closes the books') })]);

    // Change.conflicts on a read, and the calendar view of the range.
    const read = await graphql('query($id: ID!) { change(id: $id) { conflicts { kind otherChangeNumber } } }', { id: sameCi.id });
    expect(read.data?.['change']).toEqual({ conflicts: [{ kind: 'same_ci', otherChangeNumber: held.number }] });
    const view = await graphql('query($from: DateTime!, $to: DateTime!) { changeCalendar(from: $from, to: $to) { changes { number } maintenanceWindows { windowId } blackouts { id } } }', { from: at(0).toISOString(), to: at(240).toISOString() });
    const calendar = view.data?.['changeCalendar'] as { changes: { number: string }[]; maintenanceWindows: { windowId: string }[]; blackouts: { id: string }[] };
    expect(calendar.changes.map((c) => c.number)).toEqual([held.number]);
    expect(calendar.maintenanceWindows.length).toBeGreaterThanOrEqual(9);
    expect(calendar.blackouts.map((b) => b.id)).toEqual([blackoutId]);
  });

  it('a change moved to the next conflict-free window has none', async () => {
    const held = await schedule(await request('ci-pay', 50, 52));
    const moving = await request('ci-pay', 51, 53);
    expect((await conflictsOf(moving.id)).map((c) => c.otherChangeNumber)).toEqual([held.number]);
    const answer = await graphql('query($id: ID!, $from: DateTime!) { nextConflictFreeWindow(changeId: $id, from: $from, limit: 3) { start end } }', { id: moving.id, from: at(50).toISOString() });
    const [next] = answer.data?.['nextConflictFreeWindow'] as unknown as { start: string; end: string }[];
    expect(next).toEqual({ start: at(52).toISOString(), end: at(54).toISOString() });
    await app.get(UpdateChangeHandler).execute(MANAGER, new UpdateChangeCommand(moving.id, { planned: { start: new Date(next?.start ?? ''), end: new Date(next?.end ?? '') } }));
    expect(await conflictsOf(moving.id)).toEqual([]);
  });

  it('refuses to schedule into a blackout (nothing written) unless an emergency change records an override reason', async () => {
    await graphql('mutation($input: BlackoutWindowInput!) { declareBlackout(input: $input) { id } }', {
      input: { name: 'Year-end freeze', reason: 'Trading peak', serviceIds: ['svc-shop'], start: at(300).toISOString(), end: at(320).toISOString() },
    });
    const normal = await request('ci-web', 302, 303, { serviceIds: ['svc-shop'] });
    await expect(schedule(normal)).rejects.toMatchObject({ code: ChangeErrorCode.Blackout, message: expect.stringContaining('Year-end freeze') });
    expect((await app.get(ChangeReads).byId(normal.id))?.state).toBe('authorize');

    const emergency = await request('ci-web', 304, 305, { model: 'emergency', serviceIds: ['svc-shop'] });
    await expect(schedule(emergency)).rejects.toMatchObject({ code: ChangeErrorCode.Blackout });
    const overridden = await graphql('mutation($id: ID!) { overrideBlackout(changeId: $id, reason: "Security patch for an exploited flaw") { blackoutOverrideReason } }', { id: emergency.id });
    expect(overridden.data?.['overrideBlackout']).toEqual({ blackoutOverrideReason: 'Security patch for an exploited flaw' });
    const scheduled = await app.get(AuthoriseChangeHandler).execute(new AuthoriseChangeCommand(emergency.id, 'p-cab-1', 'ECAB agreed'));
    expect(scheduled).toMatchObject({ state: 'scheduled', blackoutOverrideReason: 'Security patch for an exploited flaw' });
    const refusedOverride = await graphql('mutation($id: ID!) { overrideBlackout(changeId: $id, reason: "please") { id } }', { id: normal.id });
    expect(refusedOverride.errors?.[0]?.extensions?.code).toBe(ChangeErrorCode.IllegalTransition);
  });
});
