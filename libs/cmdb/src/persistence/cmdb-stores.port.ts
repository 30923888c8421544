import type { AggregateStore, Loaded, SaveResult } from '@itsm/platform/persistence';
import type { CiState, ConfigurationItem, Relationship } from '../domain';
import type { CmdbEvent } from './cmdb.envelopes';

/*
 * The small store ports the CMDB's handlers depend on: each handler names the few operations it
 * uses, the module binds the token to the repository, and handler unit tests bind in-memory fakes.
 */

/** Bound to CiRepository (typed per use as CiReader, CiStore or CiListing). */
export const CI_STORE = Symbol('CI_STORE');
/** Bound to RelationshipRepository (typed per use as RelationshipStore or RelationshipReader). */
export const RELATIONSHIP_STORE = Symbol('RELATIONSHIP_STORE');
/** Bound to IdentityClaimRepository. */
export const IDENTITY_CLAIM_STORE = Symbol('IDENTITY_CLAIM_STORE');
/** Bound to DiscoveryReceiptRepository. */
export const DISCOVERY_RECEIPT_STORE = Symbol('DISCOVERY_RECEIPT_STORE');

/** One CI by id, with what its next save needs. */
export interface CiReader {
  load(id: string): Promise<Loaded<ConfigurationItem> | undefined>;
}

/** One CI's writes: its state, history and events (outbox) in one document write. */
export interface CiStore extends CiReader, AggregateStore<ConfigurationItem, CmdbEvent> {
  /** Inserts a new CI with its events; PERSISTENCE.ALREADY_EXISTS when its id is taken. */
  create(ci: ConfigurationItem, events: readonly CmdbEvent[]): Promise<SaveResult>;
}

/** A CI as the listing and the index read it (no history). */
export type CiSummary = Omit<ConfigurationItem, 'history' | 'provenance' | 'identifiers'>;

export interface CiListFilter {
  readonly classIds?: readonly string[];
  readonly state?: CiState;
  readonly nameContains?: string;
}

/** A page of CIs (the listing). */
export interface CiListing {
  list(filter: CiListFilter, first: number, after: string | undefined): Promise<{ items: CiSummary[]; hasNextPage: boolean }>;
}

/** The active relationships of a CI (as source or target). */
export interface RelationshipReader {
  activeOf(ciId: string): Promise<Relationship[]>;
}

/** One relationship's writes; removal keeps the document (tombstone), adding again revives it. */
export interface RelationshipStore extends AggregateStore<Relationship, CmdbEvent> {
  create(relationship: Relationship, events: readonly CmdbEvent[]): Promise<SaveResult>;
}

export type ClaimOutcome = { readonly claimed: true } | { readonly claimed: false; readonly ownerId: string | undefined };

/** Identification keys claimed by CIs, one record per key (its uniqueness decides who created a CI first). */
export interface IdentityClaimStore {
  claim(key: string, ciId: string, at: Date): Promise<ClaimOutcome>;
  find(key: string): Promise<{ ciId: string; claimedAt: Date } | undefined>;
  /** Gives a key back, only if this CI still holds it. */
  release(key: string, ciId: string): Promise<void>;
  /** Every claim, in batches; answers how many there were. */
  forEach(batch: (items: { key: string; ciId: string }[]) => void): Promise<number>;
}

/**
 * The discovery feed records applied, per (source, record id), kept while a replay of them could
 * still pass the signature's timestamp check: a replayed record is then one effect, not a second one.
 */
export interface DiscoveryReceiptStore {
  applied(source: string, recordId: string): Promise<boolean>;
  /** Records the record as applied until `keepUntil` (a second recording of it is no error). */
  record(source: string, recordId: string, at: Date, keepUntil: Date): Promise<void>;
}
