import { compileMaintenanceWindow } from '@itsm/change';
import type { BlackoutWindow, CompiledMaintenanceWindow, ConflictSubject, ScheduledChange } from '@itsm/change';
import { seededRandom } from '@itsm/testing';
import type { Topology } from '@itsm/bench-cmdb';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** The bench's year (fixed: the bench is deterministic; nothing reads the clock). */
export const YEAR_START = Date.UTC(2031, 0, 1);
export const YEAR_END = Date.UTC(2032, 0, 1);

const ZONES = ['Europe/Berlin', 'Europe/London', 'Europe/Paris', 'Europe/Amsterdam', 'America/New_York', 'UTC'];
/** Classes whose every CI is governed by a class window (a database's night, a network device's weekend). */
const CLASS_WINDOWS = ['database', 'network_device'];

export interface Scenario {
  readonly changes: readonly ScheduledChange[];
  readonly windows: readonly CompiledMaintenanceWindow[];
  readonly blackouts: readonly BlackoutWindow[];
  /** CI ids changes and checks draw from (everything but locations). */
  readonly pool: readonly string[];
  readonly services: readonly string[];
  readonly people: readonly string[];
}

export interface ScenarioSize {
  readonly changes: number;
  readonly windows: number;
  readonly blackouts: number;
  readonly people: number;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * 10,000 held windows over the year (1-5 CIs, 1-8 h, an assignee of 500), 2,000 maintenance
 * windows in six European and US zones (60% nightly, 8-12 h from 18:00-21:00 local; 40% a weekend
 * from Friday or Saturday 20:00, 48 h; 90% per CI, 9.9% per application service, 0.1% per CI class:
 * databases or network devices), blackouts (two global: a quarter close and the year-end freeze;
 * the rest for three application services each, 1-5 days). Seeded.
 */
export function generateScenario(topology: Topology, size: ScenarioSize, seed: number): Scenario {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const pool = topology.cis.filter((ci) => ci.classId !== 'location').map((ci) => ci.id);
  const services = topology.cis.filter((ci) => ci.classId === 'application_service').map((ci) => ci.id);
  const people = Array.from({ length: size.people }, (_, i) => `person-${pad(i, 4)}`);
  const changes: ScheduledChange[] = [];
  for (let i = 0; i < size.changes; i += 1) {
    const start = YEAR_START + Math.floor(random() * ((YEAR_END - YEAR_START) / (15 * 60_000))) * 15 * 60_000;
    const cis = Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(pool));
    changes.push({ id: `chg-${i}`, number: `CHG${pad(1000 + i, 7)}`, configurationItemIds: cis, assigneeId: pick(people), start, end: start + (1 + Math.floor(random() * 8)) * HOUR_MS });
  }
  const windows: CompiledMaintenanceWindow[] = [];
  for (let i = 0; i < size.windows; i += 1) {
    const r = random();
    const [scope, targetId] = r < 0.9 ? (['ci', pick(pool)] as const) : r < 0.999 ? (['service', pick(services)] as const) : (['ci_class', pick(CLASS_WINDOWS)] as const);
    const nightly = random() < 0.6;
    windows.push(
      compileMaintenanceWindow(`mw-${i}`, {
        name: `${scope} window ${i}`, scope, targetId,
        rrule: nightly ? 'FREQ=DAILY' : `FREQ=WEEKLY;BYDAY=${pick(['FR', 'SA'])}`,
        firstStart: `2030-12-${pad(1 + Math.floor(random() * 28), 2)}T${pad(nightly ? 18 + Math.floor(random() * 4) : 20, 2)}:00`,
        durationMinutes: nightly ? (8 + Math.floor(random() * 5)) * 60 : 48 * 60,
        timeZone: pick(ZONES),
      }),
    );
  }
  const at = new Date(YEAR_START);
  const blackout = (id: string, name: string, reason: string, serviceIds: string[], start: number, end: number): BlackoutWindow => ({ id, name, reason, serviceIds, start: new Date(start), end: new Date(end), createdAt: at, updatedAt: at, version: 1 });
  const blackouts: BlackoutWindow[] = [
    blackout('bo-q3', 'Q3 close', 'Quarter-end financial close', [], Date.UTC(2031, 8, 28), Date.UTC(2031, 9, 3)),
    blackout('bo-ye', 'Year-end freeze', 'Year-end trading peak and financial close', [], Date.UTC(2031, 11, 15), Date.UTC(2032, 0, 5)),
  ];
  for (let i = blackouts.length; i < size.blackouts; i += 1) {
    const start = YEAR_START + Math.floor(random() * 360) * DAY_MS;
    blackouts.push(blackout(`bo-${i}`, `Service freeze ${i}`, 'Release freeze for a product launch', [pick(services), pick(services), pick(services)], start, start + (1 + Math.floor(random() * 5)) * DAY_MS));
  }
  return { changes, windows, blackouts, pool, services, people };
}

/** A change to check: `ciCount` CIs, two affected services, an assignee. */
export function subjectOf(scenario: Scenario, random: () => number, ciCount: number, id: string): ConflictSubject {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return {
    changeId: id,
    configurationItemIds: Array.from({ length: ciCount }, () => pick(scenario.pool)),
    serviceIds: [pick(scenario.services), pick(scenario.services)],
    assigneeId: pick(scenario.people),
  };
}
