import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, Roles } from '@itsm/platform/auth';
import { encodeCursor, pageRequest, toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AcknowledgeUnauthorisedChangeCommand } from '../application/commands/acknowledge-unauthorised-change/acknowledge-unauthorised-change.command';
import { AcknowledgeUnauthorisedChangeHandler } from '../application/commands/acknowledge-unauthorised-change/acknowledge-unauthorised-change.handler';
import { LinkUnauthorisedChangeCommand } from '../application/commands/link-unauthorised-change/link-unauthorised-change.command';
import { LinkUnauthorisedChangeHandler } from '../application/commands/link-unauthorised-change/link-unauthorised-change.handler';
import { UnauthorisedChangesHandler } from '../application/queries/unauthorised-changes/unauthorised-changes.handler';
import { UnauthorisedChangesQuery } from '../application/queries/unauthorised-changes/unauthorised-changes.query';
import { ChangeError, ChangeErrorCode } from '../domain';
import type { DiscoveredValue, UnauthorisedChange, UnauthorisedChangeStatus } from '../domain';
import { changeErrorFilter } from './change-error.filter';
import { CHANGE_MANAGERS } from './change-role-sets';
import { UnauthorisedChangeConnectionGql, UnauthorisedChangeGql, UnauthorisedChangeStatusGql } from './unauthorised-change.types';

export const MAX_UNAUTHORISED_CHANGES_PAGE = 200;
const CURSOR = 'uc';
const RECORD_ID = /^uc-[0-9]{15}-[0-9a-f]{16}$/;

const text = (value: DiscoveredValue): string | null => (value === null ? null : String(value));

export function toUnauthorisedChangeGql(record: UnauthorisedChange): UnauthorisedChangeGql {
  return { ...record, changes: record.changes.map((c) => ({ attribute: c.attribute, old: text(c.old), new: text(c.new) })) };
}

/** The change manager's unauthorised changes: the list (newest first), acknowledge with a note, link to a change. */
@Resolver(() => UnauthorisedChangeGql)
@UseFilters(changeErrorFilter)
export class UnauthorisedChangeResolver {
  constructor(
    private readonly list: UnauthorisedChangesHandler,
    private readonly acknowledge: AcknowledgeUnauthorisedChangeHandler,
    private readonly link: LinkUnauthorisedChangeHandler,
  ) {}

  @Query(() => UnauthorisedChangeConnectionGql, { description: 'CIs changed by discovery while no change on them was implementing, newest first' })
  @Roles(...CHANGE_MANAGERS)
  async unauthorisedChanges(
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { nullable: true }) after?: string,
    @Args('status', { type: () => [UnauthorisedChangeStatusGql], nullable: true, description: 'Any of these (default: all)' }) status?: UnauthorisedChangeStatus[],
    @Args('ciId', { type: () => ID, nullable: true }) ciId?: string,
  ): Promise<ConnectionOf<UnauthorisedChangeGql>> {
    const request = pageRequest(
      { first, after },
      { cursor: CURSOR, maxFirst: MAX_UNAUTHORISED_CHANGES_PAGE, parseKey: (key) => (RECORD_ID.test(key) ? key : undefined), invalid: (field, message) => new ChangeError(ChangeErrorCode.InvalidInput, message, { field }) },
    );
    const filter = { ...(status === undefined ? {} : { statuses: status }), ...(ciId === undefined ? {} : { ciId }) };
    const page = await this.list.execute(new UnauthorisedChangesQuery(filter, request.first, request.after));
    return toConnection(page, (record) => encodeCursor(CURSOR, record.id), toUnauthorisedChangeGql);
  }

  @Mutation(() => UnauthorisedChangeGql, { description: 'Accepts an open unauthorised change as known; the note says why' })
  @Roles(...CHANGE_MANAGERS)
  async acknowledgeUnauthorisedChange(@CurrentPrincipal() viewer: Principal, @Args('id', { type: () => ID }) id: string, @Args('note') note: string): Promise<UnauthorisedChangeGql> {
    return toUnauthorisedChangeGql(await this.acknowledge.execute(new AcknowledgeUnauthorisedChangeCommand(id, note, viewer.userId)));
  }

  @Mutation(() => UnauthorisedChangeGql, { description: 'Links an open unauthorised change to the change (naming its CI) that covers it' })
  @Roles(...CHANGE_MANAGERS)
  async linkUnauthorisedChange(
    @CurrentPrincipal() viewer: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('changeId', { type: () => ID }) changeId: string,
    @Args('note', { type: () => String, nullable: true }) note?: string | null,
  ): Promise<UnauthorisedChangeGql> {
    return toUnauthorisedChangeGql(await this.link.execute(new LinkUnauthorisedChangeCommand(id, changeId, note ?? null, viewer.userId)));
  }
}
