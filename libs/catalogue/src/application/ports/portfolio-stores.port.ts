import type { ApprovalPolicy } from '@itsm/approval';
import type { AggregateStore, Loaded, SaveResult } from '@itsm/platform/persistence';
import type { BundleStatus, CatalogueBundle, CatalogueItem, Category, EntitlementRule, EntitlementRules, PortfolioEvent, PortfolioService } from '../../domain';

/** Catalogue items: one document per item with every version and its outbox (events keyed by serviceSubject('item', id)). */
export abstract class CatalogueItemStore implements AggregateStore<CatalogueItem, PortfolioEvent> {
  abstract load(id: string): Promise<Loaded<CatalogueItem> | undefined>;
  abstract save(loaded: Loaded<CatalogueItem>, aggregate: CatalogueItem, events: readonly PortfolioEvent[]): Promise<SaveResult>;
  /** CATALOGUE.CONFLICT when the id is taken. */
  abstract create(item: CatalogueItem, events: readonly PortfolioEvent[]): Promise<void>;
  abstract byId(id: string): Promise<CatalogueItem | undefined>;
  /** The ids of the service's published items (a retiring service withdraws them). */
  abstract publishedOfService(serviceId: string): Promise<readonly string[]>;
  /** One page of the entitled catalogue (see CatalogueBrowse), by name then id. */
  abstract browse(selection: BrowseSelection, first: number, after: string | null): Promise<readonly CatalogueItem[]>;
}

/** Which bundles a list selects: of one status (null: any) and category (null: any). */
export interface BundleSelection {
  readonly status: BundleStatus | null;
  readonly categoryId: string | null;
}

/** Catalogue bundles: one document per bundle with its outbox (events keyed by serviceSubject('bundle', id)). */
export abstract class CatalogueBundleStore implements AggregateStore<CatalogueBundle, PortfolioEvent> {
  abstract load(id: string): Promise<Loaded<CatalogueBundle> | undefined>;
  abstract save(loaded: Loaded<CatalogueBundle>, aggregate: CatalogueBundle, events: readonly PortfolioEvent[]): Promise<SaveResult>;
  /** CATALOGUE.CONFLICT when the id is taken. */
  abstract create(bundle: CatalogueBundle, events: readonly PortfolioEvent[]): Promise<void>;
  abstract byId(id: string): Promise<CatalogueBundle | undefined>;
  /** Up to `first` bundles by name then id, after the cursor key `after`. */
  abstract list(selection: BundleSelection, first: number, after: string | null): Promise<readonly CatalogueBundle[]>;
}

/** One page of a list, and whether more follow. */
export interface CataloguePage<T> {
  readonly items: readonly T[];
  readonly hasNextPage: boolean;
}

/** An offering a requester's organisation is not a customer of: its items are not theirs to see or order. */
export interface ClosedOffering {
  readonly serviceId: string;
  readonly offeringId: string;
}

/** Which published items a browse selects. */
export interface BrowseSelection {
  /** Null: every published item (admins); else the items granted by these rules or open to internal people. */
  readonly entitlement: {
    readonly grantRuleIds: readonly string[];
    readonly denyRuleIds: readonly string[];
    /** Whether items without grant rules are open (the caller is internal). */
    readonly internal: boolean;
  } | null;
  /** Items of these services are left out (not live). */
  readonly notLiveServiceIds: readonly string[];
  /** Items of these offerings are left out (the caller's organisation is not among their customers). */
  readonly closedOfferings: readonly ClosedOffering[];
  readonly categoryId: string | null;
  /** Lower-cased words each item's name or description must contain. */
  readonly words: readonly string[];
}

export abstract class CategoryStore {
  abstract byIds(ids: readonly string[]): Promise<ReadonlyMap<string, Category>>;
  abstract all(): Promise<readonly Category[]>;
  /** Creates or replaces. */
  abstract put(category: Category): Promise<void>;
}

export abstract class EntitlementRuleStore {
  abstract byIds(ids: readonly string[]): Promise<EntitlementRules>;
  /** The rules whose criteria match any of the profile's values (organisation, kind, roles, groups). */
  abstract matching(profile: { organisationId: string | null; organisationKind: string; roles: readonly string[]; groupIds: readonly string[] }): Promise<readonly EntitlementRule[]>;
  abstract list(first: number, after: string | null): Promise<readonly EntitlementRule[]>;
  abstract put(rule: EntitlementRule): Promise<void>;
  abstract remove(id: string): Promise<boolean>;
}

/** Services: one document per service with its go-live approval and outbox (events keyed by serviceSubject('service', id)). */
export abstract class ServiceStore implements AggregateStore<PortfolioService, PortfolioEvent> {
  abstract load(id: string): Promise<Loaded<PortfolioService> | undefined>;
  abstract save(loaded: Loaded<PortfolioService>, aggregate: PortfolioService, events: readonly PortfolioEvent[]): Promise<SaveResult>;
  abstract create(service: PortfolioService, events: readonly PortfolioEvent[]): Promise<void>;
  abstract byIds(ids: readonly string[]): Promise<ReadonlyMap<string, PortfolioService>>;
  abstract list(first: number, after: string | null): Promise<readonly PortfolioService[]>;
  /** The ids of the services not live (pipeline, retired): their items are not orderable. */
  abstract notLiveIds(): Promise<readonly string[]>;
  /** The offerings (of any lifecycle) whose customer organisations leave out `organisationId`. */
  abstract offeringsClosedTo(organisationId: string | null): Promise<readonly ClosedOffering[]>;
  /** The services whose pending go-live level names the person as approver. */
  abstract awaitingApprover(personId: string): Promise<readonly PortfolioService[]>;
}

/** The portfolio-steering policies a service's go-live runs ("run all"); catalogue admins manage them. */
export abstract class GoLivePolicyStore {
  abstract all(): Promise<readonly ApprovalPolicy[]>;
  abstract put(policy: ApprovalPolicy): Promise<void>;
  abstract remove(id: string): Promise<boolean>;
}
