import type { INestApplication } from '@nestjs/common';
import {
  RequestChangeAuthorisationCommand,
  RequestChangeAuthorisationHandler,
  RequestChangeCommand,
  RequestChangeHandler,
  SubmitChangeForAssessmentCommand,
  SubmitChangeForAssessmentHandler,
} from '../application/commands';
import { DeclareBlackoutCommand, DeclareBlackoutHandler, DefineMaintenanceWindowCommand, DefineMaintenanceWindowHandler } from '../application/commands/calendar-commands';
import type { ChangeDemoWorld } from './demo-references';

const PLANS = { implementation: 'Rolling restart behind the load balancer.', backout: 'Put the node back in the pool as it was.', test: 'Health checks green.' };

/** The year-end freeze around `now`: 20 December to 3 January (the current one, else the next). */
export function yearEndFreeze(now: Date): { start: Date; end: Date } {
  const year = now.getUTCFullYear();
  const endThisWinter = Date.UTC(year, 0, 3);
  return now.getTime() < endThisWinter ? { start: new Date(Date.UTC(year - 1, 11, 20)), end: new Date(endThisWinter) } : { start: new Date(Date.UTC(year, 11, 20)), end: new Date(Date.UTC(year + 1, 0, 3)) };
}

/**
 * The calendar's demo: maintenance windows (the Web shop's Saturday nights in Berlin, web-01's
 * nights), a global year-end freeze with its reason, and one conflicting pair (two changes on web-02
 * in overlapping windows: the first awaiting authorisation holds its window, the second is new), all
 * through the same use cases as the API. Seeded after the demo changes (a freeze never refuses them).
 */
export async function seedDemoCalendar(app: INestApplication, world: ChangeDemoWorld): Promise<ReadonlyMap<string, string>> {
  const ids = new Map<string, string>();
  const define = app.get(DefineMaintenanceWindowHandler);
  const firstDay = world.now.toISOString().slice(0, 10);
  const shop = await define.execute(
    new DefineMaintenanceWindowCommand({ name: 'Web shop Saturday night', scope: 'service', targetId: world.ci('Web shop'), rrule: 'FREQ=WEEKLY;BYDAY=SA', firstStart: `${firstDay}T22:00`, durationMinutes: 6 * 60, timeZone: 'Europe/Berlin' }),
  );
  ids.set('window-web-shop', shop.id);
  const nights = await define.execute(
    new DefineMaintenanceWindowCommand({ name: 'web-01 nightly', scope: 'ci', targetId: world.ci('web-01'), rrule: 'FREQ=DAILY', firstStart: `${firstDay}T23:00`, durationMinutes: 4 * 60, timeZone: 'Europe/Berlin' }),
  );
  ids.set('window-web-01', nights.id);
  const freeze = await app.get(DeclareBlackoutHandler).execute(
    new DeclareBlackoutCommand({ name: 'Year-end freeze', reason: 'Year-end trading peak and financial close: emergency changes only', serviceIds: [], ...yearEndFreeze(world.now) }),
  );
  ids.set('freeze', freeze.id);

  const request = (title: string, from: number, to: number) =>
    app.get(RequestChangeHandler).execute(
      world.manager,
      new RequestChangeCommand({ model: 'normal', title, description: 'Demo change (conflicting pair).', assignmentGroupId: world.group('hosting-ops'), assigneeId: null, configurationItemIds: [world.ci('web-02')], serviceIds: [], plans: PLANS, planned: { start: world.at(from), end: world.at(to) } }),
    );
  const first = await request('Patch web-02 kernel', 24 * 5, 24 * 5 + 2);
  await app.get(SubmitChangeForAssessmentHandler).execute(world.manager, new SubmitChangeForAssessmentCommand(first.id));
  await app.get(RequestChangeAuthorisationHandler).execute(world.manager, new RequestChangeAuthorisationCommand(first.id));
  const second = await request('Rotate web-02 TLS certificates', 24 * 5 + 1, 24 * 5 + 3);
  ids.set('conflict-held', first.id);
  ids.set('conflict-new', second.id);
  return ids;
}
