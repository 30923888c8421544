import type { Clock } from '@itsm/platform/config';
import { objectIdFromKey, PersistenceError, PersistenceErrorCode } from '@itsm/platform/persistence';
import type { Loaded, SaveResult } from '@itsm/platform/persistence';
import type { DirectoryEvent, GroupRecord, Organisation, PersonAttributes, PersonRecord, ProvisioningClient } from '../../domain';
import { ChangeGroupMembersHandler } from '../commands/change-group-members/change-group-members.handler';
import { CreateGroupHandler } from '../commands/create-group/create-group.handler';
import { CreatePersonCommand } from '../commands/create-person/create-person.command';
import { CreatePersonHandler } from '../commands/create-person/create-person.handler';
import { DeleteGroupHandler } from '../commands/delete-group/delete-group.handler';
import { DeletePersonHandler } from '../commands/delete-person/delete-person.handler';
import { IssueProvisioningTokenHandler } from '../commands/issue-provisioning-token/issue-provisioning-token.handler';
import { ReplaceGroupHandler } from '../commands/replace-group/replace-group.handler';
import { ReplacePersonHandler } from '../commands/replace-person/replace-person.handler';
import { RevokeProvisioningTokenHandler } from '../commands/revoke-provisioning-token/revoke-provisioning-token.handler';
import { SaveOrganisationCommand } from '../commands/save-organisation/save-organisation.command';
import { SaveOrganisationHandler } from '../commands/save-organisation/save-organisation.handler';
import type { DirectoryActor } from '../directory-inputs';
import { DirectoryReferences } from '../directory-references.service';
import type { GroupStore, OrganisationStore, PersonRef, PersonStore, ProvisioningClientStore, UserNameClaim, UserNameClaimStore } from '../ports/directory-stores.port';
import { HashedTokenAuthenticator } from '../provisioning-client-authenticator.service';
import { UserNameClaims } from '../user-name-claims.service';

/** One committed write of a fake store: the state written and the events that came with it. */
export interface Write<A> {
  readonly aggregate: A;
  readonly events: readonly DirectoryEvent[];
}

/** Records by id with an optimistic version, as the platform repository keeps them; every committed write is recorded. */
class InMemoryAggregates<A extends { readonly id: string }> {
  readonly writes: Write<A>[] = [];
  private readonly rows = new Map<string, { aggregate: A; version: number }>();
  private interference: (() => void) | undefined;

  get(id: string): A | undefined {
    return this.rows.get(id)?.aggregate;
  }

  all(): A[] {
    return [...this.rows.values()].map((row) => row.aggregate);
  }

  /** Another writer's change, stored at once (not one of the writes under test). */
  put(aggregate: A): void {
    const row = this.rows.get(aggregate.id);
    this.rows.set(aggregate.id, { aggregate, version: (row?.version ?? 0) + 1 });
  }

  /** Runs `writer` just before the next save or create reaches the store: that write then loses the race. */
  beforeNextWrite(writer: () => void): void {
    this.interference = writer;
  }

  private interfere(): void {
    const interference = this.interference;
    this.interference = undefined;
    interference?.();
  }

  load(id: string): Promise<Loaded<A> | undefined> {
    const row = this.rows.get(id);
    if (row === undefined) return Promise.resolve(undefined);
    return Promise.resolve({ id: objectIdFromKey('fake', id), aggregate: row.aggregate, version: row.version, unpublished: [], hasApplied: () => false });
  }

  save(loaded: Loaded<A>, aggregate: A, events: readonly DirectoryEvent[]): Promise<SaveResult> {
    this.interfere();
    const row = this.rows.get(aggregate.id);
    if (row === undefined) return Promise.reject(new PersistenceError(PersistenceErrorCode.NotFound, `no ${aggregate.id}`));
    if (row.version !== loaded.version) return Promise.reject(new PersistenceError(PersistenceErrorCode.Conflict, `${aggregate.id} changed since version ${loaded.version}`));
    this.rows.set(aggregate.id, { aggregate, version: row.version + 1 });
    this.writes.push({ aggregate, events });
    return Promise.resolve({ status: 'saved', version: row.version + 1 });
  }

  create(aggregate: A, events: readonly DirectoryEvent[]): Promise<SaveResult> {
    this.interfere();
    if (this.rows.has(aggregate.id)) return Promise.reject(new PersistenceError(PersistenceErrorCode.AlreadyExists, `${aggregate.id} exists`));
    this.rows.set(aggregate.id, { aggregate, version: 1 });
    this.writes.push({ aggregate, events });
    return Promise.resolve({ status: 'saved', version: 1 });
  }

  /** Every event written, in order. */
  events(): DirectoryEvent[] {
    return this.writes.flatMap((write) => write.events);
  }
}

export class InMemoryPersonStore extends InMemoryAggregates<PersonRecord> implements PersonStore {
  existing(ids: readonly string[]): Promise<PersonRef[]> {
    return Promise.resolve(ids.flatMap((id) => {
      const person = this.get(id);
      return person === undefined || person.deleted ? [] : [{ id, organisationId: person.organisationId }];
    }));
  }
}

export class InMemoryGroupStore extends InMemoryAggregates<GroupRecord> implements GroupStore {
  idsOfMember(personId: string): Promise<string[]> {
    return Promise.resolve(this.all().filter((g) => !g.deleted && g.memberIds.includes(personId)).map((g) => g.id).sort());
  }
}

export class InMemoryOrganisationStore extends InMemoryAggregates<Organisation> implements OrganisationStore {}

export class InMemoryClaimStore implements UserNameClaimStore {
  readonly claims = new Map<string, UserNameClaim>();

  claim(key: string, personId: string, at: Date): Promise<UserNameClaim | undefined> {
    const holder = this.claims.get(key);
    if (holder !== undefined) return Promise.resolve(holder);
    this.claims.set(key, { personId, claimedAt: at });
    return Promise.resolve(undefined);
  }

  takeOver(key: string, stale: UserNameClaim, personId: string, at: Date): Promise<boolean> {
    const holder = this.claims.get(key);
    if (holder?.personId !== stale.personId || holder.claimedAt.getTime() !== stale.claimedAt.getTime()) return Promise.resolve(false);
    this.claims.set(key, { personId, claimedAt: at });
    return Promise.resolve(true);
  }

  release(key: string, personId: string): Promise<void> {
    if (this.claims.get(key)?.personId === personId) this.claims.delete(key);
    return Promise.resolve();
  }
}

export class InMemoryProvisioningClientStore implements ProvisioningClientStore {
  readonly clients = new Map<string, { client: ProvisioningClient; tokenHash: string }>();

  insert(client: ProvisioningClient, tokenHash: string): Promise<void> {
    this.clients.set(client.id, { client, tokenHash });
    return Promise.resolve();
  }

  revoke(id: string, at: Date): Promise<ProvisioningClient | undefined> {
    const row = this.clients.get(id);
    if (row === undefined) return Promise.resolve(undefined);
    const client = row.client.revokedAt === null ? { ...row.client, revokedAt: at } : row.client;
    this.clients.set(id, { ...row, client });
    return Promise.resolve(client);
  }

  list(): Promise<ProvisioningClient[]> {
    return Promise.resolve([...this.clients.values()].map((row) => row.client));
  }

  byTokenHash(tokenHash: string): Promise<ProvisioningClient | undefined> {
    return Promise.resolve([...this.clients.values()].find((row) => row.tokenHash === tokenHash)?.client);
  }
}

/** A clock that says `at` until moved. */
export class TestClock implements Clock {
  constructor(private at: Date) {}

  now(): Date {
    return new Date(this.at.getTime());
  }

  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

export const ADMIN: DirectoryActor = { by: 'u-admin' };

/** A person's attributes with defaults (active, no contacts). */
export function personInput(userName: string, extra: Partial<PersonAttributes> = {}): PersonAttributes {
  return {
    userName,
    displayName: `Person ${userName}`,
    emails: [],
    phones: [],
    chatHandle: null,
    timeZone: null,
    locale: null,
    title: null,
    department: null,
    employeeNumber: null,
    managerId: null,
    organisationId: null,
    roles: [],
    active: true,
    externalId: null,
    ...extra,
  };
}

/** A test directory: in-memory stores, a clock that stands still, every handler wired as DirectoryModule wires it. */
export function inMemoryDirectory(start = new Date('2031-03-04T05:06:07.000Z')) {
  const people = new InMemoryPersonStore();
  const groups = new InMemoryGroupStore();
  const organisations = new InMemoryOrganisationStore();
  const claims = new InMemoryClaimStore();
  const clients = new InMemoryProvisioningClientStore();
  const clock = new TestClock(start);
  const userNames = new UserNameClaims(claims, people);
  const references = new DirectoryReferences(organisations, people);
  const handlers = {
    createPerson: new CreatePersonHandler(people, userNames, references, clock),
    replacePerson: new ReplacePersonHandler(people, userNames, references, clock),
    deletePerson: new DeletePersonHandler(people, groups, userNames, clock),
    createGroup: new CreateGroupHandler(groups, references, clock),
    replaceGroup: new ReplaceGroupHandler(groups, references, clock),
    changeGroupMembers: new ChangeGroupMembersHandler(groups, references, clock),
    deleteGroup: new DeleteGroupHandler(groups, clock),
    saveOrganisation: new SaveOrganisationHandler(organisations, clock),
    issueToken: new IssueProvisioningTokenHandler(clients, references, clock),
    revokeToken: new RevokeProvisioningTokenHandler(clients, clock),
    authenticator: new HashedTokenAuthenticator(clients),
  };
  return {
    people,
    groups,
    organisations,
    claims,
    clients,
    clock,
    ...handlers,
    /** An organisation saved by the admin. */
    organisation: (id: string, kind: Organisation['kind'] = 'customer', parentId: string | null = null) =>
      handlers.saveOrganisation.execute(new SaveOrganisationCommand(ADMIN, { id, name: `Org ${id}`, kind, parentId, active: true })),
    /** A person created by `actor` (the admin by default). */
    person: (userName: string, extra: Partial<PersonAttributes> = {}, actor: DirectoryActor = ADMIN, id?: string) => handlers.createPerson.execute(new CreatePersonCommand(actor, personInput(userName, extra), id)),
  };
}

export type InMemoryDirectory = ReturnType<typeof inMemoryDirectory>;
