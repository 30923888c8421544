import type { EventEnvelope } from '@itsm/contracts';
import type { Loaded, SaveResult } from '@itsm/platform/persistence';
import { PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import { Types } from 'mongoose';
import { appendAudit, ChangeError, ChangeErrorCode } from '../../domain';
import type { AuditEntry, Change, ChangeEvent, ChangeScope, ChangeTemplate, TemplateState } from '../../domain';
import type { ChangeListFilter, ChangePage, ChangeStore } from '../ports/change-store.port';
import { ChangeNumbers, ChangeReads, TemplateStore } from '../ports/change-store.port';
import { sequenceOfNumber } from '../change-ids';

/**
 * Changes in memory with ChangeRepository's rules that handlers rely on: optimistic versions (a
 * stale save is CONFLICT), the audit chain appended per saved event, the list's scope and filters.
 * `loseNextSave` makes the next save lose the race to a writer that applies `change` first.
 */
export class InMemoryChanges extends ChangeReads implements ChangeStore {
  readonly items = new Map<string, { change: Change; audit: AuditEntry[]; version: number }>();
  readonly saved: { readonly id: string; readonly events: readonly ChangeEvent[] }[] = [];
  private races: ((current: Change) => Change)[] = [];

  loseNextSave(change: (current: Change) => Change): this {
    this.races.push(change);
    return this;
  }

  load(id: string): Promise<Loaded<Change> | undefined> {
    const item = this.items.get(id);
    if (item === undefined) return Promise.resolve(undefined);
    return Promise.resolve({ id: new Types.ObjectId(), aggregate: item.change, version: item.version, unpublished: [], hasApplied: () => false });
  }

  create(change: Change, events: readonly ChangeEvent[]): Promise<SaveResult> {
    if (this.items.has(change.id)) return Promise.reject(new PersistenceError(PersistenceErrorCode.AlreadyExists, change.id));
    this.items.set(change.id, { change, audit: appendAudit([], events), version: 1 });
    this.saved.push({ id: change.id, events });
    return Promise.resolve({ status: 'saved', version: 1 });
  }

  save(loaded: Loaded<Change>, change: Change, events: readonly ChangeEvent[], _consumed?: EventEnvelope): Promise<SaveResult> {
    const item = this.items.get(change.id);
    if (item === undefined) return Promise.reject(new PersistenceError(PersistenceErrorCode.NotFound, change.id));
    const race = this.races.shift();
    if (race !== undefined) {
      this.items.set(change.id, { ...item, change: race(item.change), version: item.version + 1 });
      return Promise.reject(new PersistenceError(PersistenceErrorCode.Conflict, 'lost the race'));
    }
    if (item.version !== loaded.version) return Promise.reject(new PersistenceError(PersistenceErrorCode.Conflict, 'stale'));
    this.items.set(change.id, { change, audit: appendAudit(item.audit, events), version: item.version + 1 });
    this.saved.push({ id: change.id, events });
    return Promise.resolve({ status: 'saved', version: item.version + 1 });
  }

  /** The types of the events saved, in order. */
  savedTypes(): string[] {
    return this.saved.flatMap((s) => s.events.map((e) => e.type));
  }

  byId(id: string): Promise<Change | undefined> {
    return Promise.resolve(this.items.get(id)?.change);
  }

  byNumber(number: string): Promise<Change | undefined> {
    return Promise.resolve([...this.items.values()].find((i) => i.change.number === number)?.change);
  }

  audit(id: string): Promise<readonly AuditEntry[] | undefined> {
    return Promise.resolve(this.items.get(id)?.audit);
  }

  list(scope: ChangeScope, filter: ChangeListFilter, first: number, afterSeq: number | undefined): Promise<ChangePage> {
    const matching = [...this.items.values()]
      .map((i) => i.change)
      .filter((c) => inScope(scope, c) && matches(filter, c) && (afterSeq === undefined || sequenceOfNumber(c.number) < afterSeq))
      .sort((a, b) => sequenceOfNumber(b.number) - sequenceOfNumber(a.number));
    return Promise.resolve({ items: matching.slice(0, first), hasNextPage: matching.length > first });
  }
}

function inScope(scope: ChangeScope, c: Change): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'group':
      return c.assignmentGroupId === scope.groupId;
    case 'assigned-org':
      return c.assignedOrgId === scope.orgId;
    case 'requester':
      return c.requesterId === scope.requesterId;
    case 'assignee':
      return c.assigneeId === scope.assigneeId;
  }
}

function matches(f: ChangeListFilter, c: Change): boolean {
  return (
    (f.states === undefined || f.states.length === 0 || f.states.includes(c.state)) &&
    (f.models === undefined || f.models.length === 0 || f.models.includes(c.model)) &&
    (f.risks === undefined || f.risks.length === 0 || (c.risk !== null && f.risks.includes(c.risk.level))) &&
    (f.assignmentGroupId === undefined || c.assignmentGroupId === f.assignmentGroupId) &&
    (f.assigneeId === undefined || c.assigneeId === f.assigneeId) &&
    (f.requesterId === undefined || c.requesterId === f.requesterId) &&
    (f.configurationItemId === undefined || c.configurationItemIds.includes(f.configurationItemId)) &&
    (f.serviceId === undefined || c.serviceIds.includes(f.serviceId)) &&
    (f.plannedTo === undefined || (c.planned !== null && c.planned.start < f.plannedTo)) &&
    (f.plannedFrom === undefined || (c.planned !== null && c.planned.end > f.plannedFrom))
  );
}

export class InMemoryTemplates extends TemplateStore {
  readonly items = new Map<string, ChangeTemplate>();

  byId(id: string): Promise<ChangeTemplate | undefined> {
    return Promise.resolve(this.items.get(id));
  }

  create(template: ChangeTemplate): Promise<void> {
    if (this.items.has(template.id)) return Promise.reject(new ChangeError(ChangeErrorCode.Conflict, template.id));
    this.items.set(template.id, template);
    return Promise.resolve();
  }

  save(template: ChangeTemplate, expectedVersion: number): Promise<void> {
    if (this.items.get(template.id)?.version !== expectedVersion) return Promise.reject(new ChangeError(ChangeErrorCode.Conflict, template.id));
    this.items.set(template.id, template);
    return Promise.resolve();
  }

  list(state: TemplateState | undefined, first: number, afterName: string | undefined): Promise<readonly ChangeTemplate[]> {
    const key = (t: ChangeTemplate) => `${t.name.toLowerCase()}\u0000${t.id}`;
    return Promise.resolve(
      [...this.items.values()]
        .filter((t) => (state === undefined || t.state === state) && (afterName === undefined || key(t) > afterName))
        .sort((a, b) => (key(a) < key(b) ? -1 : 1))
        .slice(0, first),
    );
  }
}

/** CHG numbers from 1000, as the platform's sequence hands them out. */
export class InMemoryChangeNumbers extends ChangeNumbers {
  private value = 999;

  next(prefix: 'CHG'): Promise<string> {
    this.value += 1;
    return Promise.resolve(`${prefix}${String(this.value).padStart(7, '0')}`);
  }
}
