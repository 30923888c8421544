/**
 * Spec-only in-memory fakes of the SLA store ports and timers, and the application pieces wired on
 * them (no I/O): what the handler specs run against. Imported by specs only.
 */
import type { EventEnvelope } from '@itsm/contracts';
import { PersistenceError, PersistenceErrorCode, streamKey } from '@itsm/platform/persistence';
import { ManualTime } from '@itsm/platform/scheduling';
import type { BusinessCalendarSpec, CallerTimeZone, SlaDefinition, TicketType } from '../../domain';
import { timeZoneKey } from '../../domain';
import type { SlaPolicyStore, SlaTicket, SlaTicketStore, SlaTimeZoneStore, TimeZoneSubject, Versioned } from '../../persistence';
import { ClockProjector } from '../clock-projector';
import { SlaPolicySet } from '../sla-policy-set';
import type { SlaTimers } from '../sla-timers.port';
import type { ArmRequest } from '../timers/armed-ticket';

/** A Monday morning, 2030 (no spec depends on today's date). */
export const NOW = Date.UTC(2030, 2, 4, 9);

export class InMemorySlaPolicies implements SlaPolicyStore, SlaTimeZoneStore {
  readonly calendars = new Map<string, Versioned<BusinessCalendarSpec>>();
  readonly definitions = new Map<string, Versioned<SlaDefinition>>();
  readonly zones = new Map<string, string>();
  /** Saves that reached the store (accepted or not). */
  writes = 0;
  current = 0;
  /** The next save loses to a concurrent writer (answers false). */
  loseNextSave = false;

  seedCalendar(spec: BusinessCalendarSpec, version = 1): void {
    this.calendars.set(spec.id, { value: spec, version, updatedBy: 'seed', updatedAt: new Date(0) });
  }

  seedDefinition(definition: SlaDefinition, version = 1): void {
    this.definitions.set(definition.id, { value: definition, version, updatedBy: 'seed', updatedAt: new Date(0) });
  }

  listCalendars(): Promise<Versioned<BusinessCalendarSpec>[]> {
    return Promise.resolve([...this.calendars.values()]);
  }

  listDefinitions(): Promise<Versioned<SlaDefinition>[]> {
    return Promise.resolve([...this.definitions.values()]);
  }

  saveCalendar(spec: BusinessCalendarSpec, expectedVersion: number, by: string, at: Date): Promise<boolean> {
    return Promise.resolve(this.save(this.calendars, spec.id, spec, expectedVersion, by, at));
  }

  saveDefinition(definition: SlaDefinition, expectedVersion: number, by: string, at: Date): Promise<boolean> {
    return Promise.resolve(this.save(this.definitions, definition.id, definition, expectedVersion, by, at));
  }

  revision(): Promise<number> {
    return Promise.resolve(this.current);
  }

  bumpRevision(): Promise<void> {
    this.current += 1;
    return Promise.resolve();
  }

  setTimeZone(subject: TimeZoneSubject, id: string, timeZone: string): Promise<void> {
    this.zones.set(`${subject}:${timeZoneKey(subject, id)}`, timeZone);
    return Promise.resolve();
  }

  timeZoneOf(subject: TimeZoneSubject, id: string): Promise<string | null> {
    return Promise.resolve(this.zones.get(`${subject}:${timeZoneKey(subject, id)}`) ?? null);
  }

  /** Per caller key: the person whose events set it and the last sequence applied per stream. */
  private readonly callers = new Map<string, { personId: string | null; applied: Map<string, number> }>();

  followCallerZone(caller: CallerTimeZone, event: Pick<EventEnvelope, 'source' | 'subject' | 'sequence'>): Promise<'applied' | 'duplicate'> {
    const stream = streamKey(event);
    const newer = (key: string) => (this.callers.get(key)?.applied.get(stream) ?? 0) < event.sequence;
    const record = (key: string, personId: string | null) => {
      const applied = new Map(this.callers.get(key)?.applied ?? []).set(stream, event.sequence);
      this.callers.set(key, { personId, applied });
    };
    for (const [key, held] of this.callers) {
      if (held.personId === caller.personId && key !== caller.userName && newer(key)) {
        this.zones.delete(`user:${key}`);
        record(key, null);
      }
    }
    if (!newer(caller.userName)) return Promise.resolve('duplicate');
    if (caller.timeZone === null) this.zones.delete(`user:${caller.userName}`);
    else this.zones.set(`user:${caller.userName}`, caller.timeZone);
    record(caller.userName, caller.personId);
    return Promise.resolve('applied');
  }

  private save<T>(into: Map<string, Versioned<T>>, id: string, value: T, expectedVersion: number, by: string, at: Date): boolean {
    this.writes += 1;
    if (this.loseNextSave) {
      this.loseNextSave = false;
      return false;
    }
    if ((into.get(id)?.version ?? 0) !== expectedVersion) return false;
    into.set(id, { value, version: expectedVersion + 1, updatedBy: by, updatedAt: at });
    return true;
  }
}

export class InMemorySlaTickets implements SlaTicketStore {
  readonly tickets = new Map<string, SlaTicket>();
  /** Every accepted save, in order. */
  readonly saved: SlaTicket[] = [];
  /** The events accepted saves wrote to the outboxes, in order. */
  readonly outbox: EventEnvelope[] = [];

  put(ticket: SlaTicket): void {
    this.tickets.set(`${ticket.timeline.ticketType}:${ticket.timeline.ticketId}`, ticket);
  }

  find(ticketType: TicketType, ticketId: string): Promise<SlaTicket | undefined> {
    return Promise.resolve(this.tickets.get(`${ticketType}:${ticketId}`));
  }

  save(ticket: SlaTicket, events: readonly EventEnvelope[] = []): Promise<number> {
    const key = `${ticket.timeline.ticketType}:${ticket.timeline.ticketId}`;
    if ((this.tickets.get(key)?.version ?? 0) !== ticket.version) {
      return Promise.reject(new PersistenceError(PersistenceErrorCode.Conflict, `${key} changed concurrently`));
    }
    const stored = { ...ticket, version: ticket.version + 1 };
    this.tickets.set(key, stored);
    this.saved.push(stored);
    this.outbox.push(...events);
    return Promise.resolve(stored.version);
  }

  async *openTickets(): AsyncGenerator<SlaTicket> {
    for (const t of [...this.tickets.values()]) if (t.open) yield await Promise.resolve(t);
  }

  async *openTicketsOf(partitions: readonly number[]): AsyncGenerator<SlaTicket> {
    for (const t of [...this.tickets.values()]) if (t.open && partitions.includes(t.partition)) yield await Promise.resolve(t);
  }
}

/** Records what would be armed; owns every partition, loaded at once. */
export class FakeSlaTimers implements SlaTimers {
  readonly armed: ArmRequest[] = [];

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  ownedPartitions(): number[] {
    return [0];
  }

  claimedKeys(): Promise<Set<string>> {
    return Promise.resolve(new Set());
  }

  arm(request: ArmRequest): void {
    this.armed.push(request);
  }
}

/** The application pieces on the fakes, with `calendars` and `definitions` in force. */
export async function slaHarness(calendars: readonly BusinessCalendarSpec[] = [], definitions: readonly SlaDefinition[] = []) {
  const clock = new ManualTime(NOW);
  const policies = new InMemorySlaPolicies();
  for (const c of calendars) policies.seedCalendar(c);
  for (const d of definitions) policies.seedDefinition(d);
  const tickets = new InMemorySlaTickets();
  const timers = new FakeSlaTimers();
  const policySet = new SlaPolicySet(policies);
  await policySet.refresh();
  const projector = new ClockProjector(tickets, policies, policySet, timers, clock);
  return { clock, policies, tickets, timers, policySet, projector };
}
