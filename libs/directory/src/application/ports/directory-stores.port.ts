import type { AggregateStore, SaveResult } from '@itsm/platform/persistence';
import type { DirectoryEvent, GroupRecord, Organisation, PersonRecord, ProvisioningClient } from '../../domain';

/*
 * The small store ports the directory's handlers depend on: the module binds each token to its
 * repository, handler unit tests to in-memory fakes (application/test-fixtures).
 */

export const PERSON_STORE = Symbol('PERSON_STORE');
export const USER_NAME_CLAIM_STORE = Symbol('USER_NAME_CLAIM_STORE');
export const GROUP_STORE = Symbol('GROUP_STORE');
export const ORGANISATION_STORE = Symbol('ORGANISATION_STORE');
export const PROVISIONING_CLIENT_STORE = Symbol('PROVISIONING_CLIENT_STORE');

/** A live person's id and organisation (what membership and manager checks need). */
export interface PersonRef {
  readonly id: string;
  readonly organisationId: string | null;
}

/** People: state and events (outbox) in one document write; tombstones keep deleted ids. */
export interface PersonStore extends AggregateStore<PersonRecord, DirectoryEvent> {
  /** Inserts a new person with its events; PERSISTENCE.ALREADY_EXISTS when its id is taken (a tombstone's too). */
  create(person: PersonRecord, events: readonly DirectoryEvent[]): Promise<SaveResult>;
  /** The live (not deleted) people among `ids`. */
  existing(ids: readonly string[]): Promise<PersonRef[]>;
}

/** Who holds a userName key, since when. */
export interface UserNameClaim {
  readonly personId: string;
  readonly claimedAt: Date;
}

/**
 * One record per lower-cased userName whose identity derives from the key, so two writers cannot
 * both hold it (the one uniqueness every MongoDB peer enforces is `_id`'s).
 */
export interface UserNameClaimStore {
  /** Takes the key for the person: undefined when taken now, else the claim that holds it (possibly the person's own). */
  claim(key: string, personId: string, at: Date): Promise<UserNameClaim | undefined>;
  /** Moves a stale claim to the person, only if it is still exactly `stale`; false when someone else moved it first. */
  takeOver(key: string, stale: UserNameClaim, personId: string, at: Date): Promise<boolean>;
  /** Gives the key back, only if the person still holds it. */
  release(key: string, personId: string): Promise<void>;
}

/** Groups (members inside the document): state and events in one write; deleted groups stay as tombstones. */
export interface GroupStore extends AggregateStore<GroupRecord, DirectoryEvent> {
  create(group: GroupRecord, events: readonly DirectoryEvent[]): Promise<SaveResult>;
  /** The ids of the live groups the person is a member of. */
  idsOfMember(personId: string): Promise<string[]>;
}

export interface OrganisationStore extends AggregateStore<Organisation, DirectoryEvent> {
  create(organisation: Organisation, events: readonly DirectoryEvent[]): Promise<SaveResult>;
}

/** Provisioning clients with the SHA-256 hash of their token (never the token). */
export interface ProvisioningClientStore {
  insert(client: ProvisioningClient, tokenHash: string): Promise<void>;
  /** Marks the client revoked (kept at its first revocation time); undefined when there is no such client. */
  revoke(id: string, at: Date): Promise<ProvisioningClient | undefined>;
  list(): Promise<ProvisioningClient[]>;
  byTokenHash(tokenHash: string): Promise<ProvisioningClient | undefined>;
}
