import { aggregateDocumentPlugin } from '@itsm/platform/persistence';
import type { AggregateMapper, Loaded, SaveResult, StoredDocument } from '@itsm/platform/persistence';
import { Schema } from 'mongoose';
import type { Model } from 'mongoose';
import type { DirectoryEvent, Organisation, OrganisationKind } from '../domain';
import { OrganisationQueries } from '../application/ports/directory-queries.port';
import type { DirectoryScope } from '../application/ports/directory-queries.port';
import type { OrganisationStore } from '../application/ports/directory-stores.port';
import { DirectoryAggregates } from './directory-aggregates';
import type { Sequenced } from './directory-aggregates';

export interface OrganisationDocument {
  id: string;
  name: string;
  kind: OrganisationKind;
  parentId: string | null;
  active: boolean;
}

export const organisationSchema = new Schema<OrganisationDocument & Sequenced>(
  {
    id: { type: String, required: true },
    name: { type: String, required: true },
    kind: { type: String, required: true },
    parentId: { type: String, default: null },
    active: { type: Boolean, required: true },
    sequence: { type: Number, required: true },
  },
  { collection: 'directory_organisations', id: false },
);
organisationSchema.plugin(aggregateDocumentPlugin);
// The list (all, or the scope's one) in id order.
organisationSchema.index({ id: 1 });

const organisationMapper: AggregateMapper<Organisation, OrganisationDocument> = {
  toDocument: (o) => ({ id: o.id, name: o.name, kind: o.kind, parentId: o.parentId, active: o.active }),
  toDomain: (d) => ({ id: d.id, name: d.name, kind: d.kind, parentId: d.parentId ?? null, active: d.active }),
};

/** Organisations (hundreds at most): each a platform aggregate. */
export class OrganisationRepository extends OrganisationQueries implements OrganisationStore {
  private readonly aggregates: DirectoryAggregates<Organisation, OrganisationDocument>;

  constructor(
    model: Model<StoredDocument<OrganisationDocument & Sequenced>>,
    afterCommit: () => void,
  ) {
    super();
    this.aggregates = new DirectoryAggregates('organisation', model, organisationMapper, afterCommit);
  }

  load(id: string): Promise<Loaded<Organisation> | undefined> {
    return this.aggregates.load(id);
  }

  create(organisation: Organisation, events: readonly DirectoryEvent[]): Promise<SaveResult> {
    return this.aggregates.create(organisation, events);
  }

  save(loaded: Loaded<Organisation>, organisation: Organisation, events: readonly DirectoryEvent[]): Promise<SaveResult> {
    return this.aggregates.save(loaded, organisation, events);
  }

  byId(id: string): Promise<Organisation | undefined> {
    return this.aggregates.find(id);
  }

  list(scope?: DirectoryScope): Promise<readonly Organisation[]> {
    return this.aggregates.all(scope?.organisationId === undefined ? {} : { id: scope.organisationId });
  }
}
