import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ChangeReads } from '../application/ports/change-store.port';
import { FindChangeHandler, FindChangeQuery, FindChangesHandler, FindChangesQuery, MAX_CHANGES_PAGE, VerifyChangeAuditHandler, VerifyChangeAuditQuery } from '../application/queries';
import { ChangeError, ChangeErrorCode } from '../domain';
import type { Change } from '../domain';
import { changeCursor, changePage, toChangeGql, toVerdictGql } from './change-graphql.mapper';
import { changeErrorFilter } from './change-error.filter';
import { CHANGE_MANAGERS, CHANGE_READERS } from './change-role-sets';
import { ChangeFilter } from './change.inputs';
import { ChangeAuditEntryGql, ChangeAuditVerdictGql, ChangeConnectionGql, ChangeGql } from './change.types';

/** Reading changes: one, a page, the federation reference, the audit chain and its verification. */
@Resolver(() => ChangeGql)
@UseFilters(changeErrorFilter)
export class ChangeQueryResolver {
  constructor(
    private readonly findChange: FindChangeHandler,
    private readonly findChanges: FindChangesHandler,
    private readonly verifyAudit: VerifyChangeAuditHandler,
    private readonly reads: ChangeReads,
  ) {}

  @Query(() => ChangeGql, { description: 'One change by id or by number (exactly one of them)' })
  @Roles(...CHANGE_READERS)
  async change(
    @CurrentPrincipal() viewer: Principal,
    @Args('id', { type: () => ID, nullable: true }) id?: string,
    @Args('number', { nullable: true }) number?: string,
  ): Promise<ChangeGql> {
    if ((id === undefined) === (number === undefined)) throw new ChangeError(ChangeErrorCode.InvalidInput, 'give either id or number', { field: 'id' });
    return toChangeGql(found(await this.findChange.execute(viewer, new FindChangeQuery(id !== undefined ? { id } : { number: number ?? '' })), id ?? number ?? ''));
  }

  @Query(() => ChangeConnectionGql, { description: 'Changes the caller may see, newest number first, with cursor pagination' })
  @Roles(...CHANGE_READERS)
  async changes(
    @CurrentPrincipal() viewer: Principal,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('filter', { nullable: true }) filter?: ChangeFilter,
  ): Promise<ConnectionOf<ChangeGql>> {
    const request = changePage({ first, after }, MAX_CHANGES_PAGE);
    const page = await this.findChanges.execute(viewer, new FindChangesQuery(filter ?? {}, request.first, request.after));
    return toConnection(page, changeCursor, toChangeGql);
  }

  @Query(() => ChangeAuditVerdictGql, { description: 'Admin: verifies the change\'s audit chain and names the first broken entry' })
  @Roles('admin')
  async verifyChangeAudit(@Args('id', { type: () => ID }) id: string): Promise<ChangeAuditVerdictGql> {
    return toVerdictGql(await this.verifyAudit.execute(new VerifyChangeAuditQuery(id)));
  }

  @ResolveField(() => [ChangeAuditEntryGql], { description: 'Every event of the change, oldest first, hash-chained (change managers, admins)' })
  @Roles(...CHANGE_MANAGERS)
  async auditTrail(@Parent() change: ChangeGql): Promise<ChangeAuditEntryGql[]> {
    return ((await this.reads.audit(change.id)) ?? []).map((entry) => ({ ...entry }));
  }

  @ResolveReference()
  @Roles(...CHANGE_READERS)
  async resolveReference(@Parent() reference: { id: string }, @CurrentPrincipal() viewer: Principal): Promise<ChangeGql> {
    return toChangeGql(found(await this.findChange.execute(viewer, new FindChangeQuery({ id: reference.id })), reference.id));
  }
}

function found(change: Change | undefined, key: string): Change {
  if (change === undefined) throw new ChangeError(ChangeErrorCode.NotFound, `change ${key} not found`, { changeId: key });
  return change;
}
