import { objectIdFromKey, PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import type { Loaded, SaveResult } from '@itsm/platform/persistence';
import { ChangeError, ChangeErrorCode } from '../../domain/change.errors';
import type { ChangeModel } from '../../domain/change.model';
import type { AgendaCandidate, CabMeeting, CabMeetingEvent } from '../../domain/cab';
import type { CabAgendaChanges, CabMeetingStore, ChangeAuthorisation } from '../ports/cab-stores.port';

/** CAB meetings in memory with the repository's rules (version check on save); `events` lists every event written. */
export class InMemoryCabMeetings implements CabMeetingStore {
  private readonly rows = new Map<string, { meeting: CabMeeting; version: number }>();
  readonly writes: { meeting: CabMeeting; events: readonly CabMeetingEvent[] }[] = [];

  load(id: string): Promise<Loaded<CabMeeting> | undefined> {
    const row = this.rows.get(id);
    return Promise.resolve(row === undefined ? undefined : { id: objectIdFromKey('fake', id), aggregate: row.meeting, version: row.version, unpublished: [], hasApplied: () => false });
  }

  save(loaded: Loaded<CabMeeting>, meeting: CabMeeting, events: readonly CabMeetingEvent[]): Promise<SaveResult> {
    const row = this.rows.get(meeting.id);
    if (row?.version !== loaded.version) return Promise.reject(new PersistenceError(PersistenceErrorCode.Conflict, `${meeting.id} changed`));
    this.rows.set(meeting.id, { meeting, version: row.version + 1 });
    this.writes.push({ meeting, events });
    return Promise.resolve({ status: 'saved', version: row.version + 1 });
  }

  create(meeting: CabMeeting): Promise<void> {
    if (this.rows.has(meeting.id)) return Promise.reject(new ChangeError(ChangeErrorCode.Conflict, `CAB meeting ${meeting.id} exists`));
    this.rows.set(meeting.id, { meeting, version: 1 });
    this.writes.push({ meeting, events: [] });
    return Promise.resolve();
  }

  byId(id: string): Promise<CabMeeting | undefined> {
    return Promise.resolve(this.rows.get(id)?.meeting);
  }

  list(includeInactive: boolean): Promise<readonly CabMeeting[]> {
    return Promise.resolve([...this.rows.values()].map((r) => r.meeting).filter((m) => includeInactive || m.active).sort((a, b) => a.name.localeCompare(b.name)));
  }

  events(): CabMeetingEvent[] {
    return this.writes.flatMap((w) => w.events);
  }
}

/**
 * The change store as CAB agendas read it, and the core's authorisation commands over the same
 * changes: authorise moves authorize -> scheduled, reject -> new; either refuses another state.
 */
export class InMemoryCabChanges implements CabAgendaChanges, ChangeAuthorisation {
  readonly changes = new Map<string, AgendaCandidate>();
  readonly calls: string[] = [];

  add(...candidates: AgendaCandidate[]): void {
    for (const c of candidates) this.changes.set(c.changeId, c);
  }

  awaitingAuthorisation(models: readonly ChangeModel[], limit: number): Promise<readonly AgendaCandidate[]> {
    return Promise.resolve([...this.changes.values()].filter((c) => c.state === 'authorize' && models.includes(c.model)).slice(0, limit));
  }

  byIds(ids: readonly string[]): Promise<readonly AgendaCandidate[]> {
    return Promise.resolve(ids.flatMap((id) => this.changes.get(id) ?? []));
  }

  authorise(changeId: string, by: string): Promise<void> {
    return this.move(changeId, 'scheduled', `authorise ${changeId} by ${by}`);
  }

  reject(changeId: string, by: string, reason: string): Promise<void> {
    return this.move(changeId, 'new', `reject ${changeId} by ${by}: ${reason}`);
  }

  private move(changeId: string, state: AgendaCandidate['state'], call: string): Promise<void> {
    const change = this.changes.get(changeId);
    if (change?.state !== 'authorize') return Promise.reject(new ChangeError(ChangeErrorCode.IllegalTransition, `${changeId} is not awaiting authorisation`));
    this.changes.set(changeId, { ...change, state });
    this.calls.push(call);
    return Promise.resolve();
  }
}
