import type { Principal } from '@itsm/platform/auth';
import { CurrentPrincipal, ROLES, Roles } from '@itsm/platform/auth';
import { toConnection } from '@itsm/platform/graphql';
import type { ConnectionOf } from '@itsm/platform/graphql';
import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InAppInbox } from '../application/channels/in-app/in-app-inbox.service';
import { PersonRefs } from '../application/person-refs';
import { notificationError, NotificationErrorCode } from '../domain';
import { notificationErrorFilter } from './notification-error.filter';
import { deliveryPage, inboxCursor, toInboxGql } from './delivery-graphql.mapper';
import { InboxNotificationConnectionGql, InboxNotificationGql } from './delivery.types';

/** The caller's own in-app inbox: anyone signed in reads and marks only their own entries. */
@Resolver(() => InboxNotificationGql)
@UseFilters(notificationErrorFilter)
export class InboxResolver {
  constructor(
    private readonly inbox: InAppInbox,
    private readonly personRefs: PersonRefs,
  ) {}

  @Query(() => InboxNotificationConnectionGql, { description: 'The caller\'s in-app notifications, newest first' })
  @Roles(...ROLES)
  async myNotifications(
    @CurrentPrincipal() caller: Principal,
    @Args('unreadOnly', { type: () => Boolean, defaultValue: false }) unreadOnly: boolean,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ConnectionOf<InboxNotificationGql>> {
    return toConnection(await this.inbox.entries(await this.personRefs.callerId(caller), unreadOnly, deliveryPage('ninbox', { first, after })), inboxCursor, toInboxGql);
  }

  @Query(() => InboxNotificationGql, { description: 'One of the caller\'s in-app notifications (NOTIFICATION.NOT_FOUND for anyone else\'s); the subscription notificationReceived answers with it' })
  @Roles(...ROLES)
  async myNotification(@CurrentPrincipal() caller: Principal, @Args('id', { type: () => ID }) id: string): Promise<InboxNotificationGql> {
    return toInboxGql(await this.inbox.entry(await this.personRefs.callerId(caller), id));
  }

  @Query(() => Int, { description: 'How many of the caller\'s in-app notifications are unread' })
  @Roles(...ROLES)
  async myUnreadNotificationCount(@CurrentPrincipal() caller: Principal): Promise<number> {
    return this.inbox.unreadCount(await this.personRefs.callerId(caller));
  }

  @Mutation(() => Int, { description: 'Marks the caller\'s notifications `ids` read, or all of them with `all: true`; answers how many were unread' })
  @Roles(...ROLES)
  async markNotificationsRead(
    @CurrentPrincipal() caller: Principal,
    @Args('ids', { type: () => [ID], nullable: true }) ids?: string[] | null,
    @Args('all', { type: () => Boolean, defaultValue: false }) all?: boolean,
  ): Promise<number> {
    const some = ids !== undefined && ids !== null;
    if (some === (all === true)) throw notificationError(NotificationErrorCode.InvalidInput, 'name the notifications (ids) or all of them (all: true), not both', { field: 'ids' });
    if (some && ids.length > 500) throw notificationError(NotificationErrorCode.InvalidInput, 'at most 500 ids at once', { field: 'ids' });
    return this.inbox.markRead(await this.personRefs.callerId(caller), some ? ids : null);
  }
}
