import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { SaveCiClassCommand, SaveCiClassHandler, SaveDiscoverySourceCommand, SaveDiscoverySourceHandler, SaveRelationshipTypeCommand, SaveRelationshipTypeHandler } from '../application/commands';
import { CmdbDataModelService } from '../application/cmdb-data-model.service';
import { CiClassesHandler, CiClassesQuery, DiscoverySourcesHandler, DiscoverySourcesQuery, RelationshipTypesHandler, RelationshipTypesQuery } from '../application/queries';
import { CiClassInput, DiscoverySourceInput, RelationshipTypeInput } from './cmdb.inputs';
import { CiClassGql, DiscoverySourceGql, RelationshipTypeGql } from './cmdb.types';
import { toClassGql, toRelationshipTypeGql, toSourceGql } from './cmdb-graphql.mapper';
import { cmdbErrorFilter } from './cmdb-error.filter';
import { CMDB_ADMINS, CMDB_READERS } from './role-sets';

/** The CMDB data model: CI classes, relationship types and discovery sources, read by staff and saved by admins. */
@Resolver()
@UseFilters(cmdbErrorFilter)
export class DataModelResolver {
  constructor(
    private readonly ciClassesOf: CiClassesHandler,
    private readonly relationshipTypesOf: RelationshipTypesHandler,
    private readonly discoverySourcesOf: DiscoverySourcesHandler,
    private readonly saveCiClassHandler: SaveCiClassHandler,
    private readonly saveRelationshipTypeHandler: SaveRelationshipTypeHandler,
    private readonly saveDiscoverySourceHandler: SaveDiscoverySourceHandler,
    private readonly dataModel: CmdbDataModelService,
  ) {}

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

  @Mutation(() => DiscoverySourceGql, { description: 'Adds (expectedVersion 0) or changes a discovery source: precedence, per-attribute precedence, whether it may create CIs, the keys its feed records are signed with' })
  @Roles(...CMDB_ADMINS)
  async saveDiscoverySource(@Args('input') input: DiscoverySourceInput, @Args('expectedVersion', { type: () => Int }) expectedVersion: number, @CurrentPrincipal() principal: Principal): Promise<DiscoverySourceGql> {
    const attributePrecedence: Record<string, number> = {};
    for (const entry of input.attributePrecedence) attributePrecedence[entry.attribute] = entry.precedence;
    const saved = await this.saveDiscoverySourceHandler.execute(new SaveDiscoverySourceCommand({ id: input.id, label: input.label, precedence: input.precedence, attributePrecedence, mayCreate: input.mayCreate, ...(input.verificationKeys == null ? {} : { verificationKeys: input.verificationKeys }) }, expectedVersion, principal.userId));
    return toSourceGql(saved);
  }
}
