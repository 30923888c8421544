import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { Clock } from '@itsm/platform/config';
import { encodeCursor, InputTextArgs, pageRequest, toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf, PageRequestRules } from '@itsm/platform/graphql';
import { Inject, UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import {
  AddRelationshipCommand,
  AddRelationshipHandler,
  RemoveRelationshipCommand,
  RemoveRelationshipHandler,
  ReportDiscoveredCiCommand,
  ReportDiscoveredCiHandler,
  RetireCiCommand,
  RetireCiHandler,
  SaveCiClassCommand,
  SaveCiClassHandler,
  SaveDiscoverySourceCommand,
  SaveDiscoverySourceHandler,
  SaveRelationshipTypeCommand,
  SaveRelationshipTypeHandler,
  UpdateCiCommand,
  UpdateCiHandler,
} from '../application/commands';
import { CmdbDataModelService } from '../application/cmdb-data-model.service';
import { CmdbIndexService } from '../application/cmdb-index.service';
import type { ReconcileResult } from '../application/command-results';
import {
  CiClassesHandler,
  CiClassesQuery,
  CiRelationshipsHandler,
  CiRelationshipsQuery,
  ConfigurationItemHandler,
  ConfigurationItemQuery,
  ConfigurationItemsHandler,
  ConfigurationItemsQuery,
  DiscoverySourcesHandler,
  DiscoverySourcesQuery,
  ImpactAnalysisHandler,
  ImpactAnalysisQuery,
  RelationshipTypesHandler,
  RelationshipTypesQuery,
  ServiceMapHandler,
  ServiceMapQuery,
} from '../application/queries';
import { CmdbError, CmdbErrorCode, coerceAttributes } from '../domain';
import type { Relationship } from '../domain';
import { CiClassInput, DiscoveredCiInput, DiscoverySourceInput, ImpactAnalysisInput, RelationshipTypeInput, AttributeInput } from './cmdb.inputs';
import { CiClassGql, CiConnectionGql, CiHistoryEntryGql, CiRelationshipGql, ConfigurationItemGql, DiscoverySourceGql, ImpactAnalysisGql, ReconcileResultGql, RelationshipGql, RelationshipTypeGql } from './cmdb.types';
import { toCiGql, toClassGql, toHistoryGql, toImpactGql, toRelationshipTypeGql, toSourceGql } from './cmdb-graphql.mapper';
import { cmdbErrorFilter } from './cmdb-error.filter';
import { CMDB_ADMINS, CMDB_EDITORS, CMDB_READERS } from './role-sets';

/** CIs page in id order; a cursor holds the last CI id seen. */
const CI_PAGES: PageRequestRules<string> = {
  cursor: 'ci',
  maxFirst: 500,
  parseKey: (key) => (/^[0-9a-f]{24}$/.test(key) ? key : undefined),
  invalid: (field, message) => new CmdbError(CmdbErrorCode.InvalidInput, message, { field }),
};

function direction(value: string): 'outbound' | 'inbound' {
  if (value !== 'outbound' && value !== 'inbound') throw new CmdbError(CmdbErrorCode.InvalidInput, `direction is outbound or inbound, not ${value}`);
  return value;
}

function toRelationshipGql(relationship: Relationship, changed: boolean): RelationshipGql {
  return { id: relationship.id, typeId: relationship.typeId, sourceId: relationship.sourceId, targetId: relationship.targetId, state: relationship.state, source: relationship.source, changed };
}

/** The CMDB subgraph: CIs, their history and relationships, impact analysis, service maps, the data model. */
@Resolver(() => ConfigurationItemGql)
@UseFilters(cmdbErrorFilter)
export class CmdbResolver {
  constructor(
    private readonly configurationItemOf: ConfigurationItemHandler,
    private readonly configurationItemsOf: ConfigurationItemsHandler,
    private readonly relationshipsOf: CiRelationshipsHandler,
    private readonly impactOf: ImpactAnalysisHandler,
    private readonly serviceMapOf: ServiceMapHandler,
    private readonly ciClassesOf: CiClassesHandler,
    private readonly relationshipTypesOf: RelationshipTypesHandler,
    private readonly discoverySourcesOf: DiscoverySourcesHandler,
    private readonly reportDiscoveredCiHandler: ReportDiscoveredCiHandler,
    private readonly updateCi: UpdateCiHandler,
    private readonly retireCi: RetireCiHandler,
    private readonly addRelationshipHandler: AddRelationshipHandler,
    private readonly removeRelationshipHandler: RemoveRelationshipHandler,
    private readonly saveCiClassHandler: SaveCiClassHandler,
    private readonly saveRelationshipTypeHandler: SaveRelationshipTypeHandler,
    private readonly saveDiscoverySourceHandler: SaveDiscoverySourceHandler,
    private readonly dataModel: CmdbDataModelService,
    private readonly index: CmdbIndexService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @ResolveReference()
  @Roles(...CMDB_READERS)
  async resolveReference(reference: { id: string }): Promise<ConfigurationItemGql> {
    return toCiGql(this.dataModel.current(), await this.configurationItemOf.execute(new ConfigurationItemQuery(reference.id)));
  }

  @Query(() => ConfigurationItemGql, { description: 'A CI by id (CMDB.CI_NOT_FOUND when there is none)' })
  @Roles(...CMDB_READERS)
  async configurationItem(@Args('id', { type: () => ID }) id: string): Promise<ConfigurationItemGql> {
    return toCiGql(this.dataModel.current(), await this.configurationItemOf.execute(new ConfigurationItemQuery(id)));
  }

  @Query(() => CiConnectionGql, { description: 'CIs by class (subclasses included), state and name, in id order' })
  @Roles(...CMDB_READERS)
  async configurationItems(
    @Args('classId', { nullable: true }) classId?: string,
    @Args('state', { nullable: true, description: 'active or retired' }) state?: string,
    @Args('nameContains', { nullable: true }) nameContains?: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first = 50,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ConnectionOf<ConfigurationItemGql>> {
    if (state !== undefined && state !== 'active' && state !== 'retired') throw new CmdbError(CmdbErrorCode.InvalidInput, `state is active or retired, not ${state}`);
    const request = pageRequest({ first, after }, CI_PAGES);
    const page = await this.configurationItemsOf.execute(new ConfigurationItemsQuery({ ...(classId ? { classId } : {}), ...(state ? { state } : {}), ...(nameContains ? { nameContains } : {}) }, request.first, request.after));
    const dataModel = this.dataModel.current();
    return toConnection(page, (ci) => encodeCursor(CI_PAGES.cursor, ci.id), (ci) => toCiGql(dataModel, ci));
  }

  @ResolveField(() => [CiHistoryEntryGql], { description: 'Every change, oldest first' })
  @Roles(...CMDB_READERS)
  async history(@Parent() ci: ConfigurationItemGql): Promise<CiHistoryEntryGql[]> {
    return toHistoryGql(await this.configurationItemOf.execute(new ConfigurationItemQuery(ci.id)));
  }

  @ResolveField(() => [CiRelationshipGql], { description: 'Active relationships, read from this CI' })
  @Roles(...CMDB_READERS)
  async relationships(@Parent() ci: ConfigurationItemGql): Promise<CiRelationshipGql[]> {
    const dataModel = this.dataModel.current();
    return (await this.relationshipsOf.execute(new CiRelationshipsQuery(ci.id))).map((r) => {
      const outbound = r.sourceId === ci.id;
      const type = dataModel.findRelationshipType(r.typeId);
      const otherCiId = outbound ? r.targetId : r.sourceId;
      return {
        id: r.id,
        typeId: r.typeId,
        direction: outbound ? 'outbound' : 'inbound',
        reading: type === undefined ? r.typeId : outbound ? type.name : type.inverseName,
        otherCiId,
        otherCiName: this.index.index.ci(otherCiId)?.name ?? null,
        source: r.source,
        createdBy: r.createdBy,
        createdAt: r.createdAt,
      };
    });
  }

  @Query(() => ImpactAnalysisGql, { description: 'Downstream: what fails if these CIs fail (redundancy respected); upstream: what they need' })
  @Roles(...CMDB_READERS)
  impactAnalysis(@Args('input') input: ImpactAnalysisInput): ImpactAnalysisGql {
    const result = this.impactOf.execute(
      new ImpactAnalysisQuery({
        ciIds: input.ciIds,
        direction: input.direction as 'downstream' | 'upstream',
        maxDepth: input.maxDepth,
        ...(input.relationshipTypes ? { relationshipTypes: input.relationshipTypes } : {}),
        considerStatus: input.considerStatus,
        first: input.first,
      }),
    );
    return toImpactGql(this.dataModel.current(), this.index.index, result);
  }

  @Query(() => ImpactAnalysisGql, { description: 'A service\'s map: offerings, application services and the CIs under them (upstream)' })
  @Roles(...CMDB_READERS)
  serviceMap(
    @Args('serviceId', { type: () => ID }) serviceId: string,
    @Args('maxDepth', { type: () => Int, defaultValue: 10 }) maxDepth: number,
    @Args('first', { type: () => Int, defaultValue: 500 }) first: number,
  ): ImpactAnalysisGql {
    return toImpactGql(this.dataModel.current(), this.index.index, this.serviceMapOf.execute(new ServiceMapQuery(serviceId, maxDepth, first)));
  }

  @Mutation(() => ReconcileResultGql, { description: 'Reports a CI from a discovery source: identified, then created or reconciled under source precedence' })
  @Roles(...CMDB_ADMINS)
  async reportDiscoveredCi(@Args('input') input: DiscoveredCiInput, @CurrentPrincipal() principal: Principal): Promise<ReconcileResultGql> {
    const typed = await this.dataModel.withDataModel((dataModel) => ({
      attributes: coerceAttributes(dataModel, input.classId, input.attributes),
      relationships: input.relationships.map((r) => ({ typeId: r.typeId, direction: direction(r.direction), classId: r.classId, identifiers: coerceAttributes(dataModel, r.classId, r.identifiers) })),
    }));
    const result = await this.reportDiscoveredCiHandler.execute(new ReportDiscoveredCiCommand({ source: input.source, classId: input.classId, ...typed, by: principal.userId, at: this.clock.now().toISOString() }));
    return this.toResult(result);
  }

  @Mutation(() => ReconcileResultGql, { description: 'Edits a CI by hand (source manual); null clears an attribute' })
  @Roles(...CMDB_EDITORS)
  async updateConfigurationItem(
    @Args('id', { type: () => ID }) id: string,
    @Args('attributes', { type: () => [AttributeInput] }) attributes: AttributeInput[],
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReconcileResultGql> {
    const ci = await this.configurationItemOf.execute(new ConfigurationItemQuery(id));
    const typed = await this.dataModel.withDataModel((dataModel) => coerceAttributes(dataModel, ci.classId, attributes));
    return this.toResult(await this.updateCi.execute(new UpdateCiCommand(id, typed, principal.userId)));
  }

  @Mutation(() => ConfigurationItemGql, { description: 'Retires a CI: kept with its history, out of impact analysis, relationships removed' })
  @Roles(...CMDB_EDITORS)
  @InputTextArgs({ reason: 'text' })
  async retireConfigurationItem(@Args('id', { type: () => ID }) id: string, @Args('reason') reason: string, @CurrentPrincipal() principal: Principal): Promise<ConfigurationItemGql> {
    if (reason.length > 500) throw new CmdbError(CmdbErrorCode.InvalidInput, 'a reason has at most 500 characters');
    return toCiGql(this.dataModel.current(), await this.retireCi.execute(new RetireCiCommand(id, reason, principal.userId)));
  }

  @Mutation(() => RelationshipGql, { description: 'Adds a typed relationship (idempotent); CMDB.FORBIDDEN_RELATIONSHIP when the type\'s class rules do not admit it' })
  @Roles(...CMDB_EDITORS)
  async addRelationship(
    @Args('typeId') typeId: string,
    @Args('sourceId', { type: () => ID }) sourceId: string,
    @Args('targetId', { type: () => ID }) targetId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RelationshipGql> {
    const outcome = await this.addRelationshipHandler.execute(new AddRelationshipCommand(typeId, sourceId, targetId, principal.userId));
    return toRelationshipGql(outcome.relationship, outcome.changed);
  }

  @Mutation(() => RelationshipGql)
  @Roles(...CMDB_EDITORS)
  async removeRelationship(@Args('id', { type: () => ID }) id: string, @CurrentPrincipal() principal: Principal): Promise<RelationshipGql> {
    const outcome = await this.removeRelationshipHandler.execute(new RemoveRelationshipCommand(id, principal.userId));
    return toRelationshipGql(outcome.relationship, outcome.changed);
  }

  @Query(() => [CiClassGql])
  @Roles(...CMDB_READERS)
  ciClasses(): CiClassGql[] {
    const dataModel = this.dataModel.current();
    return this.ciClassesOf.execute(new CiClassesQuery()).map((c) => toClassGql(dataModel, c));
  }

  @Query(() => [RelationshipTypeGql])
  @Roles(...CMDB_READERS)
  relationshipTypes(): RelationshipTypeGql[] {
    return this.relationshipTypesOf.execute(new RelationshipTypesQuery()).map(toRelationshipTypeGql);
  }

  @Query(() => [DiscoverySourceGql])
  @Roles(...CMDB_READERS)
  discoverySources(): DiscoverySourceGql[] {
    return this.discoverySourcesOf.execute(new DiscoverySourcesQuery()).map(toSourceGql);
  }

  @Mutation(() => CiClassGql, { description: 'Adds (expectedVersion 0) or extends a CI class; existing attributes cannot be removed or retyped' })
  @Roles(...CMDB_ADMINS)
  async saveCiClass(@Args('input') input: CiClassInput, @Args('expectedVersion', { type: () => Int }) expectedVersion: number, @CurrentPrincipal() principal: Principal): Promise<CiClassGql> {
    const saved = await this.saveCiClassHandler.execute(new SaveCiClassCommand(
      {
        id: input.id,
        label: input.label,
        parentId: input.parentId ?? null,
        abstract: input.abstract,
        attributes: input.attributes.map((a) => ({
          name: a.name,
          label: a.label,
          type: a.type as never,
          required: a.required,
          ...(a.values ? { values: a.values } : {}),
          ...(a.min === undefined || a.min === null ? {} : { min: a.min }),
          ...(a.max === undefined || a.max === null ? {} : { max: a.max }),
          ...(a.maxLength === undefined || a.maxLength === null ? {} : { maxLength: a.maxLength }),
        })),
        identificationRules: input.identificationRules.map((r) => ({ attributes: r.attributes, perClass: r.perClass })),
      },
      expectedVersion,
      principal.userId,
    ));
    return toClassGql(this.dataModel.current(), saved);
  }

  @Mutation(() => RelationshipTypeGql, { description: 'Adds (expectedVersion 0) or changes a relationship type; built-in types may only gain class rules' })
  @Roles(...CMDB_ADMINS)
  async saveRelationshipType(@Args('input') input: RelationshipTypeInput, @Args('expectedVersion', { type: () => Int }) expectedVersion: number, @CurrentPrincipal() principal: Principal): Promise<RelationshipTypeGql> {
    const saved = await this.saveRelationshipTypeHandler.execute(new SaveRelationshipTypeCommand({ ...input, propagation: input.propagation as never, rules: input.rules.map((r) => ({ ...r })) }, expectedVersion, principal.userId));
    return toRelationshipTypeGql(saved);
  }

  @Mutation(() => DiscoverySourceGql, { description: 'Adds (expectedVersion 0) or changes a discovery source: precedence, per-attribute precedence, whether it may create CIs' })
  @Roles(...CMDB_ADMINS)
  async saveDiscoverySource(@Args('input') input: DiscoverySourceInput, @Args('expectedVersion', { type: () => Int }) expectedVersion: number, @CurrentPrincipal() principal: Principal): Promise<DiscoverySourceGql> {
    const attributePrecedence: Record<string, number> = {};
    for (const entry of input.attributePrecedence) attributePrecedence[entry.attribute] = entry.precedence;
    const saved = await this.saveDiscoverySourceHandler.execute(new SaveDiscoverySourceCommand({ id: input.id, label: input.label, precedence: input.precedence, attributePrecedence, mayCreate: input.mayCreate }, expectedVersion, principal.userId));
    return toSourceGql(saved);
  }

  private toResult(result: ReconcileResult): ReconcileResultGql {
    return {
      ci: toCiGql(this.dataModel.current(), result.ci),
      outcome: result.outcome,
      heldAttributes: result.held.map((h) => ({ ...h })),
      identificationConflicts: result.identificationConflicts.map((c) => ({ ...c })),
      relationships: result.relationships.map((r) => ({ ...r })),
    };
  }
}
