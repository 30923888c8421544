import { Inject, Injectable } from '@nestjs/common';
import type { BusinessCalendarSpec, CompiledCalendar, SlaDefinition } from '../domain';
import { compileCalendar } from '../domain';
import type { Versioned } from '../persistence';
import { SlaPolicyStore } from '../persistence';

export type PolicySetListener = () => Promise<void>;

/**
 * The definitions and calendars in force, held in memory (every clock derivation reads them) and
 * reloaded when the stored policy set revision moves. Compiled calendars are cached per
 * (calendar, version, zone): their day caches are what make deadline computations cheap.
 */
@Injectable()
export class SlaPolicySet {
  private revision = -1;
  private definitions: Versioned<SlaDefinition>[] = [];
  private calendars = new Map<string, Versioned<BusinessCalendarSpec>>();
  private compiled = new Map<string, CompiledCalendar>();
  private readonly listeners: PolicySetListener[] = [];

  constructor(@Inject(SlaPolicyStore) private readonly repository: SlaPolicyStore) {}

  onChange(listener: PolicySetListener): void {
    this.listeners.push(listener);
  }

  /** Reloads when the stored revision differs; answers whether it did. Listeners run after a reload. */
  async refresh(): Promise<boolean> {
    const revision = await this.repository.revision();
    if (revision === this.revision) return false;
    const [definitions, calendars] = await Promise.all([this.repository.listDefinitions(), this.repository.listCalendars()]);
    this.definitions = definitions;
    this.calendars = new Map(calendars.map((c) => [c.value.id, c]));
    this.compiled.clear();
    const first = this.revision === -1;
    this.revision = revision;
    if (!first) for (const listener of this.listeners) await listener();
    return true;
  }

  activeDefinitions(): SlaDefinition[] {
    return this.definitions.map((d) => d.value).filter((d) => d.active);
  }

  listDefinitions(): readonly Versioned<SlaDefinition>[] {
    return this.definitions;
  }

  listCalendars(): Versioned<BusinessCalendarSpec>[] {
    return [...this.calendars.values()];
  }

  definition(id: string): Versioned<SlaDefinition> | undefined {
    return this.definitions.find((d) => d.value.id === id);
  }

  calendar(id: string): Versioned<BusinessCalendarSpec> | undefined {
    return this.calendars.get(id);
  }

  hasCalendar = (id: string): boolean => this.calendars.has(id);

  /** The compiled calendar for a zone; `overrides` lets a dry run use a proposed calendar. */
  calendarFor = (calendarId: string, timeZone: string, overrides?: ReadonlyMap<string, BusinessCalendarSpec>): CompiledCalendar => {
    const override = overrides?.get(calendarId);
    if (override !== undefined) return compileCalendar(override, timeZone);
    const stored = this.calendars.get(calendarId);
    if (stored === undefined) throw new Error(`SLA calendar ${calendarId} is not loaded`);
    const key = `${calendarId}\u0000${stored.version}\u0000${timeZone}`;
    let compiled = this.compiled.get(key);
    if (compiled === undefined) {
      compiled = compileCalendar(stored.value, timeZone);
      this.compiled.set(key, compiled);
    }
    return compiled;
  };
}
