import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { AddRelationshipCommand, AddRelationshipHandler, RemoveRelationshipCommand, RemoveRelationshipHandler } from '../application/commands';
import type { Relationship } from '../domain';
import { RelationshipGql } from './cmdb.types';
import { cmdbErrorFilter } from './cmdb-error.filter';
import { CMDB_EDITORS } from './role-sets';

function toRelationshipGql(relationship: Relationship, changed: boolean): RelationshipGql {
  return { id: relationship.id, typeId: relationship.typeId, sourceId: relationship.sourceId, targetId: relationship.targetId, state: relationship.state, source: relationship.source, changed };
}

/** Typed relationships between CIs, added and removed by hand. */
@Resolver()
@UseFilters(cmdbErrorFilter)
export class CiRelationshipResolver {
  constructor(
    private readonly addRelationshipHandler: AddRelationshipHandler,
    private readonly removeRelationshipHandler: RemoveRelationshipHandler,
  ) {}

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
}
